import {
  repliesLabelInput,
  repliesListInput,
  repliesRuleInput,
  repliesRulesInput,
  repliesSendInput,
  repliesSendTemplateInput,
  repliesMediaInput,
  type ReplyMedia,
  type ReplyPicture,
  repliesThreadInput,
  type CustomerLabel,
  type Reply,
  type ReplyAnswer,
  type ReplyPage,
  type ReplyRule,
  type Thread,
  type ThreadSummary,
} from '../replies';
import { z } from 'zod';
import { method } from './define';

const none = z.object({}).strict();

export const replyMethods = {
  /** Single replies, newest first, keyset-paged; per campaign or all. */
  'replies.list': method<typeof repliesListInput, ReplyPage<Reply>>(repliesListInput),
  /** One row per customer, newest conversation first (the Replies view's list). */
  'replies.threads': method<typeof repliesListInput, ReplyPage<ThreadSummary>>(repliesListInput),
  /** A customer's conversation, the window left to answer and their labels; marks it read. */
  'replies.thread': method<typeof repliesThreadInput, Thread>(repliesThreadInput),
  /** Replies not read yet (the navigation's count). */
  'replies.unreadCount': method<typeof none, { unread: number }>(none),
  /** Puts a label on a customer (or takes it off with remove). */
  'replies.label': method<typeof repliesLabelInput, { labels: CustomerLabel[] }>(repliesLabelInput),
  /**
   * Answers a customer with text, an image or a document: only within 24 h of their last message
   * (CONFLICT with the time the window closed otherwise). Recorded before it is sent.
   */
  'replies.send': method<typeof repliesSendInput, ReplyAnswer>(repliesSendInput),
  /**
   * Answers a customer with an approved template, its placeholders filled from `parameters`: allowed
   * whatever the window. Refused (VALIDATION / NOT_FOUND) for a template not approved, an empty
   * placeholder, no account, or a marketing template to a US number. Recorded before it is sent.
   */
  'replies.sendTemplate': method<typeof repliesSendTemplateInput, ReplyAnswer>(
    repliesSendTemplateInput,
  ),
  /** Downloads a customer's file on request (size-limited, type read from its bytes). */
  'replies.media': method<typeof repliesMediaInput, ReplyMedia>(repliesMediaInput),
  /** A customer's picture for the thread: fetched like replies.media, shown only if its bytes are a picture. */
  'replies.picture': method<typeof repliesMediaInput, ReplyPicture>(repliesMediaInput),
  /** A campaign's button-tap rules ("Yes, send me the offer" → interested). */
  'replies.rules': method<typeof repliesRulesInput, ReplyRule[]>(repliesRulesInput),
  /** Sets (or with label null removes) one button-tap rule of a campaign. */
  'replies.setRule': method<typeof repliesRuleInput, ReplyRule[]>(repliesRuleInput),
};
