import { existsSync } from 'node:fs';
import type { Precheck, PrecheckItem } from '../../../shared/api';
import { mappingProblems } from '../../../shared/domain/templates';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import { loadCampaignMessage } from '../templates/compose';
import { audienceScope, countSendable } from './audience-scope';

/**
 * Everything that would stop a campaign in its first second, checked before it starts:
 * token and phone number (one authenticated call), template approved, mapping complete,
 * header media available, at least one recipient that can be sent.
 */
export async function precheckCampaign(deps: { store: Store; clients: AccountClients; clock: Clock }, campaignId: number): Promise<Precheck> {
  const { store } = deps;
  const items: PrecheckItem[] = [];
  const add = (id: PrecheckItem['id'], ok: boolean, message: string, severity: PrecheckItem['severity'] = 'error') =>
    items.push({ id, ok, message, severity });

  const campaign = store.first(
    store.q.selectFrom('campaigns').select(['account_id', 'columns_json']).where('id', '=', campaignId),
  );
  if (!campaign) return { ok: false, items: [{ id: 'audience', ok: false, severity: 'error', message: 'This campaign no longer exists.' }], sendable: 0 };

  try {
    const client = await deps.clients.clientFor(campaign.account_id);
    const info = await client.phoneNumberInfo();
    if (info.ok) {
      add('token', true, 'The access token works.');
      add('phone_number', true, `Sending from ${info.info.displayPhoneNumber ?? info.info.id}${info.info.verifiedName ? ` (${info.info.verifiedName})` : ''}.`);
    } else if (info.failure.handling === 'pause_campaign') {
      const tokenProblem = info.code === 190 || info.code === 0 || (info.code !== null && info.code >= 200 && info.code < 300) || info.httpStatus === 401;
      add(tokenProblem ? 'token' : 'phone_number', false, `${info.failure.entry.explanation} ${info.failure.entry.action}`);
    } else {
      add('token', false, `WhatsApp could not be reached to check the token: ${info.failure.entry.explanation}`, 'warning');
    }
  } catch (e) {
    add('token', false, e instanceof Error ? e.message : String(e));
  }

  const loaded = loadCampaignMessage(store, campaignId);
  if (!loaded.ok) add('template', false, loaded.reason);
  else {
    const t = loaded.message.template;
    add('template', t.status === 'APPROVED', t.status === 'APPROVED' ? `Template "${t.name}" (${t.language}) is approved.` : `Template "${t.name}" is ${t.status}; only approved templates can be sent.`);
    const problems = mappingProblems(t, loaded.message.mapping, JSON.parse(campaign.columns_json) as string[]);
    add('mapping', problems.length === 0, problems.length === 0 ? 'Every placeholder has a value.' : problems.join(' '));
    const media = loaded.message.mediaSource;
    if (media) {
      const ok = media.type === 'link' ? /^https:\/\//.test(media.url) : existsSync(media.path);
      add('media', ok, ok ? 'The header media is available.' : media.type === 'link' ? 'The header link must start with https://.' : `The header file ${media.path} is missing.`);
    }
  }

  // Who will be sent to follows the audience filter (and any other targeting) through the scope.
  const scope = audienceScope(store, campaignId, deps.clock.now());
  for (const problem of scope.problems) add('audience', false, problem);
  const { pending: before, sendable: pending } = await countSendable(store, scope);
  const leftOut = before - pending;
  const leftOutText = leftOut > 0 ? ` (${leftOut.toLocaleString('en')} left out by ${scope.label})` : '';
  add(
    'audience',
    pending > 0,
    pending > 0
      ? `${pending.toLocaleString('en')} recipients are ready to send${leftOutText}.`
      : before > 0 && !scope.everybody
        ? `Nobody is left once ${scope.label} is applied: ${scope.fix}.`
        : 'There is nobody to send to: add customers first.',
  );
  const account = store.first(store.q.selectFrom('accounts').select('messaging_limit').where('id', '=', campaign.account_id));
  if (account?.messaging_limit && pending > account.messaging_limit) {
    add(
      'messaging_limit',
      true,
      `This number may reach ${account.messaging_limit.toLocaleString('en')} people per 24 hours; the campaign will pause by itself at the limit and continue as the window moves.`,
      'warning',
    );
  }
  return { ok: items.every((i) => i.ok || i.severity === 'warning'), items, sendable: pending };
}
