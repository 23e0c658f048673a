import { z } from 'zod';
import { parseClockTime } from './clock-time';
import { zoneChoiceProblem } from './countries';
import { parseQuietWindow, type QuietWindow } from './quiet-hours';
import { durationProblem } from './spread';

/**
 * The pacing keys of campaigns.settings_json: `frequencyCap`, `quietHours` and `spread`, each
 * validated here so the core, the CLI and the UI refuse the same things with the same words.
 */

/**
 * Meta documents no number for its per-user marketing limit (131049 is dynamic, from the person's
 * recent read rate), so the default is the cadence broadcast guides recommend for promotions: at
 * most one a week per customer.
 */
export const FREQUENCY_CAP_DEFAULT_DAYS = 7;
export const FREQUENCY_CAP_MAX_DAYS = 365;

export const frequencyCapSetting = z
  .object({
    enabled: z.boolean(),
    days: z
      .number()
      .int('Use a whole number of days.')
      .min(1, 'The frequency cap is at least 1 day.')
      .max(FREQUENCY_CAP_MAX_DAYS, `The frequency cap is at most ${FREQUENCY_CAP_MAX_DAYS} days.`),
  })
  .strict();
export type FrequencyCapSetting = z.infer<typeof frequencyCapSetting>;

const clockTime = z
  .string()
  .max(10)
  .superRefine((v, ctx) => {
    const p = parseClockTime(v);
    if (!p.ok) ctx.addIssue({ code: 'custom', message: p.message });
  });

export const quietHoursSetting = z
  .object({
    enabled: z.boolean(),
    from: clockTime,
    to: clockTime,
    /** The zone chosen for a country that spans several, by country code. */
    zones: z.record(z.string().max(16), z.string().min(1).max(64)).default({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (parseClockTime(v.from).ok && parseClockTime(v.to).ok) {
      const w = parseQuietWindow(v.from, v.to);
      if (!w.ok) ctx.addIssue({ code: 'custom', path: ['to'], message: w.message });
    }
    const entries = Object.entries(v.zones);
    if (entries.length > 300)
      ctx.addIssue({ code: 'custom', path: ['zones'], message: 'Too many countries.' });
    for (const [country, zone] of entries) {
      if (!/^[A-Z]{2}$/.test(country)) {
        ctx.addIssue({
          code: 'custom',
          path: ['zones', country],
          message: `Countries are two capital letters, e.g. US (not "${country}").`,
        });
        continue;
      }
      const problem = zoneChoiceProblem(country, zone);
      if (problem) ctx.addIssue({ code: 'custom', path: ['zones', country], message: problem });
    }
  });

export const spreadSetting = z
  .object({
    durationMinutes: z
      .number()
      .int()
      .superRefine((v, ctx) => {
        const p = durationProblem(v);
        if (p) ctx.addIssue({ code: 'custom', message: p });
      }),
    /** When the spread was set: the duration counts from then or from the start, whichever is later. */
    setAt: z.number().int().nonnegative(),
  })
  .strict();
export type SpreadSetting = z.infer<typeof spreadSetting>;

export interface EffectiveFrequencyCap extends FrequencyCapSetting {
  source: 'default' | 'campaign';
}

/** On by default for MARKETING templates only: utility and authentication messages are expected. */
export function effectiveFrequencyCap(
  stored: unknown,
  templateCategory: string | null,
): EffectiveFrequencyCap {
  const parsed = frequencyCapSetting.safeParse(stored);
  if (parsed.success) return { ...parsed.data, source: 'campaign' };
  return {
    enabled: templateCategory === 'MARKETING',
    days: FREQUENCY_CAP_DEFAULT_DAYS,
    source: 'default',
  };
}

export interface EffectiveQuietHours {
  enabled: boolean;
  from: string;
  to: string;
  zones: Record<string, string>;
  /** The window when enabled and valid; null means nobody waits. */
  window: QuietWindow | null;
  /** 'account': not set on the campaign, the account's defaults apply. */
  source: 'campaign' | 'account';
}

export interface AccountQuietDefault {
  from: string;
  to: string;
}

export function effectiveQuietHours(
  stored: unknown,
  accountDefault: AccountQuietDefault | null,
): EffectiveQuietHours {
  const parsed = quietHoursSetting.safeParse(stored);
  if (parsed.success) {
    const w = parseQuietWindow(parsed.data.from, parsed.data.to);
    return {
      ...parsed.data,
      window: parsed.data.enabled && w.ok ? w.window : null,
      source: 'campaign',
    };
  }
  if (accountDefault) {
    const w = parseQuietWindow(accountDefault.from, accountDefault.to);
    return {
      enabled: w.ok,
      from: accountDefault.from,
      to: accountDefault.to,
      zones: {},
      window: w.ok ? w.window : null,
      source: 'account',
    };
  }
  return { enabled: false, from: '21:00', to: '08:00', zones: {}, window: null, source: 'account' };
}

export function effectiveSpread(stored: unknown): SpreadSetting | null {
  const parsed = spreadSetting.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The spread's deadline: its duration counted from the start, or from when it was set if later. */
export function spreadDeadline(spread: SpreadSetting, startedAt: number | null): number | null {
  if (startedAt === null) return null;
  return Math.max(startedAt, spread.setAt) + spread.durationMinutes * 60_000;
}

/** The skip reason of a recipient left out by the frequency cap (the "Excluded: " prefix is shared with the audience filter). */
export function frequencyCapReason(days: number): string {
  return `Excluded: got a message from this account in the last ${days === 1 ? 'day' : `${days} days`} (frequency cap).`;
}

export const EXCLUDED_PREFIX = 'Excluded: ';

/** The skip reason of a recipient on the suppression list when it came to be sent. */
export function suppressedReason(listReason: string): string {
  const reason = listReason.trim().replace(/[.\s]+$/, '') || 'on the suppression list';
  return `Suppressed: ${reason}.`;
}
