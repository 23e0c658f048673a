import { createHash } from 'node:crypto';
import { migration as m0010 } from './0010_initial';
import { migration as m0020 } from './0020_imports';
import { migration as m0040 } from './0040_sending';
import { migration as m0050 } from './0050_status';
import { migration as m0060 } from './0060_pacing';
import { migration as m0070 } from './0070_variants';
import { migration as m0080 } from './0080_suppression';
import { migration as m0090 } from './0090_analytics';
import { migration as m0100 } from './0100_import_batches';
import { migration as m0130 } from './0130_account_checks';
import { migration as m0140 } from './0140_portfolio_limits';
import { migration as m0150 } from './0150_marketing_api';
import { migration as m0170 } from './0170_replies';
import { migration as m0180 } from './0180_template_drafts';
import { migration as m0190 } from './0190_charges';
import { migration as m0200 } from './0200_deferred';
import { migration as m0160 } from './0160_customers';
import { migration as m0210 } from './0210_marketing_declined';
import { migration as m0220 } from './0220_schedules';
import { migration as m0230 } from './0230_volume_tiers';
import { migration as m0240 } from './0240_template_ttl';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration in order; a new one is a new file here and a line below. */
export const MIGRATIONS: readonly Migration[] = [
  m0010,
  m0020,
  m0040,
  m0050,
  m0060,
  m0070,
  m0080,
  m0090,
  m0100,
  m0130,
  m0140,
  m0150,
  m0160,
  m0170,
  m0180,
  m0190,
  m0200,
  m0210,
  m0220,
  m0230,
  m0240,
];

export function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex').slice(0, 16);
}

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
