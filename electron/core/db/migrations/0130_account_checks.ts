import type { Migration } from './types';

// Accounts a shop owner can connect (issue 15 item 6). The result of the last connection check,
// so a new campaign never defaults to an account that cannot send. And a repair: the browser
// shell's form once asked for an environment variable's NAME, and a pasted token was stored
// there in plain text and shown back. Such values (the rule of looksLikeToken in
// shared/domain/accounts, in GLOB form) are moved to token_rescue, from which the core moves them
// into the encrypted token store at the same start and deletes them (see accounts/token-rescue.ts).
export const migration: Migration = {
  version: 130,
  name: 'account_checks',
  sql: `
-- The repair below frees cells that held tokens: zero them rather than leave the bytes in free space.
PRAGMA secure_delete = ON;

ALTER TABLE accounts ADD COLUMN check_ok INTEGER CHECK (check_ok IN (0, 1));
ALTER TABLE accounts ADD COLUMN check_at INTEGER;
ALTER TABLE accounts ADD COLUMN check_message TEXT;

CREATE TABLE token_rescue (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  secret TEXT NOT NULL
);

INSERT INTO token_rescue (account_id, secret)
SELECT id, trim(token_env) FROM accounts
WHERE kind = 'cloud' AND token_env IS NOT NULL AND (
  (trim(token_env) GLOB 'EAA*' AND length(trim(token_env)) >= 20)
  OR trim(token_env) GLOB '*[^A-Za-z0-9_]*'
  OR (length(trim(token_env)) >= 24 AND token_env GLOB '*[a-z]*' AND token_env GLOB '*[A-Z]*'
      AND token_env GLOB '*[0-9]*')
);

UPDATE accounts SET token_env = NULL WHERE id IN (SELECT account_id FROM token_rescue);
`,
};
