import type { AudienceFill } from '../../../../shared/api';
import { call, EXIT, parseId, print, str, UsageError, type Command } from '../framework';
import { parseOutcome } from './segments';
import { human, noun } from '../format';

const leftOutWords = (f: AudienceFill): string =>
  f.leftOut.length === 0
    ? ''
    : ` Left out: ${f.leftOut.map((l) => `${human().count(l.count)} ${l.reason}`).join('; ')}.`;

export const campaignCommands: Command[] = [
  {
    path: ['campaigns', 'list'],
    usage: 'campaigns list',
    summary: 'List campaigns',
    async run(ctx) {
      const campaigns = await call(ctx.core(), 'campaigns.list', {});
      print(ctx, campaigns, () =>
        campaigns.length === 0
          ? 'No campaigns yet. Create one with: campaign-desk campaigns create --name "Spring sale"'
          : [
              'ID    STATE       RECIPIENTS  NAME',
              ...campaigns.map(
                (c) =>
                  `${String(c.id).padEnd(6)}${c.state.padEnd(12)}${String(c.recipients).padEnd(12)}${c.name}`,
              ),
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'create'],
    options: {
      name: { type: 'string' },
      account: { type: 'string' },
      segment: { type: 'string' },
      'follow-up': { type: 'string' },
      outcome: { type: 'string' },
    },
    usage:
      'campaigns create --name NAME [--account ID] [--segment ID | --follow-up CAMPAIGN --outcome not-delivered|failed|failed:CODE|read|delivered-not-read|replied|no-reply]',
    summary:
      'Create a draft campaign, sending from account ID (`accounts list`; default: the first real account, else the Sandbox); its audience from a saved segment, or a follow-up of a sent campaign',
    async run(ctx) {
      const name = str(ctx, 'name');
      if (name === undefined) throw new UsageError('campaigns create needs --name NAME.');
      const account = str(ctx, 'account');
      const segment = str(ctx, 'segment');
      const followUp = str(ctx, 'follow-up');
      const outcome = str(ctx, 'outcome');
      if (segment !== undefined && followUp !== undefined)
        throw new UsageError('Use --segment or --follow-up, not both.');
      if ((followUp === undefined) !== (outcome === undefined))
        throw new UsageError('--follow-up CAMPAIGN goes with --outcome (e.g. not-delivered).');
      const core = ctx.core();
      const segmentId = segment !== undefined ? parseId(segment, '--segment') : undefined;
      const source = followUp !== undefined ? parseId(followUp, '--follow-up') : undefined;
      const wanted = outcome !== undefined ? parseOutcome(outcome, '--outcome') : undefined;
      const campaign = await call(core, 'campaigns.create', {
        name,
        ...(account !== undefined ? { accountId: parseId(account, '--account') } : {}),
      });
      let fill: AudienceFill | null = null;
      try {
        if (segmentId !== undefined)
          fill = await call(core, 'campaigns.fillFromSegment', {
            campaignId: campaign.id,
            segmentId,
          });
        else if (source !== undefined && wanted)
          fill = await call(core, 'campaigns.fillFollowUp', {
            campaignId: campaign.id,
            sourceCampaignId: source,
            ...wanted,
          });
      } catch (e) {
        // No empty draft is left behind when its audience could not be made.
        await call(core, 'campaigns.delete', { id: campaign.id });
        throw e;
      }
      print(ctx, fill ? { ...campaign, audience: fill } : campaign, () =>
        [
          `Created draft campaign ${campaign.id}: ${campaign.name} (account: ${campaign.accountName})`,
          ...(fill
            ? [
                `${human().countOf(fill.recipients, noun('recipient'))} from the book.${leftOutWords(fill)}`,
              ]
            : []),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
];
