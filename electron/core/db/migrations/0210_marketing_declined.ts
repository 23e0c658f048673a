import type { Migration } from './types';

// A customer's "no" to marketing (issue 18): an import whose file answers the marketing question
// (Shopify's "Accepts SMS Marketing" = no, …) or a person editing the customer records it here,
// with words the owner reads ("Declined marketing in the Shopify customers export of 2026-12-07
// (customers_export.csv)"). Marketing templates leave such customers out at start; utility ones
// do not. A later explicit yes (a file that says yes, or by hand) clears both columns: the
// customer's latest answer is their wish. NULL = no "no" on record. Kept apart from the
// suppression list, which stops every message, not only marketing. The partial index lets a
// campaign's start find the few who declined without reading the whole book.
export const migration: Migration = {
  version: 210,
  name: 'marketing_declined',
  sql: `
ALTER TABLE customers ADD COLUMN marketing_declined_at INTEGER;
ALTER TABLE customers ADD COLUMN marketing_declined_evidence TEXT;
CREATE INDEX customers_marketing_declined ON customers (phone) WHERE marketing_declined_at IS NOT NULL;
`,
};
