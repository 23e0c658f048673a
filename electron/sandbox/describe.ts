import { SANDBOX_REPLY_NUMBERS, SANDBOX_TEST_NUMBERS } from './test-numbers';
import type { Sandbox } from './types';

/** What `campaign-desk sandbox` prints: everything needed to point the app (or curl) at it. */
export function describeSandbox(sandbox: Sandbox): string {
  const token = sandbox.state.token();
  const numbers = [
    ...Object.values(SANDBOX_TEST_NUMBERS),
    ...Object.values(SANDBOX_REPLY_NUMBERS),
  ].map((t) => `  ${t.number.padEnd(14)} ${t.description}`);
  return [
    `WhatsApp Cloud API sandbox listening on ${sandbox.url}`,
    '',
    `  Base URL         ${sandbox.url}/v23.0  (any vX.Y works)`,
    `  Access token     ${token ?? '(revoked)'}`,
    `  Phone number id  ${sandbox.phoneNumberId}`,
    `  WABA id          ${sandbox.wabaId}`,
    `  Relay feed       GET ${sandbox.url}/events  (Authorization: Bearer ${sandbox.feedToken})`,
    '',
    'Test numbers (every other number gets a realistic random outcome):',
    ...numbers,
    '',
  ].join('\n');
}
