import { z } from 'zod';
import { id } from '../models';
import type { StudioCheckResult, StudioDeleteResult, StudioTemplate } from '../studio';
import { method } from './define';
import type { LibraryTemplate } from '../../domain/studio';

const json = z.string().max(1_000_000, 'That is far more text than one template.');
const name = z.string().trim().min(1).max(512);
const language = z.string().trim().min(1).max(20).optional();
const byName = z.object({ accountId: id.optional(), name, language }).strict();
const createInput = z
  .object({
    accountId: id.optional(),
    /** Meta's creation JSON. A `header_handle` that is not a Meta handle is a local sample file. */
    json,
    /** Submit to Meta for review now (else it stays a draft here). */
    submit: z.boolean().default(false),
    /** Submit even though the check found errors (Meta will most likely reject it). */
    force: z.boolean().default(false),
    /** Folder that relative sample paths are read from (the CLI passes the JSON file's folder). */
    baseDir: z.string().max(4096).optional(),
  })
  .strict();

const libraryInput = z
  .object({
    accountId: id.optional(),
    search: z.string().max(200).optional(),
    language: z.string().trim().min(1).max(20).optional(),
  })
  .strict();
const buttonInput = z
  .object({
    type: z.enum(['URL', 'PHONE_NUMBER']),
    url: z
      .object({
        base_url: z.string().trim().min(1).max(2000),
        url_suffix_example: z.string().trim().min(1).max(2000).optional(),
      })
      .strict()
      .optional(),
    phone_number: z.string().trim().min(1).max(30).optional(),
  })
  .strict();
const fromLibraryInput = z
  .object({
    accountId: id.optional(),
    /** The library entry's name (Meta's `library_template_name`). */
    library: z.string().trim().min(1).max(512),
    language: z.string().trim().min(1).max(20),
    /** The business's name for its template. */
    name,
    /** One per URL / phone button of the entry, in order (Meta's `library_template_button_inputs`). */
    buttons: z.array(buttonInput).max(10).default([]),
  })
  .strict();

export const studioMethods = {
  /** The pre-submission check alone: findings with the rule, the fix and one-click fixes. */
  'templates.check': method<z.ZodObject<{ json: typeof json }, z.core.$strict>, StudioCheckResult>(
    z.object({ json }).strict(),
  ),
  /** Saves a draft (replacing one of the same name and language) and optionally submits it. */
  'templates.create': method<typeof createInput, StudioTemplate>(createInput),
  /** The account's studio drafts, as last known (no call to Meta). */
  'templates.drafts': method<
    z.ZodDefault<
      z.ZodOptional<z.ZodObject<{ accountId: z.ZodOptional<typeof id> }, z.core.$strict>>
    >,
    StudioTemplate[]
  >(z.object({ accountId: id.optional() }).strict().optional().default({})),
  /** Asks Meta for the review status of the named submitted template(s) and stores it. */
  'templates.status': method<typeof byName, StudioTemplate[]>(byName),
  /** Deletes the draft, and the template at Meta when it was submitted (all languages without `language`). */
  'templates.remove': method<typeof byName, StudioDeleteResult>(byName),
  /** Meta's template library, searched (a call to Meta each time: the library changes on its side). */
  'templates.library': method<typeof libraryInput, LibraryTemplate[]>(libraryInput),
  /** Creates a template from a library entry with the business's name and button values, in one step. */
  'templates.fromLibrary': method<typeof fromLibraryInput, StudioTemplate>(fromLibraryInput),
};
