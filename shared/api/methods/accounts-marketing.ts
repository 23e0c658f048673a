import { z } from 'zod';
import type { Account } from '../models';
import { id } from '../models';
import { method } from './define';

const byAccount = z.object({ accountId: id }).strict();

/** The Marketing Messages API per account (issue 17 item 1; accounts/marketing-check.ts). */
export const accountMarketingMethods = {
  /**
   * Asks Meta whether the account's WhatsApp Business Account is onboarded to the Marketing
   * Messages API and keeps the answer (auto sends marketing there once it is). Refuses with
   * Meta's reason in words when the question cannot be answered.
   */
  'accounts.checkMarketingApi': method<typeof byAccount, Account>(byAccount),
};
