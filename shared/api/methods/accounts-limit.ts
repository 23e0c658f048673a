import { z } from 'zod';
import type { Account } from '../models';
import { id } from '../models';
import { method } from './define';

const byAccount = z.object({ accountId: id }).strict();
const upgradeInput = z
  .object({
    accountId: id,
    /** The user said yes: the version of a real account is never changed without it. */
    confirm: z.literal(true, {
      error: 'Confirm the upgrade: requests to Meta then use the newer Graph version.',
    }),
  })
  .strict();

/** The business portfolio's messaging limit (issue 16 item 3; accounts/messaging-limit.ts). */
export const accountLimitMethods = {
  /** Reads the portfolio id and messaging limit from Meta now (a limit set by hand stays). */
  'accounts.refreshMessagingLimit': method<typeof byAccount, Account>(byAccount),
  /** Drops a limit set by hand and reads Meta's. */
  'accounts.useMetaMessagingLimit': method<typeof byAccount, Account>(byAccount),
  /** Moves the account to Graph v24.0 (the first that can read the limit), then reads it. */
  'accounts.upgradeGraphVersion': method<typeof upgradeInput, Account>(upgradeInput),
};
