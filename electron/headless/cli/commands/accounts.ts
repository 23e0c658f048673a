import type { Account } from '../../../../shared/api';
import { call, EXIT, flag, parseId, print, str, UsageError, type Command } from '../framework';
import { checkMarketing, marketingOptions } from './accounts-marketing';

const LIMITS: Record<string, 250 | 2000 | 10_000 | 100_000 | null> = {
  '250': 250,
  '2000': 2000,
  '10000': 10_000,
  '10k': 10_000,
  '100000': 100_000,
  '100k': 100_000,
  unlimited: null,
};

const SOURCE_WORDS: Record<Account['messagingLimitSource'], string> = {
  meta: 'from Meta',
  default: 'not read: 250',
  manual: 'set by hand',
};

const limitText = (a: Account) =>
  `${a.messagingLimit === null ? 'unlimited' : String(a.messagingLimit)} (${SOURCE_WORDS[a.messagingLimitSource]})`;

const describe = (a: Account) =>
  `${String(a.id).padEnd(5)}${a.kind.padEnd(9)}${a.phoneNumberId.padEnd(18)}${`${a.ratePerSecond}/s`.padEnd(8)}${limitText(a).padEnd(28)}${(a.businessPortfolioId ?? '—').padEnd(18)}${(a.tokenEnv ?? '').padEnd(16)}${a.name}`;

/** What the human listing adds under an account: why its limit is not Meta's, and what to do. */
const notes = (a: Account): string[] => [
  ...(a.messagingLimitError ? [`     limit: ${a.messagingLimitError}`] : []),
  ...(a.graphVersionUpgrade
    ? [
        `     Graph ${a.graphVersion} cannot read the portfolio limit: run \`accounts upgrade-graph ${a.id} --yes\` to move to ${a.graphVersionUpgrade}.`,
      ]
    : []),
];

/** Several WhatsApp numbers: list them (ids for `campaigns create --account`) and change one. */
export const accountCommands: Command[] = [
  {
    path: ['accounts', 'list'],
    usage: 'accounts list',
    summary: 'List the accounts (WhatsApp Business phone numbers) campaigns can send from',
    async run(ctx) {
      const accounts = await call(ctx.core(), 'accounts.list', {});
      print(ctx, accounts, () =>
        [
          'ID   KIND     PHONE NUMBER ID   RATE    MESSAGING LIMIT (24 H)      PORTFOLIO         TOKEN ENV       NAME',
          ...accounts.flatMap((a) => [describe(a), ...notes(a)]),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['accounts', 'update'],
    args: ['accountId'],
    options: {
      name: { type: 'string' },
      rate: { type: 'string' },
      'daily-limit': { type: 'string' },
      'token-env': { type: 'string' },
      'marketing-api': { type: 'string' },
      'mm-policy': { type: 'string' },
    },
    usage:
      'accounts update <accountId> [--name N] [--rate N] [--daily-limit 250|2000|10000|100000|unlimited] [--token-env VAR|none] [--marketing-api on|off|auto] [--mm-policy fallback|strict]',
    summary:
      "Change an account's name, rate, messaging limit (set by hand, overriding Meta's), token variable or how marketing templates are sent (Marketing Messages API: on, off, or auto once onboarded)",
    async run(ctx) {
      const id = parseId(ctx.args.accountId, 'accountId');
      const rate = str(ctx, 'rate');
      const limit = str(ctx, 'daily-limit');
      const tokenEnv = str(ctx, 'token-env');
      const name = str(ctx, 'name');
      const marketing = marketingOptions(ctx);
      if (limit !== undefined && !(limit.toLowerCase() in LIMITS))
        throw new UsageError('--daily-limit must be 250, 2000, 10000, 100000 or unlimited.');
      if (rate !== undefined && !/^\d+$/.test(rate))
        throw new UsageError(
          `--rate must be a whole number of messages per second, not "${rate}".`,
        );
      if ([rate, limit, tokenEnv, name].every((v) => v === undefined) && !marketing.given)
        throw new UsageError(
          'accounts update needs at least one of --name, --rate, --daily-limit, --token-env, --marketing-api, --mm-policy.',
        );
      const account = await call(ctx.core(), 'accounts.update', {
        id,
        ...(name !== undefined ? { name } : {}),
        ...(rate !== undefined ? { ratePerSecond: Number(rate) } : {}),
        ...(limit !== undefined ? { messagingLimit: LIMITS[limit.toLowerCase()] ?? null } : {}),
        ...(tokenEnv !== undefined ? { tokenEnv: tokenEnv === 'none' ? null : tokenEnv } : {}),
        ...marketing.input,
      });
      const checked = await checkMarketing(ctx, account, marketing.input.marketingApi);
      print(ctx, checked.account, () =>
        [`Updated account ${account.id}:`, describe(checked.account), ...checked.notes].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['accounts', 'refresh-limit'],
    args: ['accountId'],
    options: { 'from-meta': { type: 'boolean' } },
    usage: 'accounts refresh-limit <accountId> [--from-meta]',
    summary:
      "Read the business portfolio's messaging limit from Meta now (--from-meta also drops a limit set by hand)",
    async run(ctx) {
      const accountId = parseId(ctx.args.accountId, 'accountId');
      const method = flag(ctx, 'from-meta')
        ? 'accounts.useMetaMessagingLimit'
        : 'accounts.refreshMessagingLimit';
      const account = await call(ctx.core(), method, { accountId });
      print(ctx, account, () => [describe(account), ...notes(account)].join('\n'));
      return EXIT.OK;
    },
  },
  {
    path: ['accounts', 'upgrade-graph'],
    args: ['accountId'],
    options: { yes: { type: 'boolean' } },
    usage: 'accounts upgrade-graph <accountId> --yes',
    summary:
      'Move an account to Graph v24.0, which can read the portfolio messaging limit (asks for --yes)',
    async run(ctx) {
      const accountId = parseId(ctx.args.accountId, 'accountId');
      if (!flag(ctx, 'yes'))
        throw new UsageError(
          'Requests to Meta will use Graph v24.0 from now on. Run again with --yes to confirm.',
        );
      const account = await call(ctx.core(), 'accounts.upgradeGraphVersion', {
        accountId,
        confirm: true,
      });
      print(ctx, account, () =>
        [
          `Account ${account.id} now uses Graph ${account.graphVersion}.`,
          describe(account),
          ...notes(account),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
];
