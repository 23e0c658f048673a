import { z } from 'zod';

// Field shapes every kind of webhook change shares (webhook.ts, webhook-templates.ts).

// Meta sends status timestamps as strings of seconds, user_preferences and entry.time as integers.
export const seconds = z
  .union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative().max(1e12)])
  .transform((v) => Number(v) * 1000);
export const waId = z.string().regex(/^\d{1,32}$/);
/**
 * Business-scoped user id (cloud-api.md §13, verified: e.g. "US.13491208655302741918"). Only its
 * shape is checked loosely: Meta documents an example, not a grammar.
 */
export const userId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);
export const text = (max: number) => z.string().max(max);
