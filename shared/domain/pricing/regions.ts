/**
 * Meta prices a delivered template message by the market of the recipient's country calling code.
 * Some markets are one country; the rest are grouped into regions. These are the regions of the
 * per-message card of 2025-07-01; later moves (Zimbabwe into Rest of Africa on 2025-10-01, nine
 * countries onto their own rows on 2026-10-01) are dated changes in market-changes.ts, applied by
 * the day a message is priced.
 * VERIFIED: the members match the "Country calling codes" table of Meta's pricing page (updated
 * Mar 30, 2026, read in a copy collected 2026-05-20), less Zimbabwe, which that page lists after its
 * move. Meta prices +1 809/829/849 (Dominican Republic), +1 658/876 (Jamaica) and +1 787/939
 * (Puerto Rico) as Rest of Latin America: the app maps numbers to countries by their full number,
 * so those are DO, JM and PR here, not North America.
 * A country with its own row in a rate card is priced by that row; a region's row prices only the
 * members without one (partners report that Hong Kong, Hungary, Poland, Qatar, Romania and Singapore
 * got their own rows on 2026-07-01, not read on Meta's page here: an imported card that lists them
 * takes them out of their region by itself).
 */
const codes = (list: string): readonly string[] => list.split(' ');

export const REGIONS: Readonly<Record<string, { name: string; countries: readonly string[] }>> = {
  north_america: { name: 'North America', countries: codes('US CA') },
  rest_of_africa: {
    name: 'Rest of Africa',
    countries: codes(
      'DZ AO BJ BW BF BI CM TD CG ER ET GA GM GH GW CI KE LS LR LY MG MW ML MR MA MZ NA NE RW SN SL SO SS SD SZ TZ TG TN UG ZM',
    ),
  },
  rest_of_asia_pacific: {
    name: 'Rest of Asia Pacific',
    countries: codes('AF AU BD KH CN HK JP LA MN NP NZ PG PH SG LK TW TJ TH TM UZ VN'),
  },
  rest_of_central_eastern_europe: {
    name: 'Rest of Central & Eastern Europe',
    countries: codes('AL AM AZ BY BG HR CZ GE GR HU LV LT MK MD PL RO RS SK SI UA'),
  },
  rest_of_latin_america: {
    name: 'Rest of Latin America',
    countries: codes('BO CR DO EC SV GT HT HN JM NI PA PY PR UY VE'),
  },
  rest_of_middle_east: {
    name: 'Rest of Middle East',
    countries: codes('BH IQ JO KW LB OM QA YE'),
  },
  rest_of_western_europe: {
    name: 'Rest of Western Europe',
    countries: codes('AT BE DK FI IE NO PT SE CH'),
  },
};

/** The region id for a name as Meta's rate card CSV prints it ("Rest of Central & Eastern Europe"). */
export function regionIdByName(name: string): string | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return Object.entries(REGIONS).find(([, r]) => r.name.toLowerCase() === key)?.[0];
}
