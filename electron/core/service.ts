import { join } from 'node:path';
import type { Core, CoreOptions } from './core-types';
import { accountLimitHandlers } from './accounts/limit-handlers';
import { accountMarketingHandlers } from './accounts/marketing-check';
import type { accountTokenMethods } from '../../shared/api/methods/accounts-token';
import type { audienceMethods } from '../../shared/api/methods/audience';
import type { campaignMethods } from '../../shared/api/methods/campaigns';
import type { sendingMethods } from '../../shared/api/methods/sending';
import type { statusMethods } from '../../shared/api/methods/status';
import { createAccountService } from './accounts/service';
import { analyticsHandlers } from './analytics/handlers';
import { createRetryFailedDraft, retryFailedPlan } from './campaigns/retry-failed';
import { audienceFilterHandlers } from './campaigns/audience-filter-service';
import { createSendingService } from './campaigns/sending';
import { createSenderManager } from './sender/manager';
import { createStatusService } from './status/service';
import type { Handlers, HandlersFor } from './api/handlers';
import { templateHandlers } from './templates/handlers';
import { studioHandlers } from './templates/studio/handlers';
import { createStudioService } from './templates/studio/service';
import { createTemplateService } from './templates/service';
import { createReach } from './templates/reach';
import { createAccountClients, envTokenSource } from './accounts/clients';
import { ensureSandboxAccount, listAccounts } from './accounts/repo';
import { createTokenService, tokenRefFor, vaultThenEnv } from './accounts/token-vault';
import { rescueTokens } from './accounts/token-rescue';
import { createConnectionCheck } from './accounts/connection-check';
import { createCampaignService } from './campaigns/service';
import { createAudienceService } from './contacts/service';
import { defaultWorkerEntry } from './contacts/runner';
import { pruneUploads } from './contacts/uploads';
import { reportHandlers } from './reports/handlers';
import { createReportService } from './reports/service';
import { suppressionHandlers } from './suppression/handlers';
import { replyHandlers } from './replies/handlers';
import { createReplyNotifier } from './replies/notify';
import { createReplyService } from './replies/service';
import { customerHandlers } from './customers/handlers';
import { segmentHandlers } from './customers/segment-handlers';
import { createCustomerService } from './customers/service';
import { createSuppressionService } from './suppression/service';
import { scheduleHandlers } from './schedules/handlers';
import { createScheduler } from './schedules/scheduler';
import { systemClock } from './clock';
import { schemaVersion } from './db/migrate';
import { DATABASE_FILE, openStore } from './db/open';
import { EventBus } from './events';
import { watchExternalChanges } from './db/external-changes';
import { APP_VERSION } from './version';
import type { pacingMethods } from '../../shared/api/methods/pacing';
import type { deliveryMethods } from '../../shared/api/methods/delivery';
import { createDeliveryService } from './campaigns/delivery-service';
import type { settingsMethods } from '../../shared/api/methods/settings';
import { readBusinessCountry, writeBusinessCountry } from './settings/business-country';
import { createPacingService } from './campaigns/pacing-service';
import { createVariantService, variantHandlers } from './campaigns/variants-service';
import { createFileLogger, installLogger } from './log';
import { templateClicksSource } from './analytics/variant-clicks';

export type { Handlers };

export type { Core, CoreOptions } from './core-types';

