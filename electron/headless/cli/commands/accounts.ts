import type { Account } from '../../../../shared/api';
import { call, EXIT, parseId, print, str, UsageError, type Command } from '../framework';

const LIMITS: Record<string, 250 | 2000 | 10_000 | 100_000 | null> = {
  '250': 250,
  '2000': 2000,
  '10000': 10_000,
  '10k': 10_000,
  '100000': 100_000,
  '100k': 100_000,
  unlimited: null,
};

const describe = (a: Account) =>
  `${String(a.id).padEnd(5)}${a.kind.padEnd(9)}${a.phoneNumberId.padEnd(18)}${`${a.ratePerSecond}/s`.padEnd(8)}${(a.messagingLimit === null ? 'unlimited' : String(a.messagingLimit)).padEnd(11)}${(a.tokenEnv ?? '').padEnd(16)}${a.name}`;

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
          'ID   KIND     PHONE NUMBER ID   RATE    LIMIT      TOKEN ENV       NAME',
          ...accounts.map(describe),
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
    },
    usage:
      'accounts update <accountId> [--name N] [--rate N] [--daily-limit 250|2000|10000|100000|unlimited] [--token-env VAR|none]',
    summary: "Change an account's name, rate, messaging limit or token variable",
    async run(ctx) {
      const id = parseId(ctx.args.accountId, 'accountId');
      const rate = str(ctx, 'rate');
      const limit = str(ctx, 'daily-limit');
      const tokenEnv = str(ctx, 'token-env');
      const name = str(ctx, 'name');
      if (limit !== undefined && !(limit.toLowerCase() in LIMITS))
        throw new UsageError('--daily-limit must be 250, 2000, 10000, 100000 or unlimited.');
      if (rate !== undefined && !/^\d+$/.test(rate))
        throw new UsageError(
          `--rate must be a whole number of messages per second, not "${rate}".`,
        );
      if ([rate, limit, tokenEnv, name].every((v) => v === undefined))
        throw new UsageError(
          'accounts update needs at least one of --name, --rate, --daily-limit, --token-env.',
        );
      const account = await call(ctx.core(), 'accounts.update', {
        id,
        ...(name !== undefined ? { name } : {}),
        ...(rate !== undefined ? { ratePerSecond: Number(rate) } : {}),
        ...(limit !== undefined ? { messagingLimit: LIMITS[limit.toLowerCase()] ?? null } : {}),
        ...(tokenEnv !== undefined ? { tokenEnv: tokenEnv === 'none' ? null : tokenEnv } : {}),
      });
      print(ctx, account, () => `Updated account ${account.id}:\n${describe(account)}`);
      return EXIT.OK;
    },
  },
];
