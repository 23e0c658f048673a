import type { CoreClient } from '../core/host/client';

export type CrashChoice = 'restart' | 'quit';

export const CRASH_DIALOG = {
  buttons: ['Restart Campaign Desk’s engine', 'Quit'] as const,
  choices: ['restart', 'quit'] as const satisfies readonly CrashChoice[],
  message: 'Campaign Desk’s engine stopped unexpectedly.',
  detail:
    'Nothing that was saved is lost. Campaigns that were sending stay "sending" and go on after a restart; messages in flight at that moment are marked uncertain, as after any interruption.',
};

/** Asks the crash question with Electron's dialog.showMessageBox (injected). */
export async function askAfterCrash(
  showMessageBox: (options: Electron.MessageBoxOptions) => Promise<{ response: number }>,
): Promise<CrashChoice> {
  const { response } = await showMessageBox({
    type: 'error',
    buttons: [...CRASH_DIALOG.buttons],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
    message: CRASH_DIALOG.message,
    detail: CRASH_DIALOG.detail,
  });
  return crashChoiceFor(response);
}

/** Maps the dialog's button index to a choice; Escape or closing the dialog means quit. */
export function crashChoiceFor(response: number): CrashChoice {
  return CRASH_DIALOG.choices[response] ?? 'quit';
}

/**
 * Keeps the desktop core's utilityProcess running (issue 14 item 3b): when it ends without being
 * asked to, the user is asked (dialog injected) whether to restart it or quit. A restart starts a
 * new process and hands the new client to `connected`, which re-points IPC, events and tray at it.
 * At most `maxRestarts` restarts, so a core that crashes at every start ends in a quit, not a loop.
 */
export function superviseCore(deps: {
  start: () => CoreClient;
  connected: (client: CoreClient) => void;
  ask: () => Promise<CrashChoice>;
  quit: () => void;
  maxRestarts?: number;
}): { current: () => CoreClient } {
  const maxRestarts = deps.maxRestarts ?? 5;
  let restarts = 0;
  let client: CoreClient;
  const launch = () => {
    client = deps.start();
    client.onStopped(() => {
      void deps.ask().then(
        (choice) => {
          if (choice === 'restart' && restarts < maxRestarts) {
            restarts++;
            launch();
          } else deps.quit();
        },
        () => deps.quit(),
      );
    });
    deps.connected(client);
  };
  launch();
  return { current: () => client };
}
