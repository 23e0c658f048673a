import { z } from 'zod';
import { ERROR_CODES } from '../api/errors';
import { eventNames, type EventName } from '../api/events';

/**
 * The one message protocol between a shell and the core running beside it (issue 14, item 3): a
 * worker thread for the headless shell and the CLI, an Electron utilityProcess for the desktop app.
 * Every message is parsed with these schemas where it arrives; what does not parse is dropped and
 * reported, never acted on. Method inputs stay `unknown` here: the core's dispatch parses them
 * with the method's own schema (shared/api), exactly as in-process calls do.
 */

/** What the host needs to open the core: plain data only (functions cannot cross the boundary). */
export const hostOptions = z
  .object({
    dataDir: z.string().min(1).max(4096),
    shell: z.enum(['electron', 'headless']),
    nativeBinding: z.string().max(4096).optional(),
    externalChangePollMs: z.number().int().min(0).max(3_600_000).optional(),
    runSenders: z.boolean().optional(),
    statusPolling: z.boolean().optional(),
    logLevel: z.enum(['error', 'warn', 'info', 'debug']).optional(),
    /** Warnings and errors of the log also go to the host's stderr (the CLI's terminal). */
    logEcho: z.boolean().optional(),
    /**
     * The browser shell's and CLI's token file (accounts/file-vault.ts), opened in the host with this
     * key when one was given at start. Only for a worker thread: its options never leave the process.
     * The desktop app's keychain needs Electron's safeStorage, which only the main process has.
     */
    fileVault: z
      .object({ key: z.string().max(200).optional() })
      .strict()
      .optional(),
    /**
     * The desktop app's utilityProcess: tokens come from the main process's keychain through the
     * `tokens.set` host op (accounts/relayed-vault.ts), never through these options (argv is visible).
     */
    keychainRelay: z.boolean().optional(),
    /** `serve` under CAMPAIGN_DESK_TEST_SWITCHES: the core runs on a test clock the `clock.move` op moves. */
    testClock: z.boolean().optional(),
    /** With the test switches: the sandbox customers answer this much sooner (test-switches.ts). */
    sandboxReplyScale: z.number().gt(0).max(1).optional(),
    /** With the test switches: the sandbox's share of people over Meta's per-user marketing limit. */
    sandboxPerUserLimit: z.number().gt(0).max(1).optional(),
  })
  .strict();
export type HostOptions = z.infer<typeof hostOptions>;

/**
 * The shells' needs that are not contract methods: the file a download names, writing it to a
 * path the shell chose, moving the test clock, and what the desktop app's main process shows in
 * notifications (a campaign's name and pause code) and asks before quitting (campaigns its send
 * loops are sending), and the desktop keychain's relay: main hands the core its decrypted tokens
 * (`tokens.set`) and stores the ones migration 130's repair still holds (`tokens.pending`). The core
 * does them, since the data is there.
 */
export const HOST_OPS = [
  'download.name',
  'download.save',
  'clock.move',
  'campaign.facts',
  'senders.here',
  'tokens.set',
  'tokens.pending',
] as const;
export type HostOp = (typeof HOST_OPS)[number];

const callId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Shell → host. */
export const toHost = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('call'),
      id: callId,
      method: z.string().max(100),
      input: z.unknown(),
    })
    .strict(),
  /** What a shell needs beyond the contract (host-ops.ts): answered by a `result` with the same id. */
  z
    .object({
      type: z.literal('op'),
      id: callId,
      op: z.enum(HOST_OPS),
      input: z.unknown(),
    })
    .strict(),
  z.object({ type: z.literal('close') }).strict(),
]);
export type ToHost = z.infer<typeof toHost>;

const apiError = z
  .object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() })
  .strict();

/** Host → shell: results answer calls by id; events are the core's pushes, forwarded as they happen. */
export const fromHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z
    .object({
      type: z.literal('result'),
      id: callId,
      result: z.union([
        z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
        z.object({ ok: z.literal(false), error: apiError }).strict(),
      ]),
    })
    .strict(),
  z
    .object({
      type: z.literal('event'),
      name: z.enum(eventNames as [EventName, ...EventName[]]),
      payload: z.unknown(),
    })
    .strict(),
  /** The core could not open (a damaged data folder…): the words to show. */
  z.object({ type: z.literal('failed'), message: z.string() }).strict(),
  z.object({ type: z.literal('closed') }).strict(),
]);
export type FromHost = z.infer<typeof fromHost>;
