import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** Runs a program without a shell and says how it ended (injected so tests need no Windows). */
export type CommandRunner = (
  file: string,
  args: string[],
) => { status: number | null; output: string; error?: Error };

export const runCommand: CommandRunner = (file, args) => {
  // No shell: the data folder's path goes to icacls as one argument, whatever it contains.
  const r = spawnSync(file, args, { encoding: 'utf8', windowsHide: true, timeout: 15_000 });
  return {
    status: r.status,
    output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(),
    ...(r.error ? { error: r.error } : {}),
  };
};

/** The account icacls grants to: DOMAIN\user as Windows names it, else the bare user name. */
export function windowsAccount(env: NodeJS.ProcessEnv = process.env): string | null {
  const user = env.USERNAME || safeUserName();
  if (!user) return null;
  return env.USERDOMAIN ? `${env.USERDOMAIN}\\${user}` : user;
}

function safeUserName(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

/**
 * Windows: the data folder's ACL narrowed to the current user, the way `chmod 700` does elsewhere.
 * `/inheritance:r` drops what the folder inherits from its parent (a folder outside the profile,
 * such as D:\CampaignDesk, typically lets every user read); `/grant:r user:(OI)(CI)F` replaces the
 * user's explicit grants with full control, inherited by every file and folder inside. Syntax and
 * flags: verified against Microsoft's icacls page (learn.microsoft.com, windows-commands/icacls).
 * Assumed, not run here (no Windows machine): that Windows propagates the new inheritable grant to
 * the files already inside (files with explicit ACEs of their own keep those), and that running it
 * at every start is cheap (it is idempotent).
 *
 * Never throws: a failure is a warning in words (the app still works, only less private).
 */
export function restrictToCurrentUser(
  dataDir: string,
  run: CommandRunner = runCommand,
  env: NodeJS.ProcessEnv = process.env,
): { warning: string | null } {
  const account = windowsAccount(env);
  const advice = `Other users of this computer may be able to read the data folder (${dataDir}); to close it, open its Properties › Security and leave only your own account.`;
  if (!account) return { warning: `Could not tell which Windows account this is. ${advice}` };
  let result: ReturnType<CommandRunner>;
  try {
    result = run('icacls', [dataDir, '/inheritance:r', '/grant:r', `${account}:(OI)(CI)F`, '/q']);
  } catch (e) {
    result = { status: null, output: '', error: e instanceof Error ? e : new Error(String(e)) };
  }
  if (result.status === 0 && !result.error) return { warning: null };
  const why = result.error?.message || result.output || `icacls ended with status ${result.status}`;
  return {
    warning: `Could not restrict the data folder to ${account} (${why.slice(0, 300)}). ${advice}`,
  };
}
