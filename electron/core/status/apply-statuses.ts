import {
  applyStatus,
  parseCallback,
  sameTrack,
  settledTrack,
  type StatusObservation,
} from '../../../shared/domain/status';
import { codeFromWords } from '../../../shared/domain/errors';
import type { Effects } from './effects';
import {
  canSettle,
  describeFailure,
  seenBit,
  trackOf,
  type RecipientRow,
  type RecipientStatements,
} from './recipient-track';

/** The counters of ApplyOutcome this module moves. */
export interface StatusCounters {
  applied: number;
  unchanged: number;
  duplicates: number;
  unmatched: number;
  settled: number;
  suppressed: number;
  /** Recipients WhatsApp limited that wait for their next try instead of failing (issue 17). */
  deferred: number;
  pausedCampaigns: number[];
  campaigns: Set<number>;
}

/** Stores (or, when re-matching, files) the event of one observation; false = already stored (a repeat). */
export type Keep = (o: StatusObservation, recipientId: number | null) => boolean;

export interface Located {
  row: RecipientRow | null;
  /** The row's send was ambiguous and this status proves it arrived. */
  settle: boolean;
  /** The recipient to file the event under (also when it changes nothing). */
  fileUnder: number | null;
}

/**
 * Statuses applied per wamid: one lookup and at most one UPDATE for all the statuses of a recipient in a
 * batch (a batch sorted by wamid brings them together), whatever their number and order.
 */
export function createStatusApplier(
  rows: RecipientStatements,
  effects: Effects,
  onPause?: (campaignId: number) => void,
) {
  /** The recipient a status is about: by wamid, or, for an ambiguous send, by our callback data. */
  const locate = (o: StatusObservation): Located => {
    const byWamid = rows.byWamid(o.wamid);
    if (byWamid) return { row: byWamid, settle: false, fileUnder: byWamid.id };
    const cb = parseCallback(o.callback);
    const candidate = cb ? rows.byId(cb.recipientId) : undefined;
    if (!cb || !candidate || candidate.campaign_id !== cb.campaignId)
      return { row: null, settle: false, fileUnder: null };
    if (canSettle(candidate)) return { row: candidate, settle: true, fileUnder: candidate.id };
    // Ours, but sent again under another wamid since: filed, changes nothing. Still `sending`: retried later.
    return { row: null, settle: false, fileUnder: candidate.wamid !== null ? candidate.id : null };
  };

  const failure = (
    o: StatusObservation,
    row: RecipientRow | null,
    source: string,
    out: StatusCounters,
  ) => {
    // message_history gives no code: Meta's wording of an opt-out still suppresses (words.ts).
    const fx = effects.failure(
      o.error?.code ?? codeFromWords(o.error?.title) ?? null,
      { waId: o.waId ?? row?.wa_id ?? null, phone: row?.phone ?? null },
      source,
    );
    out.suppressed += fx.suppressed;
    if (row && fx.pause && effects.pauseCampaign(row.campaign_id, fx.pause.code, fx.pause.reason)) {
      out.pausedCampaigns.push(row.campaign_id);
      onPause?.(row.campaign_id);
    }
  };

  /** The statuses of one recipient, in any order: the ladder in memory, then one write. */
  const toRecipient = (
    loc: Located & { row: RecipientRow },
    list: StatusObservation[],
    source: string,
    keep: Keep,
    out: StatusCounters,
  ) => {
    const { row, settle } = loc;
    const base = settle ? settledTrack(null) : trackOf(row);
    let seen = settle ? 0 : row.status_seen;
    let fresh = 0;
    let track = base;
    for (const o of list) {
      const bit = seenBit(o);
      // A repeat is known from the row: nothing is stored or changed for it.
      if ((seen & bit) !== 0 || !keep(o, row.id)) {
        out.duplicates++;
        continue;
      }
      seen |= bit;
      fresh |= bit;
      const next = track ? applyStatus(track, o, describeFailure) : null;
      if (next) {
        track = next;
        out.applied++;
      } else {
        out.unchanged++;
      }
      if (o.status === 'failed') failure(o, row, source, out);
    }
    if (fresh === 0 || !base || !track) return;
    // Meta puts pricing on `sent` and on one of delivered/read, saying the same: the last one counts.
    const priced = list.findLast((o) => o.pricing);
    if (priced?.pricing) rows.charge(row.id, priced.pricing);
    if (settle) {
      // Proof the ambiguous send arrived: it takes this wamid and leaves the re-send queue.
      const first = list[0]!;
      if (rows.settle(row.id, track, seen, first.wamid, list.find((o) => o.waId)?.waId ?? null))
        out.settled++;
      out.campaigns.add(row.campaign_id);
      return;
    }
    // Written even when the track stays the same, so a repeat of these statuses is known as one.
    const changed = !sameTrack(base, track);
    rows.write(row.id, base, changed ? track : null, fresh);
    if (changed) out.campaigns.add(row.campaign_id);
    if (changed && track.state === 'failed') {
      const at = list.findLast((o) => o.status === 'failed')?.at ?? track.failedAt ?? 0;
      if (rows.defer(row.id, track.errorCode, at, row.held_at !== null)) out.deferred++;
    }
  };

  return {
    locate,

    /** Statuses of ONE wamid. Returns false when its recipient is not known (yet). */
    applyGroup(
      list: StatusObservation[],
      source: string,
      keep: Keep,
      out: StatusCounters,
      located?: Located,
    ): boolean {
      const loc = located ?? locate(list.find((o) => o.callback !== null) ?? list[0]!);
      if (loc.row) {
        toRecipient(loc as Located & { row: RecipientRow }, list, source, keep, out);
        return true;
      }
      for (const o of list) {
        if (!keep(o, loc.fileUnder)) {
          out.duplicates++;
          continue;
        }
        if (loc.fileUnder !== null) {
          out.unchanged++;
          continue;
        }
        out.unmatched++;
        // An opt-out is the customer's wish whoever sent the message: honoured on first sight.
        if (o.status === 'failed') failure(o, null, source, out);
      }
      return loc.fileUnder !== null;
    },
  };
}

/** Splits a batch sorted by wamid into runs of the same wamid. */
export function byWamidRuns(list: StatusObservation[]): StatusObservation[][] {
  const runs: StatusObservation[][] = [];
  for (const o of list) {
    const last = runs.at(-1);
    if (last && last[0]!.wamid === o.wamid) last.push(o);
    else runs.push([o]);
  }
  return runs;
}
