import type { ResourceLimits } from 'node:worker_threads';
import type { SandboxOptions } from '../sandbox';
import type { AccountClients, TokenSource } from './accounts/clients';
import type { TokenVault } from './accounts/token-vault';
import type { Handlers } from './api/handlers';
import type { Clock } from './clock';
import type { WorkerEntry } from './contacts/runner';
import type { AudienceService } from './contacts/service';
import type { CustomerService } from './customers/service';
import type { Store } from './db/connection';
import type { EventBus } from './events';
import type { LogLevel } from './log';
import type { ReplyService } from './replies/service';
import type { ReportService } from './reports/service';
import type { Scheduler } from './schedules/scheduler';
import type { SenderManager } from './sender/manager';
import type { PollerOptions } from './status/poller';
import type { StatusService } from './status/service';
import type { SuppressionService } from './suppression/service';

/** What createCore (service.ts) takes and gives: the shells and the tests build on these. */

export interface CoreOptions {
  dataDir: string;
  shell: 'electron' | 'headless';
  clock?: Clock;
  /** Monotonic milliseconds for the senders' pacing (performance.now); tests move it with the clock. */
  monotonic?: () => number;
  /** Electron's build of better-sqlite3 (see docs/architecture.md, "Native module"). */
  nativeBinding?: string;
  /** How often to look for writes by other processes (the CLI); 0 turns it off. */
  externalChangePollMs?: number;
  /** Where the import worker's code is (the Electron bundle passes its own). */
  workerEntry?: WorkerEntry;
  /** Test hook: make imports fail after reading this many bytes. */
  faultAfterBytes?: number;
  /** Test hook: a smaller memory cap for the audience import worker (contacts/runner.ts). */
  importWorkerLimits?: ResourceLimits;
  /** Access tokens: the keychain in the app, environment variables in the headless shell. */
  tokens?: TokenSource;
  /**
   * Where pasted tokens are kept: the OS keychain in the desktop app, the encrypted token file in
   * the browser shell and CLI (accounts/file-vault.ts). Stored tokens are read first, then the
   * account's environment variable; without a vault `accounts.setToken` is refused.
   */
  tokenVault?: TokenVault;
  /** Options for the embedded Cloud API simulator behind the Sandbox account (tests tune delays). */
  sandboxOptions?: SandboxOptions;
  /**
   * Whether this process runs send loops: the app and the browser shell do (and resume sending
   * campaigns on start); one-shot CLI commands do not, except `campaigns send --wait`.
   */
  runSenders?: boolean;
  /** Per-request timeout for the Cloud API (tests shorten it). */
  cloudApiTimeoutMs?: number;
  /**
   * Poll the status sources in the background. Default: the same as `runSenders` — the processes that
   * send are the ones that follow up on what they sent; other CLI commands poll only when asked.
   */
  statusPolling?: boolean;
  /** Background poll pacing (tests make it quick). */
  statusPoller?: PollerOptions;
  /** How much goes into logs/campaign-desk.log in the data folder (default: info). */
  logLevel?: LogLevel;
  /** Also print log lines (the CLI sends them to stderr). */
  logEcho?: (line: string) => void;
}

export interface Core {
  handlers: Handlers;
  senders: SenderManager;
  status: StatusService;
  clients: AccountClients;
  audience: AudienceService;
  reports: ReportService;
  suppression: SuppressionService;
  replies: ReplyService;
  customers: CustomerService;
  /** Recurring campaigns; tests call schedules.tick() after moving their clock. */
  schedules: Scheduler;
  events: EventBus;
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}
