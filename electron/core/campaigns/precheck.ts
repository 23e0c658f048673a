import { existsSync } from 'node:fs';
import type { Precheck, PrecheckItem } from '../../../shared/api';
import { mappingProblems, utmProblems } from '../../../shared/domain/templates';
import type { AccountClients } from '../accounts/clients';
import { refreshMessagingLimit } from '../accounts/messaging-limit';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import { hasStagedImport, IMPORT_RUNNING } from '../db/visibility';
import { loadCampaignMessages } from '../templates/compose';
import { readLanguageChoice } from '../translations/setting';
import { SPLIT_REFUSES_LANGUAGES } from '../translations/with-variants';
import { leftOutSentence, recipientsText } from '../../../shared/domain/reach';
import type { Reach } from '../templates/reach';
import { audienceScope } from './audience-scope';
import { formatPhone } from '../../../shared/format/phone';

/** "template …" → "Template …": the per-variant texts start lower case to read well after "Variant B: ". */
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Everything that would stop a campaign in its first second, checked before it starts:
 * token and phone number (one authenticated call), template approved, mapping complete,
 * header media available (for every A/B variant), at least one recipient that can be sent.
 */
export async function precheckCampaign(
  deps: { store: Store; clients: AccountClients; clock: Clock; reach: Reach },
  campaignId: number,
): Promise<Precheck> {
  const { store } = deps;
  const items: PrecheckItem[] = [];
  const add = (
    id: PrecheckItem['id'],
    ok: boolean,
    message: string,
    severity: PrecheckItem['severity'] = 'error',
  ) => items.push({ id, ok, message, severity });

  const campaign = store.first(
    store.q
      .selectFrom('campaigns')
      .select(['account_id', 'columns_json'])
      .where('id', '=', campaignId),
  );
  if (!campaign)
    return {
      ok: false,
      items: [
        {
          id: 'audience',
          ok: false,
          severity: 'error',
          message: 'This campaign no longer exists.',
        },
      ],
      sendable: 0,
    };

  try {
    const client = await deps.clients.clientFor(campaign.account_id);
    const info = await client.phoneNumberInfo();
    if (info.ok) {
      add('token', true, 'The access token works.');
      add(
        'phone_number',
        true,
        `Sending from ${info.info.displayPhoneNumber ? formatPhone(info.info.displayPhoneNumber) : info.info.id}${info.info.verifiedName ? ` (${info.info.verifiedName})` : ''}.`,
      );
      // The connection works: the portfolio's messaging limit is read now when it is stale.
      await refreshMessagingLimit(deps, campaign.account_id);
    } else if (info.failure.handling === 'pause_campaign') {
      const tokenProblem =
        info.code === 190 ||
        info.code === 0 ||
        (info.code !== null && info.code >= 200 && info.code < 300) ||
        info.httpStatus === 401;
      add(
        tokenProblem ? 'token' : 'phone_number',
        false,
        `${info.failure.entry.explanation} ${info.failure.entry.action}`,
      );
    } else {
      add(
        'token',
        false,
        `WhatsApp could not be reached to check the token: ${info.failure.entry.explanation}`,
        'warning',
      );
    }
  } catch (e) {
    add('token', false, e instanceof Error ? e.message : String(e));
  }

  // Every A/B variant must be sendable: one item per check, naming the variants when split.
  const loaded = loadCampaignMessages(store, campaignId);
  if (!loaded.ok) add('template', false, loaded.reason);
  else if (loaded.value.split && readLanguageChoice(store, campaignId).kind !== 'fixed')
    add('template', false, SPLIT_REFUSES_LANGUAGES);
  else {
    const { split, messages } = loaded.value;
    const columns = JSON.parse(campaign.columns_json) as string[];
    const name = (v: string) => (split ? `Variant ${v}: ` : '');
    const templates = messages.map((m) => {
      const t = m.template;
      return t.status === 'APPROVED'
        ? { ok: true, text: `${name(m.variant)}template "${t.name}" (${t.language}) is approved.` }
        : {
            ok: false,
            text: `${name(m.variant)}template "${t.name}" is ${t.status}; only approved templates can be sent.`,
          };
    });
    add(
      'template',
      templates.every((x) => x.ok),
      sentence(
        templates
          .filter((x) => !x.ok)
          .map((x) => x.text)
          .join(' ') || templates.map((x) => x.text).join(' '),
      ),
    );
    const problems = messages.flatMap((m) =>
      [...mappingProblems(m.template, m.mapping, columns), ...utmProblems(m.template, m.utm)].map(
        (p) => name(m.variant) + p,
      ),
    );
    add(
      'mapping',
      problems.length === 0,
      problems.length === 0
        ? `Every placeholder has a value${split ? ' in every variant' : ''}.`
        : problems.join(' '),
    );
    const media = messages.flatMap((m) => {
      const src = m.mediaSource;
      if (!src) return [];
      const ok = src.type === 'link' ? /^https:\/\//.test(src.url) : existsSync(src.path);
      return [
        {
          ok,
          text:
            name(m.variant) +
            (ok
              ? 'the header media is available.'
              : src.type === 'link'
                ? 'the header link must start with https://.'
                : `the header file ${src.path} is missing.`),
        },
      ];
    });
    if (media.length > 0)
      add(
        'media',
        media.every((x) => x.ok),
        sentence(
          media
            .filter((x) => !x.ok)
            .map((x) => x.text)
            .join(' ') || media.map((x) => x.text).join(' '),
        ),
      );
  }

  // Who will receive it: the one computation the Message tab, the cost and the start also read.
  const scope = audienceScope(store, campaignId, deps.clock.now());
  for (const problem of scope.problems) add('audience', false, problem);
  if (hasStagedImport(store.sqlite, campaignId)) add('audience', false, IMPORT_RUNNING);
  const reach = (await deps.reach(campaignId)).summary;
  const pending = reach.willReceive;
  const leftOut = leftOutSentence(reach.leftOut);
  // Who is in the audience is read from the rows, not from the reach: without a template the reach
  // is unavailable and counts nobody, and "nobody to send to" was then said of 40,000 customers.
  const anyone =
    store.sqlite
      .prepare('SELECT EXISTS (SELECT 1 FROM recipients WHERE campaign_id = ?)')
      .pluck()
      .get(campaignId) === 1;
  add(
    'audience',
    pending > 0,
    pending > 0
      ? `${recipientsText(pending)} will receive this message.${leftOut ? ` ${leftOut}` : ''}`
      : !anyone
        ? 'There is nobody to send to: add customers in the Audience tab first.'
        : reach.unavailable
          ? `Nobody can receive this message yet: ${reach.unavailable}`
          : `Nobody will receive this message. ${leftOutSentence(reach.leftOut, true)}`,
  );
  const account = store.first(
    store.q.selectFrom('accounts').select('messaging_limit').where('id', '=', campaign.account_id),
  );
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
