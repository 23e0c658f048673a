import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

const root = join(import.meta.dirname, '..', '..');
// The bundled CLI that `npm run build` writes: what a production install runs, with plain node
// (and it starts in a fraction of tsx's time, which every E2E test pays several times).
const CLI = join(root, 'out', 'cli', 'cli.js');
if (!existsSync(CLI)) throw new Error('Run `npm run build` before the end-to-end tests.');

export interface AppHandle {
  url: string;
  openUrl: string;
  token: string;
  dataDir: string;
  /** A read-only look at the app's SQLite, to check what the UI did really landed. */
  query<T>(sql: string, ...params: unknown[]): T[];
  /** Writes to the app's SQLite directly: test setup for steps another test covers through the UI. */
  exec(sql: string, ...params: unknown[]): void;
  /**
   * Makes the backend refuse these contract methods ('*' for all; null to stop) through the
   * headless shell's test-only switch (electron/headless/test-switches.ts).
   */
  refuse(methods: string[] | '*' | null, message?: string): Promise<void>;
  /**
   * Moves the app's clock forward (electron/core/host/test-clock.ts): to `at` (epoch ms) or by
   * `advanceMs`; the senders wake and see the new time. Returns the app's time after the move.
   */
  clock(change: { at: number } | { advanceMs: number }): Promise<number>;
  /** Runs the CLI against the same data folder. */
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Calls a contract method over the headless shell's own API, as the page does: test setup
   * without a CLI process (~1 s of CPU each). Throws with the app's words when it is refused.
   */
  api<T>(method: string, input: unknown): Promise<T>;
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Starts the headless shell on a fresh data folder, exactly as `campaign-desk serve` does. */
async function startServer(
  dataDir: string,
  serveEnv: Record<string, string>,
): Promise<{ child: ChildProcess; info: { url: string; openUrl: string; token: string } }> {
  const child = spawn(
    process.execPath,
    [CLI, '--data-dir', dataDir, '--json', 'serve', '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Arms POST /test/refuse and /test/clock; nothing refuses and the clock is the real one until a
      // test asks (AppHandle.refuse, AppHandle.clock).
      // The sandbox's customers answer 20 times sooner than people do (issue 19's replying numbers).
      env: {
        ...process.env,
        CAMPAIGN_DESK_TEST_SWITCHES: '1',
        CAMPAIGN_DESK_SANDBOX_REPLY_SCALE: '0.05',
        ...serveEnv,
      },
    },
  );
  const info = await new Promise<{ url: string; openUrl: string; token: string }>(
    (resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        try {
          const parsed = JSON.parse(out) as { url: string; openUrl: string; token: string };
          clearTimeout(timer);
          resolve(parsed);
        } catch {
          // Not the whole JSON document yet.
        }
      });
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    },
  );
  return { child, info };
}

export const test = base.extend<{ app: AppHandle; serveEnv: Record<string, string> }>({
  /** More test switches for `serve` (test-switches.ts), set per spec with `test.use({ serveEnv })`. */
  serveEnv: [{}, { option: true }],
  app: async ({ serveEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cd-e2e-'));
    const { child, info } = await startServer(dataDir, serveEnv);
    const handle: AppHandle = {
      ...info,
      dataDir,
      query<T>(sql: string, ...params: unknown[]) {
        const db = new Database(join(dataDir, 'campaign-desk.sqlite'), { readonly: true });
        try {
          return db.prepare(sql).all(...params) as T[];
        } finally {
          db.close();
        }
      },
      exec(sql: string, ...params: unknown[]) {
        const db = new Database(join(dataDir, 'campaign-desk.sqlite'));
        try {
          db.pragma('busy_timeout = 5000');
          db.prepare(sql).run(...params);
        } finally {
          db.close();
        }
      },
      cli: (...args: string[]) => runCli(['--data-dir', dataDir, ...args]),
      async api<T>(method: string, input: unknown) {
        const res = await fetch(`${info.url}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` },
          body: JSON.stringify(input),
        });
        const result = (await res.json()) as
          { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
        if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
        return result.value;
      },
      async clock(change) {
        const res = await fetch(`${info.url}/test/clock`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` },
          body: JSON.stringify(change),
        });
        if (!res.ok)
          throw new Error(`The clock switch answered ${res.status}: ${await res.text()}`);
        return ((await res.json()) as { value: { now: number } }).value.now;
      },
      async refuse(methods, message) {
        const res = await fetch(`${info.url}/test/refuse`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` },
          body: JSON.stringify({ methods, ...(message ? { message } : {}) }),
        });
        if (!res.ok)
          throw new Error(`The refusal switch answered ${res.status}: ${await res.text()}`);
      },
    };
    await use(handle);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Opens the app and waits for its readiness attribute instead of sleeping. */
export async function openApp(page: Page, app: AppHandle): Promise<void> {
  await page.goto(app.openUrl);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
}

export { expect };
