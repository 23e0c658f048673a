import { getCountry } from 'countries-and-timezones';
import { isKnownTimeZone } from './zone-time';

/**
 * A recipient's time zone comes from the country of their number (recipients.country, from
 * libphonenumber). countries-and-timezones maps a country to its IANA zones; Intl then gives each
 * zone's offset at any instant. Zones this runtime's Intl does not know are left out.
 */
export function zonesOfCountry(country: string): string[] {
  const c = getCountry(country.toUpperCase());
  return c ? c.timezones.filter(isKnownTimeZone) : [];
}

export function countryName(country: string): string {
  return getCountry(country.toUpperCase())?.name ?? country;
}

/**
 * How a country's recipients are timed: the one zone it has, the zone the user chose, or all of
 * them at once ("quiet if it is quiet in any"), until the user picks one.
 */
export type ZoneRule =
  | { kind: 'single'; zones: [string] }
  | { kind: 'chosen'; zones: [string] }
  | { kind: 'any'; zones: string[] }
  | { kind: 'none'; zones: [] };

export function zoneRule(
  country: string | null,
  chosen: Readonly<Record<string, string>>,
): ZoneRule {
  if (!country) return { kind: 'none', zones: [] };
  const pick = chosen[country.toUpperCase()];
  if (pick && isKnownTimeZone(pick)) return { kind: 'chosen', zones: [pick] };
  const zones = zonesOfCountry(country);
  const [first] = zones;
  if (first === undefined) return { kind: 'none', zones: [] };
  if (zones.length === 1) return { kind: 'single', zones: [first] };
  return { kind: 'any', zones };
}

/** Why a zone choice is refused, or null when it is one of the country's zones. */
export function zoneChoiceProblem(country: string, zone: string): string | null {
  const zones = zonesOfCountry(country);
  if (zones.length === 0) return `${country} is not a country code this app knows time zones for.`;
  if (!zones.includes(zone)) {
    const list = zones.length > 6 ? `${zones.slice(0, 6).join(', ')}…` : zones.join(', ');
    return `${zone} is not a time zone of ${countryName(country)} (${country}); choose one of ${list}.`;
  }
  return null;
}
