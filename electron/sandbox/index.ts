import type { AddressInfo } from 'node:net';
import { DEFAULT_DELIVERY } from './delivery';
import { injectInbound } from './inbound';
import { SANDBOX_TEMPLATES } from './samples';
import { createSandboxServer, Resources, SANDBOX_HOST } from './server';
import { SandboxState } from './state';
import type { Sandbox, SandboxOptions } from './types';

/**
 * A local simulator of Meta's WhatsApp Cloud API (see ARCHITECTURE.md, "The sandbox"): the account a
 * new user starts with, and what tests and benchmarks send to.
 */

export const SANDBOX_DEFAULTS = {
  token: 'sandbox-token',
  feedToken: 'sandbox-feed-token',
  phoneNumberId: '100000000000001',
  wabaId: '200000000000001',
  displayPhoneNumber: '15550000000',
  ratePerSecond: 80,
  // Meta: one message every 6 s to one user, bursts of up to 45 paid back at that pace.
  pairRate: { burst: 45, intervalMs: 6000 },
  portfolioId: '300000000000001',
} as const;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const d = SANDBOX_DEFAULTS;
  const account = {
    phoneNumberId: options.phoneNumberId ?? d.phoneNumberId,
    wabaId: options.wabaId ?? d.wabaId,
    displayPhoneNumber: options.displayPhoneNumber ?? d.displayPhoneNumber,
  };
  const pair = options.pairRate ?? d.pairRate;
  const state = new SandboxState({
    account,
    token: options.token ?? d.token,
    feedToken: options.feedToken ?? d.feedToken,
    templates: options.templates ?? SANDBOX_TEMPLATES,
    delivery: { ...DEFAULT_DELIVERY, ...options.delivery },
    rate: {
      ratePerSecond: options.ratePerSecond ?? d.ratePerSecond,
      pairBurst: pair.burst,
      pairIntervalMs: pair.intervalMs,
    },
    faults: options.faults ?? {},
    ...(options.analytics ? { analytics: options.analytics } : {}),
    now: options.now ?? Date.now,
    keepComponents: options.keepComponents ?? false,
    historyOrder: options.historyOrder ?? 'newest-first',
    ...(options.marketing ? { marketing: options.marketing } : {}),
    ...(options.volumeTiers ? { volumeTiers: options.volumeTiers } : {}),
    ...(options.reviewDelayMs !== undefined && { reviewDelayMs: options.reviewDelayMs }),
    portfolio: {
      id: options.portfolio?.id ?? d.portfolioId,
      limit: options.portfolio?.limit === undefined ? null : options.portfolio.limit,
    },
  });

  const resources = new Resources();
  let url = '';
  const server = createSandboxServer(state, resources, () => url);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, SANDBOX_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${SANDBOX_HOST}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      resources.clear();
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    port,
    phoneNumberId: account.phoneNumberId,
    wabaId: account.wabaId,
    feedToken: state.feedToken,
    close,
    stats: () => state.stats(),
    setFaults: (f) => state.faults.set(f),
    pauseTemplate: (name, language) => state.setTemplateStatus(name, language, 'PAUSED'),
    revokeToken: () => {
      state.token = null;
    },
    rememberInbound: (waId, at) => state.recordInbound(waId, at),
    setPortfolioLimit: (limit) => {
      state.portfolio.limit = limit;
    },
    setMarketing: (m) => {
      if (m.onboarding !== undefined) state.marketing.onboarding = m.onboarding;
      if (m.cloudApiMarketingOff !== undefined)
        state.marketing.cloudApiMarketingOff = m.cloudApiMarketingOff;
      if (m.perUserLimitShare !== undefined) state.marketing.limitShare = m.perUserLimitShare;
    },
    syncTemplate: (name, language, ms) => {
      const t = state.findTemplate(name, language);
      if (!t?.id) throw new Error(`The sandbox has no template "${name}" in "${language}".`);
      state.marketing.syncingUntil.set(t.id, state.now() + ms);
    },
    setToken: (t) => {
      state.token = t;
    },
    setHistoryOrder: (order) => {
      state.historyOrder = order;
    },
    injectInbound: (m) => injectInbound(state, m),
    state: state.view(),
  };
}

export { describeSandbox } from './describe';
export { SANDBOX_TEMPLATES } from './samples';
export { SANDBOX_TEST_NUMBERS, ukTwin } from './test-numbers';
export { MEDIA_TTL_MS } from './media';
export { type FeedEvent, type FeedPage } from './feed';
export type * from './types';
