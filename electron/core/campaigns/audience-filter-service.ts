import type { FilterCount, FilterState } from '../../../shared/api';
import type { audienceFilterMethods } from '../../../shared/api/methods/audience-filter';
import {
  compileFilter,
  describeFilter,
  normalizeFilter,
} from '../../../shared/domain/audience-filter';
import type { HandlersFor } from '../api/handlers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import {
  FILTER_EXCLUSION_REASON,
  filterContext,
  missingColumns,
  readFilter,
  writeFilter,
} from './audience-filter-store';
import { filterSql } from './audience-filter-sql';
import { scanAudience } from './audience-filter-scan';
import { audienceScope, scanScope } from './audience-scope';
import { hasStagedImport, published } from '../db/visibility';

export interface AudienceFilterDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
}

export function filterState(store: Store, campaignId: number): FilterState {
  const ctx = filterContext(store, campaignId);
  const { filter, problem } = readFilter(store, campaignId);
  return {
    campaignId,
    filter,
    description: filter ? describeFilter(filter) : null,
    problem,
    columns: ctx.columns,
    missingColumns: missingColumns(filter, ctx.columns),
    defaults: { ...ctx.defaults, country: ctx.country },
    editable: ctx.state === 'draft',
  };
}

async function filterCount(
  store: Store,
  campaignId: number,
  now: () => number,
): Promise<FilterCount> {
  const started = now();
  const ctx = filterContext(store, campaignId);
  const { filter, problem } = readFilter(store, campaignId);
  const frozen = ctx.state !== 'draft';
  const count = (where: (q: ReturnType<typeof recipients>) => ReturnType<typeof recipients>) =>
    store.first(where(recipients()).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const staged = hasStagedImport(store.sqlite, campaignId);
  const recipients = () =>
    store.q
      .selectFrom('recipients')
      .where('campaign_id', '=', campaignId)
      .$if(staged, (q) => q.where(published()));
  const excludedAtStart = frozen
    ? count((q) =>
        q.where('state', '=', 'skipped').where('skip_reason', '=', FILTER_EXCLUSION_REASON),
      )
    : 0;
  const alreadySkipped = frozen ? 0 : count((q) => q.where('state', '!=', 'pending'));
  const base = {
    campaignId,
    filtered: filter !== null || problem !== null,
    alreadySkipped,
    excludedAtStart,
    frozen,
    missingColumns: missingColumns(filter, ctx.columns),
  };

  if (!filter) {
    const total = frozen ? count((q) => q) : count((q) => q.where('state', '=', 'pending'));
    // A filter that cannot be read keeps nobody (see audience-scope.ts), and says so.
    return {
      ...base,
      total,
      matching: problem ? 0 : total,
      checks: [],
      durationMs: now() - started,
    };
  }
  const compiled = compileFilter(filter);
  let scan;
  if (frozen) {
    const f = filterSql(store.sqlite, filter);
    scan = await scanAudience(store, {
      campaignId,
      key: `filter:${f.json}`,
      evaluate: f.evaluate,
      checks: compiled.checks,
      othersKeep: null,
      statesMatter: false,
      now,
    });
  } else {
    scan = await scanScope(store, audienceScope(store, campaignId, now()));
  }
  return {
    ...base,
    total: frozen ? scan.all : scan.pending,
    matching: frozen ? scan.allMatching : scan.pendingMatching,
    checks: scan.checks.map((c) => ({
      conditionIds: c.conditionIds,
      column: c.column,
      kind: c.kind,
      unreadable: frozen ? c.unreadableAll : c.unreadablePending,
      examples: c.examples,
    })),
    durationMs: now() - started,
  };
}

export function audienceFilterHandlers(
  deps: AudienceFilterDeps,
): HandlersFor<typeof audienceFilterMethods> {
  const { store, clock, events } = deps;
  return {
    'campaigns.filter': (input) => filterState(store, input.campaignId),
    'campaigns.setFilter': (input) => {
      writeFilter(
        store,
        input.campaignId,
        input.filter ? normalizeFilter(input.filter) : null,
        clock.now(),
      );
      events.emit('db.changed', { tables: ['campaigns'], campaignId: input.campaignId });
      return filterState(store, input.campaignId);
    },
    'campaigns.filterCount': (input) => filterCount(store, input.campaignId, () => clock.now()),
  };
}
