import { call, EXIT, parseId, print, str, UsageError, type Command } from '../framework';

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
    options: { name: { type: 'string' }, account: { type: 'string' } },
    usage: 'campaigns create --name NAME [--account ID]',
    summary:
      'Create a draft campaign, sending from account ID (`accounts list`; default: the first real account, else the Sandbox)',
    async run(ctx) {
      const name = str(ctx, 'name');
      if (name === undefined) throw new UsageError('campaigns create needs --name NAME.');
      const account = str(ctx, 'account');
      const campaign = await call(ctx.core(), 'campaigns.create', {
        name,
        ...(account !== undefined ? { accountId: parseId(account, '--account') } : {}),
      });
      print(
        ctx,
        campaign,
        () =>
          `Created draft campaign ${campaign.id}: ${campaign.name} (account: ${campaign.accountName})`,
      );
      return EXIT.OK;
    },
  },
];
