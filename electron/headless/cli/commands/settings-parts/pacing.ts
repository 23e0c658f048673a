import type { MethodInput, PacingView } from '../../../../../shared/api';
import {
  formatDuration,
  parseDuration,
  parseQuietWindow,
} from '../../../../../shared/domain/pacing';
import { call, str, UsageError, type Ctx } from '../../framework';
import type { SettingsPart } from './types';
import { human, noun } from '../../format';

/** `--quiet-zone` may be given several times (parseArgs `multiple: true` yields a list). */
function strings(ctx: Ctx, name: string): string[] {
  const v: unknown = ctx.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

function frequencyCap(raw: string): MethodInput<'campaigns.setPacing'>['frequencyCap'] {
  const v = raw.trim().toLowerCase();
  if (v === 'off') return { enabled: false, days: 7 };
  if (v === 'default') return null;
  if (!/^\d{1,3}$/.test(v))
    throw new UsageError(
      `--frequency-cap-days must be a number of days, "off" or "default" (not "${raw}").`,
    );
  return { enabled: true, days: Number(v) };
}

function quietWindow(raw: string): { from: string; to: string } {
  const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(raw);
  if (!m)
    throw new UsageError(
      `--quiet-hours must look like 21:00-08:00, or be "off" or "account" (not "${raw}").`,
    );
  const w = parseQuietWindow(m[1]!, m[2]!);
  if (!w.ok) throw new UsageError(`--quiet-hours ${raw}: ${w.message}`);
  return { from: m[1]!, to: m[2]! };
}

function zoneChoices(raws: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const raw of raws) {
    const m = /^([A-Za-z]{2})=(.+)$/.exec(raw.trim());
    if (!m)
      throw new UsageError(
        `--quiet-zone must look like US=America/Chicago (or US=any to go back to "quiet in any of its zones"), not "${raw}".`,
      );
    out[m[1]!.toUpperCase()] = m[2]!.toLowerCase() === 'any' ? null : m[2]!;
  }
  return out;
}

export function describePacing(v: PacingView): string {
  const lines: string[] = [];
  const cap = v.frequencyCap;
  const capSource =
    cap.source === 'default'
      ? ` (the default for ${v.templateCategory === 'MARKETING' ? 'marketing' : 'non-marketing'} templates)`
      : '';
  lines.push(
    cap.enabled
      ? `Frequency cap: on, ${human().countOf(cap.days, noun('day'))}${capSource}; ${human().countOf(cap.wouldExclude, noun('recipient'))} would be excluded now.`
      : `Frequency cap: off${capSource}.`,
  );
  const q = v.quietHours;
  const source = q.source === 'account' ? " (the account's defaults)" : '';
  if (q.enabled) {
    const zones = Object.entries(q.zones).map(([c, z]) => `${c}: ${z}`);
    const any = q.countries.filter((c) => c.rule === 'any').map((c) => c.country);
    lines.push(
      `Quiet hours: ${q.from}–${q.to} in each recipient's time zone${source}; ${human().countOf(q.waitingNow, noun('recipient'))} ${q.waitingNow === 1 ? 'is' : 'are'} in quiet hours now.`,
    );
    if (zones.length) lines.push(`  Time zones chosen: ${zones.join(', ')}.`);
    if (any.length)
      lines.push(
        `  Quiet while it is quiet in any of their zones (no zone chosen): ${any.join(', ')}.`,
      );
    for (const c of q.countries.filter((x) => x.opensAt === null))
      lines.push(
        `  ${c.name} never leaves quiet hours with these settings: choose one of its zones.`,
      );
  } else lines.push(`Quiet hours: off${source}.`);
  const s = v.spread;
  if (s.durationMinutes === null)
    lines.push(`Rate: the account's fixed rate (${s.accountRate} per second).`);
  else {
    const rate = s.ratePerSecond ?? 0;
    const pace =
      rate >= 1
        ? `${Math.round(rate * 10) / 10} per second`
        : rate > 0
          ? `one every ${Math.round(1 / rate)} s`
          : 'nothing left';
    lines.push(
      `Spread: over ${formatDuration(s.durationMinutes)}${s.deadline ? `, until ${new Date(s.deadline).toISOString()}` : ' from the start'}; now ${pace}.`,
    );
  }
  for (const e of v.excluded) lines.push(`  ${e.count} ${e.reason}`);
  return lines.join('\n');
}

/** Frequency cap, quiet hours and spread on `campaigns settings`. */
export const pacingPart: SettingsPart = {
  usage:
    '[--frequency-cap-days N|off|default] [--quiet-hours HH:MM-HH:MM|off|account] [--quiet-zone CC=ZONE|CC=any]… [--spread 6h|90m|2d|off]',
  options: {
    'frequency-cap-days': { type: 'string' },
    'quiet-hours': { type: 'string' },
    'quiet-zone': { type: 'string', multiple: true },
    spread: { type: 'string' },
  },
  async apply(ctx, core, campaignId) {
    const capRaw = str(ctx, 'frequency-cap-days');
    const quietRaw = str(ctx, 'quiet-hours');
    const zonesRaw = strings(ctx, 'quiet-zone');
    const spreadRaw = str(ctx, 'spread');
    if (
      capRaw === undefined &&
      quietRaw === undefined &&
      zonesRaw.length === 0 &&
      spreadRaw === undefined
    )
      return null;

    const input: MethodInput<'campaigns.setPacing'> = { campaignId };
    const changed: string[] = [];
    if (capRaw !== undefined) {
      input.frequencyCap = frequencyCap(capRaw);
      changed.push('frequency cap');
    }
    if (quietRaw !== undefined || zonesRaw.length > 0) {
      const current = (await call(core, 'campaigns.pacing', { campaignId })).quietHours;
      const mode = quietRaw?.trim().toLowerCase();
      if (mode === 'account' && zonesRaw.length === 0) input.quietHours = null;
      else {
        const window =
          mode === undefined || mode === 'off' || mode === 'account'
            ? { from: current.from, to: current.to }
            : quietWindow(quietRaw!);
        const zones: Record<string, string> = { ...current.zones };
        for (const [country, zone] of Object.entries(zoneChoices(zonesRaw))) {
          if (zone === null) delete zones[country];
          else zones[country] = zone;
        }
        input.quietHours = {
          enabled: mode === undefined ? current.enabled : mode !== 'off',
          ...window,
          zones,
        };
      }
      changed.push('quiet hours');
    }
    if (spreadRaw !== undefined) {
      if (spreadRaw.trim().toLowerCase() === 'off') input.spread = null;
      else {
        const d = parseDuration(spreadRaw);
        if (!d.ok) throw new UsageError(`--spread: ${d.message}`);
        input.spread = { durationMinutes: d.minutes };
      }
      changed.push('spread');
    }
    await call(core, 'campaigns.setPacing', input);
    return changed.join(', ');
  },
  async describe(_ctx, core, campaignId) {
    const view = await call(core, 'campaigns.pacing', { campaignId });
    return {
      key: 'pacing',
      value: {
        frequencyCap: view.frequencyCap,
        quietHours: view.quietHours,
        spread: view.spread,
        excluded: view.excluded,
      },
      text: describePacing(view),
    };
  },
};
