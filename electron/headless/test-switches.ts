import type { ErrorCode, MethodName } from '../../shared/api';
import { METHOD_NAMES } from '../../shared/api';

/**
 * Test-only fault switch of the headless shell (issue 15 item 5): end-to-end tests make the
 * backend refuse chosen methods, to check that every button puts the refusal on screen. It is
 * off unless `campaign-desk serve` starts with CAMPAIGN_DESK_TEST_SWITCHES=1, and it lives in the
 * headless shell only: the desktop app (electron/main) never imports this file.
 */

export const TEST_SWITCHES_ENV = 'CAMPAIGN_DESK_TEST_SWITCHES';

export interface Refusing {
  methods: ReadonlySet<string>;
  code: ErrorCode;
  message: string;
}

const CODES: readonly ErrorCode[] = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'INTERNAL',
];

/** Parses POST /test/refuse's body: `{ methods: [...] | "*" , code?, message? }`, or `{ methods: null }` to stop. */
export function parseRefusing(body: unknown): Refusing | null | string {
  if (typeof body !== 'object' || body === null) return 'Send a JSON object.';
  const b = body as Record<string, unknown>;
  if (b.methods === null) return null;
  const known = new Set<string>(METHOD_NAMES);
  const methods =
    b.methods === '*'
      ? known
      : Array.isArray(b.methods) && b.methods.every((m) => typeof m === 'string' && known.has(m))
        ? new Set(b.methods as MethodName[])
        : undefined;
  if (!methods) return 'methods: "*", null, or a list of contract method names.';
  const code = (b.code ?? 'CONFLICT') as ErrorCode;
  if (!CODES.includes(code)) return `code: one of ${CODES.join(', ')}.`;
  const message =
    typeof b.message === 'string' && b.message.trim()
      ? b.message.slice(0, 500)
      : 'The test switch refused this on purpose.';
  return { methods, code, message };
}

export const SANDBOX_PER_USER_LIMIT_ENV = 'CAMPAIGN_DESK_SANDBOX_PER_USER_LIMIT';

/**
 * With the test switches on, the share (0, 1] of people the sandbox puts over Meta's per-user
 * marketing limit (131049) each day, so an end-to-end test sees deferred recipients. Off otherwise.
 */
export function sandboxPerUserLimit(env: NodeJS.ProcessEnv): number | undefined {
  const share = Number(env[SANDBOX_PER_USER_LIMIT_ENV]);
  if (!Number.isFinite(share) || share <= 0 || share > 1) return undefined;
  return share;
}

export const SANDBOX_REPLY_SCALE_ENV = 'CAMPAIGN_DESK_SANDBOX_REPLY_SCALE';

/**
 * With the test switches on, end-to-end tests shorten the sandbox customers' answer delays (20 s to
 * 3 min, as people take) by this factor, so a test sees replies arrive without waiting minutes.
 * Anything but a number in (0, 1] is ignored.
 */
export function sandboxReplyScale(env: NodeJS.ProcessEnv): number | undefined {
  const scale = Number(env[SANDBOX_REPLY_SCALE_ENV]);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) return undefined;
  return scale;
}
