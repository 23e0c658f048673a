import type { HostOpCall } from './downloads';

/** The user's answer when quitting while campaigns are sending. */
export type QuitChoice = 'quit' | 'background' | 'cancel';

export interface QuitGuardDeps {
  /** Campaigns this process is sending right now. */
  sendingHere: () => number;
  ask: (sending: number) => Promise<QuitChoice>;
  /** Close the windows and keep sending from the tray. */
  keepSendingInBackground: () => void;
  quit: () => void;
}

/**
 * Quitting while sending asks first. Quitting anyway is safe: the send loops finish their requests
 * in flight, the campaigns stay "sending" in the database, and the next start picks them up again
 * (the core's sender resumes sending campaigns on start; nothing here duplicates that).
 */
export function createQuitGuard(deps: QuitGuardDeps) {
  let confirmed = false;
  let asking = false;
  return {
    /** For app 'before-quit': lets the quit through, or holds it and asks. */
    beforeQuit(event: { preventDefault(): void }): void {
      if (confirmed) return;
      const sending = deps.sendingHere();
      if (sending === 0) return;
      event.preventDefault();
      if (asking) return;
      asking = true;
      deps.ask(sending).then(
        (choice) => {
          asking = false;
          if (choice === 'quit') {
            confirmed = true;
            deps.quit();
          } else if (choice === 'background') {
            deps.keepSendingInBackground();
          }
        },
        () => {
          asking = false;
        },
      );
    },
    /** The system is shutting down or logging out: never block it; sending resumes next start. */
    allowQuit(): void {
      confirmed = true;
    },
    /** For 'window-all-closed': stay alive in the tray while sending (and always on macOS). */
    stayInBackground(platform: NodeJS.Platform): boolean {
      return platform === 'darwin' || deps.sendingHere() > 0;
    },
  };
}

export const QUIT_DIALOG = {
  buttons: ['Keep sending in the background', 'Quit', 'Cancel'] as const,
  choices: ['background', 'quit', 'cancel'] as const satisfies readonly QuitChoice[],
  message: (sending: number) =>
    `Campaign Desk is sending ${sending === 1 ? 'a campaign' : `${sending} campaigns`}.`,
  detail:
    'If you quit, messages already on their way are finished and sending stops; it goes on by itself the next time you open Campaign Desk. Or close the window and keep sending in the background (the tray icon brings it back).',
};

/** Maps the dialog's button index to a choice; Escape or closing the dialog means cancel. */
export function choiceFor(response: number): QuitChoice {
  return QUIT_DIALOG.choices[response] ?? 'cancel';
}

/** Asks the quit question with Electron's dialog.showMessageBox (injected; over the window if any). */
export async function askBeforeQuit(
  showMessageBox: (options: Electron.MessageBoxOptions) => Promise<{ response: number }>,
  sending: number,
): Promise<QuitChoice> {
  const { response } = await showMessageBox({
    type: 'question',
    buttons: [...QUIT_DIALOG.buttons],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: QUIT_DIALOG.message(sending),
    detail: QUIT_DIALOG.detail,
  });
  return choiceFor(response);
}

/**
 * How many campaigns the core's send loops are sending, for the quit guard and the tray, which
 * must answer synchronously (before-quit, window-all-closed): the last count the core gave
 * (host op `senders.here`), asked again on each refresh (every send.progress, every change of the
 * campaigns table). Overlapping refreshes keep the newest answer; a failed one keeps the last.
 */
export function createSendingCount(op: HostOpCall) {
  let count = 0;
  let asked = 0;
  let applied = 0;
  return {
    current: () => count,
    async refresh(): Promise<number> {
      const mine = ++asked;
      const r = await op('senders.here', {});
      if (r.ok && mine > applied) {
        applied = mine;
        count = (r.value as { sending: number }).sending;
      }
      return count;
    },
  };
}
