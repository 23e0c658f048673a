import { sign, type Relay } from '../../../electron/headless/relay';

export const SECRET = 'app-secret-from-the-meta-dashboard';
export const READ = 'read-token-0123456789abcdef';
export const VERIFY = 'my-verify-token';

export interface FeedPage {
  events: { cursor: string; receivedAt: number; body: unknown }[];
  next: string | null;
}

export async function post(
  relay: Relay,
  body: string | Buffer,
  signature: string | null = sign(body, SECRET),
) {
  const res = await fetch(`${relay.url}/webhook`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(signature ? { 'X-Hub-Signature-256': signature } : {}),
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, text: await res.text() };
}

export async function page(
  relay: Relay,
  after = '',
  limit?: number,
  token = READ,
): Promise<{ status: number; json: FeedPage }> {
  const q = new URLSearchParams({
    ...(after ? { after } : {}),
    ...(limit ? { limit: String(limit) } : {}),
  });
  const res = await fetch(`${relay.url}/events?${q.toString()}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: res.status, json: (await res.json()) as FeedPage };
}
