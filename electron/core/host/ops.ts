import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { DOWNLOAD_KINDS, isCoreError, type Result } from '../../../shared/api';
import type { HostOp } from '../../../shared/core-host/protocol';
import { openDownload, saveDownload } from '../downloads';
import { tokensSnapshot, type RelayedVault } from '../accounts/relayed-vault';
import { rescueTokens, tokensToRescue } from '../accounts/token-rescue';
import type { Core } from '../service';
import { campaignFacts, campaignsSendingHere } from './desk-facts';
import { parseClockChange, type TestClock } from './test-clock';

const download = z
  .object({ kind: z.enum(DOWNLOAD_KINDS), id: z.number().int().positive() })
  .strict();
const campaignRef = z.object({ id: z.number().int().positive() }).strict();
const saveTo = download
  .extend({ path: z.string().min(1).max(4096).refine(isAbsolute, 'an absolute path') })
  .strict();

export type HostOps = (op: HostOp, input: unknown) => Promise<Result<unknown>>;

const invalid = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'VALIDATION', message },
});

/** After the test clock moved: due schedules start, and every sending campaign looks at the new time. */
function wakeSenders(core: Core): void {
  core.senders.tick();
  const sending = core.store.all(
    core.store.q.selectFrom('campaigns').select('id').where('state', '=', 'sending'),
  );
  for (const c of sending) core.senders.wake(c.id);
}

/** Migration 130's repair with main's snapshot: each token main stored is moved, others dropped. */
function repairTokens(core: Core, vault: RelayedVault, testClock?: TestClock): void {
  const now = testClock?.now() ?? Date.now();
  const { moved, removed } = rescueTokens(core.store, vault, now);
  if (moved + removed === 0) return;
  // Cached clients captured each account's old token reference.
  for (const a of core.store.all(core.store.q.selectFrom('accounts').select('id')))
    core.clients.forget(a.id);
  core.events.emit('db.changed', { tables: ['accounts'] });
}

/**
 * The shells' needs beyond the contract, done where the core is (its thread, its process, or
 * in-process for the comparison switch): the same code whichever transport carries them.
 */
export function createHostOps(
  core: Core,
  testClock?: TestClock,
  relayedVault?: RelayedVault,
): HostOps {
  return async (op, input) => {
    try {
      switch (op) {
        case 'download.name': {
          const d = download.safeParse(input);
          if (!d.success) return invalid('Unknown download.');
          return {
            ok: true,
            value: { fileName: openDownload(core, d.data.kind, d.data.id).fileName },
          };
        }
        case 'download.save': {
          const d = saveTo.safeParse(input);
          if (!d.success) return invalid('Unknown download, or not a full path to save it to.');
          const opened = openDownload(core, d.data.kind, d.data.id);
          await saveDownload(opened, d.data.path);
          return { ok: true, value: { fileName: opened.fileName } };
        }
        case 'clock.move': {
          if (!testClock) return invalid('This core runs on the real clock.');
          const change = parseClockChange(input);
          const refused = typeof change === 'string' ? change : testClock.move(change);
          if (refused !== null) return invalid(refused);
          wakeSenders(core);
          return { ok: true, value: { now: testClock.now() } };
        }
        case 'campaign.facts': {
          const c = campaignRef.safeParse(input);
          if (!c.success) return invalid('Name the campaign by its id.');
          // null for a campaign that is gone: the notice then names it by number.
          return { ok: true, value: campaignFacts(core.store, c.data.id) ?? null };
        }
        case 'tokens.set': {
          if (!relayedVault) return invalid('This core keeps its own tokens.');
          const s = tokensSnapshot.safeParse(input);
          if (!s.success) return invalid('The tokens from the keychain were not in a usable form.');
          // Clients ask the vault on every request, so the next request uses the new tokens.
          relayedVault.set(s.data);
          repairTokens(core, relayedVault, testClock);
          return { ok: true, value: { tokens: Object.keys(s.data.tokens).length } };
        }
        case 'tokens.pending':
          // Migration 130's repair, for main to encrypt and save before its next tokens.set.
          if (!relayedVault) return invalid('This core keeps its own tokens.');
          return { ok: true, value: { tokens: tokensToRescue(core.store) } };
        case 'senders.here':
          return { ok: true, value: { sending: campaignsSendingHere(core) } };
      }
    } catch (e) {
      if (isCoreError(e)) return { ok: false, error: { code: e.code, message: e.message } };
      const why = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        error: { code: 'UNAVAILABLE', message: `The file could not be saved: ${why}` },
      };
    }
  };
}