/**
 * The application: everything a user can do is a handler here. Both shells call it and
 * neither adds behaviour of its own. This module never imports Electron.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const restoreLog = installLogger(
    createFileLogger({
      dataDir: options.dataDir,
      ...(options.logLevel ? { level: options.logLevel } : {}),
      ...(options.logEcho ? { echo: options.logEcho } : {}),
    }),
  );
  const { store } = openStore(options.dataDir, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    now: () => clock.now(),
  });
  const events = new EventBus();
  ensureSandboxAccount(store, clock.now());

  const tokens =
    options.tokens ??
    (options.tokenVault
      ? vaultThenEnv(options.tokenVault, process.env)
      : envTokenSource(process.env));
  const clients = createAccountClients({
    store,
    tokens,
    ...(options.sandboxOptions ? { sandboxOptions: options.sandboxOptions } : {}),
    ...(options.cloudApiTimeoutMs ? { timeoutMs: options.cloudApiTimeoutMs } : {}),
  });
  const campaigns = createCampaignService({ store, clock, events });
  const senders = createSenderManager({
    store,
    clock,
    events,
    clients,
    autoRun: options.runSenders ?? false,
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
  });
  // Who will receive each campaign's message: one computation for every screen and the start.
  const reach = createReach(store, clock);
  const sending = createSendingService({ store, clock, events, clients, senders, reach });
  const accounts = createAccountService({
    store,
    clock,
    events,
    clients,
    forgetToken: (accountId) => {
      options.tokenVault?.remove(tokenRefFor(accountId));
      clients.forget(accountId);
    },
  });
  // Migration 130's repair: tokens typed where a variable name goes leave the database now.
  rescueTokens(store, options.tokenVault, clock.now());
  const checkConnection = createConnectionCheck({ store, clock, events, clients });
  const notifyReplies = createReplyNotifier({ store, clock, events });
  const status = createStatusService({
    store,
    clock,
    events,
    clients,
    tokens,
    background: options.statusPolling ?? options.runSenders ?? false,
    ...(options.statusPoller ? { poller: options.statusPoller } : {}),
    wakeCampaign: (campaignId) => senders.wake(campaignId),
    onInbound: (messages) => notifyReplies(messages),
  });
  const audience = createAudienceService({
    store,
    clock,
    events,
    dataDir: options.dataDir,
    workerEntry: options.workerEntry ?? defaultWorkerEntry(),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.faultAfterBytes !== undefined ? { faultAfterBytes: options.faultAfterBytes } : {}),
    ...(options.importWorkerLimits ? { workerLimits: options.importWorkerLimits } : {}),
  });
  void pruneUploads(options.dataDir, 24 * 3600_000, clock.now()).catch(() => undefined);
  // Button clicks per variant come from the template analytics already stored (never the recipients).
  const clicksFor = (campaignId: number) => templateClicksSource(store, campaignId, clock.now());
  const reports = createReportService({
    store,
    clock,
    events,
    dataDir: options.dataDir,
    clicksFor,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  void reports.prune();
  const suppression = createSuppressionService({
    store,
    clock,
    events,
    dataDir: options.dataDir,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });

  const replies = createReplyService({
    store,
    clock,
    events,
    clients,
    dataDir: options.dataDir,
  });

  const customers = createCustomerService({
    store,
    clock,
    events,
    dataDir: options.dataDir,
    workerEntry: options.workerEntry ?? defaultWorkerEntry(),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });

  const campaignHandlers: HandlersFor<typeof campaignMethods> = {
    'app.info': () => ({
      name: 'Campaign Desk',
      version: APP_VERSION,
      shell: options.shell,
      dataDir: options.dataDir,
      databasePath: join(options.dataDir, DATABASE_FILE),
      schemaVersion: schemaVersion(store.sqlite),
    }),
    'accounts.list': () => listAccounts(store),
    'campaigns.list': () => campaigns.list(),
    'campaigns.create': (input) => campaigns.create(input),
    'campaigns.get': (input) => campaigns.get(input.id),
    'campaigns.rename': (input) => campaigns.rename(input.id, input.name),
    'campaigns.delete': (input) => campaigns.delete(input.id),
  };
  const audienceHandlers: HandlersFor<typeof audienceMethods> = {
    'audience.preview': (input) => audience.preview(input),
    'audience.import': (input) => audience.import(input),
    'audience.cancelImport': (input) => audience.cancel(input.campaignId),
    'audience.clear': (input) => audience.clear(input.campaignId),
    'audience.imports': (input) => audience.imports(input.campaignId),
    'audience.invalidRows': (input) =>
      audience.invalidRows(input.importId, input.limit, input.offset),
    'recipients.list': (input) => audience.recipients(input.campaignId, input.limit, input.afterId),
  };
  const sendingHandlers: HandlersFor<typeof sendingMethods> = {
    'campaigns.precheck': (input) => sending.precheck(input.campaignId),
    'campaigns.start': (input) => sending.start(input.campaignId, input.scheduleAt),
    'campaigns.pause': (input) => sending.pause(input.campaignId),
    'campaigns.resume': (input) => sending.resume(input.campaignId),
    'campaigns.cancel': (input) => sending.cancel(input.campaignId),
    'campaigns.status': (input) => sending.status(input.campaignId),
    'campaigns.resendUnknown': (input) => sending.resendUnknown(input.campaignId),
    'campaigns.testSend': (input) =>
      sending.testSend(input.campaignId, input.phone, input.recipientId),
    'campaigns.retryFailed': (input) =>
      createRetryFailedDraft({ store, clock, events }, input.campaignId),
    'campaigns.retryFailedPlan': (input) => retryFailedPlan(store, input.campaignId, clock.now()),
    'accounts.add': (input) => accounts.add(input),
    'accounts.update': (input) => accounts.update(input),
  };
  const statusHandlers: HandlersFor<typeof statusMethods> = {
    'campaigns.syncStatus': (input) => status.syncStatus(input.campaignId),
    'campaigns.failures': (input) => status.failures(input.campaignId),
    'campaigns.timeline': (input) => status.timeline(input.campaignId, input.bucketSeconds),
    'recipients.page': (input) => status.recipientsPage(input),
    'accounts.statusSources': (input) => status.statusSources(input.accountId),
    'accounts.setStatusSources': (input) => status.setStatusSources(input),
  };
  const tokenService = createTokenService({
    store,
    clock,
    events,
    clients,
    env: process.env,
    ...(options.tokenVault ? { vault: options.tokenVault } : {}),
  });
  const tokenHandlers: HandlersFor<typeof accountTokenMethods> = {
    'accounts.tokenStatus': (input) => tokenService.status(input.accountId),
    'accounts.setToken': (input) => tokenService.setToken(input.accountId, input.token),
    'accounts.unlockTokens': (input) => tokenService.unlock(input.key),
    'accounts.resetTokens': () => tokenService.reset(),
    'accounts.testConnection': (input) => checkConnection(input.accountId),
  };
  const settingsHandlers: HandlersFor<typeof settingsMethods> = {
    'settings.businessCountry': () => readBusinessCountry(store),
    'settings.setBusinessCountry': (input) => {
      const saved = writeBusinessCountry(store, input.country);
      // Drafts read the country when they preview a file: their screens refetch with the accounts.
      events.emit('db.changed', { tables: ['accounts'] });
      return saved;
    },
  };
  const templates = createTemplateService({
    store,
    clock,
    events,
    clients,
    dataDir: options.dataDir,
    reach,
  });
  const variants = createVariantService({
    store,
    clock,
    events,
    dataDir: options.dataDir,
    clicksFor,
  });
  const pacing = createPacingService({ store, clock, events, reach });
  const pacingHandlers: HandlersFor<typeof pacingMethods> = {
    'campaigns.pacing': (input) => pacing.view(input.campaignId),
    'campaigns.setPacing': (input) => pacing.set(input),
    'accounts.pacingDefaults': () => pacing.defaults(),
  };
  const delivery = createDeliveryService({ store, clock, events });
  const deliveryHandlers: HandlersFor<typeof deliveryMethods> = {
    'campaigns.delivery': (input) => delivery.view(input.campaignId),
    'campaigns.setDelivery': (input) => delivery.set(input),
  };
  const handlers: Handlers = {
    ...campaignHandlers,
    ...audienceHandlers,
    ...sendingHandlers,
    ...statusHandlers,
    ...templateHandlers(templates, store, clock, options.dataDir),
    ...studioHandlers(createStudioService({ store, clock, events, clients })),
    ...reportHandlers(reports),
    ...tokenHandlers,
    ...accountLimitHandlers({ store, clock, events, clients }),
    ...accountMarketingHandlers({ store, clock, events, clients }),
    ...suppressionHandlers(suppression),
    ...analyticsHandlers(status.analytics),
    ...pacingHandlers,
    ...deliveryHandlers,
    ...audienceFilterHandlers({ store, clock, events }),
    ...variantHandlers(variants),
    ...settingsHandlers,
    ...replyHandlers(replies),
    ...customerHandlers(customers),
    ...segmentHandlers({ store, clock, events }),
    ...scheduleHandlers({ store, clock, events }),
  };
  if (options.runSenders) senders.tick();
  // Recurring campaigns run where campaigns are sent; missed runs are caught up at once.
  const schedules = createScheduler({
    store,
    clock,
    events,
    start: (campaignId) => sending.start(campaignId),
    autoRun: options.runSenders ?? false,
  });
  if (options.runSenders) void schedules.tick();

  const stopWatch = watchExternalChanges(store, events, options.externalChangePollMs ?? 1000);

  return {
    handlers,
    senders,
    status,
    clients,
    audience,
    reports,
    suppression,
    replies,
    customers,
    schedules,
    events,
    store,
    dataDir: options.dataDir,
    close: async () => {
      stopWatch();
      // A run in hand finishes its start before the senders and the store close.
      await schedules.close();
      suppression.close();
      customers.close();
      await reports.close();
      // Pollers abort their requests and finish the page they are applying.
      await status.close();
      // Loops stop claiming, finish requests in flight and write their results before the store closes.
      await senders.close();
      await clients.close();
      store.close();
      restoreLog();
    },
  };
}
