// `npx tsx tests/bench/phone.ts`: microseconds per number for phone normalisation, the import's
// former hot spot: libphonenumber-js as normalizePhone used to call it (parse, isValid, getType)
// against readDigits (the same reading with compiled patterns) and today's normalizePhone.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { normalizePhone } from '../../shared/domain/phone';
import { readDigits } from '../../shared/domain/phone-digits';

const COUNT = Number(process.env.BENCH_PHONES ?? 200_000);
const numbers = (make: (i: number) => string) => Array.from({ length: COUNT }, (_, i) => make(i));
const cases: { name: string; country: string | null; numbers: string[] }[] = [
  {
    name: 'GB national (07400 000000)',
    country: 'GB',
    numbers: numbers((i) => '07' + String(400000000 + i).padStart(9, '0')),
  },
  {
    name: 'GB international (+447400000000)',
    country: null,
    numbers: numbers((i) => '+447' + String(400000000 + i).padStart(9, '0')),
  },
  {
    name: 'US national (202 555 0000)',
    country: 'US',
    numbers: numbers((i) => '202' + String(5550000 + (i % 10_000_000)).padStart(7, '0')),
  },
  {
    name: 'FR national (06 00 00 00 00)',
    country: 'FR',
    numbers: numbers((i) => '06' + String(i).padStart(8, '0')),
  },
];

const library = (text: string, country: string | null) => {
  const p = parsePhoneNumberFromString(
    text,
    country ? { defaultCountry: country as CountryCode } : {},
  );
  return p?.isValid() ? p.getType() : undefined;
};

/** Best of three passes, in µs per number: the machine is shared, the minimum is the least disturbed. */
function perNumber(list: string[], fn: (text: string) => unknown): number {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const text of list) fn(text);
    best = Math.min(best, ((performance.now() - started) * 1000) / list.length);
  }
  return best;
}

console.log(
  `Phone normalisation, µs per number (best of 3 passes over ${COUNT.toLocaleString('en')} numbers, Node ${process.version})`,
);
console.log(
  '  case                              library parse+isValid+getType   readDigits   normalizePhone',
);
for (const c of cases) {
  const lib = perNumber(c.numbers, (t) => library(t, c.country));
  const ours = perNumber(c.numbers, (t) => readDigits(t, c.country));
  const normalized = perNumber(c.numbers, (t) => normalizePhone(t, c.country));
  console.log(
    `  ${c.name.padEnd(34)}${lib.toFixed(2).padStart(12)}${ours.toFixed(2).padStart(28)}${normalized.toFixed(2).padStart(17)}`,
  );
}
