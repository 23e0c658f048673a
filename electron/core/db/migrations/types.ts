/**
 * Ordered, immutable schema migrations, one per file (NNNN_name.ts), listed in index.ts.
 * Versions go in steps of 10 so a fix can slot in between two released ones. Once a migration
 * has shipped, never edit it: add a new one. The checksum of each applied migration is recorded
 * and verified at start-up.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
