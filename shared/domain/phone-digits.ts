import metadata from 'libphonenumber-js/max/metadata';

/**
 * libphonenumber-js's parse() + isValid() + getType() for one narrow input: a string of ASCII
 * digits, optionally after a leading "+". It follows the library's own steps (source/parse.js
 * and the helpers it calls, version 1.13.16) on the library's own 'max' metadata, and differs in
 * one thing only: each metadata pattern is compiled to a RegExp once.
 *
 * Why: the library builds `new RegExp('^(?:' + pattern + ')$')` for every check, and a GB or
 * NANP number is checked against fixed-line patterns over a kilobyte long several times per
 * parse (once per country sharing the calling code, then again for isValid and getType). That
 * is ~25 µs a number, over three times the rest of the import's work per row. Compiled once,
 * it is ~1 µs (tests/bench/phone.ts).
 *
 * Anything else (other characters, non-ASCII digits, extensions, "tel:" links) is not handled
 * here: callers fall back to the library. tests/unit/phone.test.ts compares this with the
 * library over every country, so a library upgrade that changes its steps fails there.
 */

// A numbering plan as the metadata stores it (format version 4): an array read by position.
type PlanJson = readonly unknown[];
interface MetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, PlanJson>;
  nonGeographic?: Record<string, PlanJson>;
}

const META = metadata as unknown as MetadataJson;
if (META.version !== 4)
  throw new Error(
    `libphonenumber-js metadata version ${META.version} is not the one phone-digits.ts reads (4).`,
  );

// Positions in a version-4 plan (libphonenumber-js source/metadata.js, class NumberingPlan).
const CALLING_CODE = 0;
const IDD_PREFIX = 1;
const NATIONAL_NUMBER_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const NATIONAL_PREFIX_TRANSFORM_RULE = 8;
const LEADING_DIGITS = 10;
const TYPES = 11;

// The order of a plan's TYPES array (source/metadata.js, getType()).
const TYPE_NAMES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'PERSONAL_NUMBER',
  'VOICEMAIL',
  'UAN',
  'PAGER',
  'VOIP',
  'SHARED_COST',
] as const;
type TypeName = (typeof TYPE_NAMES)[number];
export type NumberType = TypeName | 'FIXED_LINE_OR_MOBILE';
// Checked in this order when a number is not fixed-line (source/helpers/getNumberType.js).
const NON_FIXED_LINE: readonly TypeName[] = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

// Library limits (source/constants.js).
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;
const MAX_INPUT_LENGTH = 250;

interface TypeRule {
  /** The pattern text; '' is meaningful (a MOBILE type with an empty pattern). */
  pattern: string;
  whole: RegExp;
  lengths: readonly number[] | undefined;
}

interface Plan {
  callingCode: string;
  /** Unanchored, as stripIddPrefix() uses it. */
  idd: RegExp;
  national: RegExp;
  possibleLengths: readonly number[] | undefined;
  /** "^(?:prefix)", as extractNationalNumberFromPossiblyIncompleteNumber() builds it. */
  prefixForParsing: RegExp | undefined;
  transformRule: string | undefined;
  leadingDigits: RegExp | undefined;
  hasTypes: boolean;
  types: Partial<Record<TypeName, TypeRule>>;
}

/** matchesEntirely()'s expression, compiled once. */
const whole = (pattern: string) => new RegExp('^(?:' + pattern + ')$');

function compilePlan(json: PlanJson): Plan {
  const at = <T>(i: number) => json[i] as T | undefined;
  const possibleLengths = at<number[]>(POSSIBLE_LENGTHS);
  const prefix = at<string>(NATIONAL_PREFIX_FOR_PARSING) || at<string>(NATIONAL_PREFIX);
  const leading = at<string>(LEADING_DIGITS);
  const typesJson = at<unknown[]>(TYPES);
  const types: Plan['types'] = {};
  TYPE_NAMES.forEach((name, i) => {
    const t = typesJson?.[i] as [string, number[]?] | undefined;
    // NumberingPlan.type() treats a falsy entry as "no such type".
    if (t) types[name] = { pattern: t[0], whole: whole(t[0]), lengths: t[1] || possibleLengths };
  });
  return {
    callingCode: at<string>(CALLING_CODE)!,
    // The library passes the IDD prefix to `new RegExp` as is, even when it is missing.
    idd: new RegExp(at<string>(IDD_PREFIX) as string),
    national: whole(at<string>(NATIONAL_NUMBER_PATTERN) as string),
    possibleLengths,
    prefixForParsing: prefix ? new RegExp('^(?:' + prefix + ')') : undefined,
    transformRule: at<string>(NATIONAL_PREFIX_TRANSFORM_RULE),
    leadingDigits: leading ? new RegExp(leading) : undefined,
    hasTypes: !!typesJson && typesJson.length !== 0,
    types,
  };
}

// Bounded by the metadata: one entry per country and non-geographic calling code.
const plans = new Map<PlanJson, Plan>();
function plan(json: PlanJson): Plan {
  let p = plans.get(json);
  if (!p) plans.set(json, (p = compilePlan(json)));
  return p;
}

/** Metadata.getCountryCodesForCallingCode(): undefined for non-geographic codes ("001"). */
function countriesFor(callingCode: string): readonly string[] | undefined {
  const codes = META.country_calling_codes[callingCode];
  if (!codes || (codes.length === 1 && codes[0]!.length === 3)) return undefined;
  return codes;
}

const planForCountry = (country: string): Plan => plan(META.countries[country]!);

/** Metadata.selectNumberingPlan(callingCode): the code's main country, or its non-geographic plan. */
function planForCallingCode(callingCode: string): Plan | undefined {
  const main = countriesFor(callingCode)?.[0];
  if (main) return planForCountry(main);
  const nonGeographic = META.nonGeographic?.[callingCode];
  return nonGeographic ? plan(nonGeographic) : undefined;
}

function isTypeOf(nationalNumber: string, type: TypeName, p: Plan): boolean {
  const rule = p.types[type];
  if (!rule || !rule.pattern) return false;
  if (rule.lengths && !rule.lengths.includes(nationalNumber.length)) return false;
  return rule.whole.test(nationalNumber);
}

/** source/helpers/getNumberType.js */
function numberType(nationalNumber: string, p: Plan): NumberType | undefined {
  if (!p.national.test(nationalNumber)) return undefined;
  if (isTypeOf(nationalNumber, 'FIXED_LINE', p)) {
    const mobile = p.types.MOBILE;
    if (!mobile || mobile.pattern === '' || isTypeOf(nationalNumber, 'MOBILE', p))
      return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  return NON_FIXED_LINE.find((type) => isTypeOf(nationalNumber, type, p));
}

/** source/helpers/checkNumberLength.js, for no particular type. */
function checkLength(
  nationalNumber: string,
  p: Plan,
): 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' {
  const lengths = p.possibleLengths;
  if (!lengths) return 'IS_POSSIBLE';
  const actual = nationalNumber.length;
  if (lengths[0] === actual) return 'IS_POSSIBLE';
  if (lengths[0]! > actual) return 'TOO_SHORT';
  if (lengths[lengths.length - 1]! < actual) return 'TOO_LONG';
  return lengths.indexOf(actual, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** source/helpers/getCountryByCallingCode.js + getCountryByNationalNumber.js */
function countryByCallingCode(callingCode: string, nationalNumber: string): string | undefined {
  const countries = countriesFor(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const p = planForCountry(country);
    if (p.leadingDigits) {
      if (nationalNumber && nationalNumber.search(p.leadingDigits) === 0) return country;
    } else if (numberType(nationalNumber, p)) {
      return country;
    }
  }
  return undefined;
}

/** source/helpers/extractNationalNumberFromPossiblyIncompleteNumber.js (the parts parse() reads). */
function stripNationalPrefix(
  number: string,
  p: Plan,
): { nationalNumber: string; carrierCode?: string } {
  if (!number || !p.prefixForParsing) return { nationalNumber: number };
  const match = p.prefixForParsing.exec(number);
  if (!match) return { nationalNumber: number };
  const groups = match.length - 1;
  const hasGroups = groups > 0 && !!match[groups];
  if (p.transformRule && hasGroups) {
    return {
      nationalNumber: number.replace(p.prefixForParsing, p.transformRule),
      ...(groups > 1 ? { carrierCode: match[1]! } : {}),
    };
  }
  return {
    nationalNumber: number.slice(match[0].length),
    ...(hasGroups ? { carrierCode: match[1]! } : {}),
  };
}

/** source/helpers/extractNationalNumber.js */
function extractNationalNumber(number: string, p: Plan): string {
  const { nationalNumber } = stripNationalPrefix(number, p);
  if (nationalNumber !== number) {
    // shouldHaveExtractedNationalPrefix()
    if (p.national.test(number) && !p.national.test(nationalNumber)) return number;
    if (p.possibleLengths) {
      const country = countryByCallingCode(p.callingCode, nationalNumber);
      const length = checkLength(nationalNumber, country ? planForCountry(country) : p);
      if (length === 'TOO_SHORT' || length === 'INVALID_LENGTH') return number;
    }
  }
  return nationalNumber;
}

/** source/helpers/stripIddPrefix.js, for ASCII digits. */
function stripIddPrefix(number: string, country: string | undefined): string | undefined {
  if (!country) return undefined;
  const idd = planForCountry(country).idd;
  if (number.search(idd) !== 0) return undefined;
  const rest = number.slice(number.match(idd)![0].length);
  // A "0" right after the IDD prefix is a national prefix, not a country code.
  return rest[0] === '0' ? undefined : rest;
}

/** source/helpers/extractCountryCallingCodeFromInternationalNumberWithoutPlusSign.js */
function callingCodeWithoutPlus(
  number: string,
  defaultCountry: string,
): { callingCode: string; number: string } | undefined {
  const p = planForCountry(defaultCountry);
  if (number.indexOf(p.callingCode) !== 0) return undefined;
  const shorter = number.slice(p.callingCode.length);
  const shorterNational = extractNationalNumber(shorter, p);
  const national = extractNationalNumber(number, p);
  if (
    (!p.national.test(national) && p.national.test(shorterNational)) ||
    checkLength(national, p) === 'TOO_LONG'
  ) {
    return { callingCode: p.callingCode, number: shorter };
  }
  return undefined;
}

/** source/helpers/extractCountryCallingCode.js */
function extractCallingCode(
  number: string,
  defaultCountry: string | undefined,
): { callingCode?: string; number?: string } {
  if (!number) return {};
  if (number[0] !== '+') {
    const withoutIdd = stripIddPrefix(number, defaultCountry);
    if (withoutIdd && withoutIdd !== number) {
      number = '+' + withoutIdd;
    } else {
      return (defaultCountry && callingCodeWithoutPlus(number, defaultCountry)) || { number };
    }
  }
  if (number[1] === '0') return {};
  for (let i = 2; i - 1 <= MAX_LENGTH_COUNTRY_CODE && i <= number.length; i++) {
    const callingCode = number.slice(1, i);
    if (countriesFor(callingCode) || META.nonGeographic?.[callingCode])
      return { callingCode, number: number.slice(i) };
  }
  return {};
}

export interface DigitsReading {
  /** E.164, as PhoneNumber.number. */
  number: string;
  country: string | undefined;
  valid: boolean;
  type: NumberType | undefined;
}

const DIGITS = /^\+?[0-9]+$/;

/** True for the inputs readDigits() handles; anything else goes to libphonenumber-js itself. */
export function isPlainDigits(text: string): boolean {
  return DIGITS.test(text);
}

/**
 * What `parsePhoneNumberFromString(text, { defaultCountry })` returns, with isValid() and
 * getType() (undefined where the library returns undefined). `text` must pass isPlainDigits().
 */
export function readDigits(text: string, defaultCountry: string | null): DigitsReading | undefined {
  if (!isPlainDigits(text))
    throw new Error('readDigits() takes digits with an optional leading "+".');
  // parsePhoneNumber_.js: an unknown default country is ignored.
  const knownDefault =
    defaultCountry && Object.hasOwn(META.countries, defaultCountry) ? defaultCountry : undefined;
  // parse.js, parseInput(): longer than 250 characters, or not "viable" (two bare digits, or
  // three digits after a "+"), is not a number.
  if (text.length > MAX_INPUT_LENGTH || text.length < (text[0] === '+' ? 4 : 2)) return undefined;

  // parse.js, parsePhoneNumber()
  const extracted = extractCallingCode(text, knownDefault);
  let callingCode = extracted.callingCode;
  let country: string | undefined;
  let p: Plan | undefined;
  if (callingCode) {
    p = planForCallingCode(callingCode);
  } else if (extracted.number && knownDefault) {
    country = knownDefault;
    p = planForCountry(knownDefault);
    callingCode = p.callingCode;
  }
  if (!p || !callingCode || !extracted.number) return undefined;
  const nationalNumber = extractNationalNumber(extracted.number, p);
  const exact = countryByCallingCode(callingCode, nationalNumber);
  if (exact) {
    country = exact;
    p = planForCountry(exact);
  }
  // parse.js: TOO_SHORT / TOO_LONG
  if (nationalNumber.length < MIN_LENGTH_FOR_NSN || nationalNumber.length > MAX_LENGTH_FOR_NSN)
    return undefined;

  // isValid.js / PhoneNumber.getType(): on the country's plan, else the calling code's.
  const typePlan = country ? planForCountry(country) : p;
  const type = numberType(nationalNumber, typePlan);
  const valid = typePlan.hasTypes ? type !== undefined : typePlan.national.test(nationalNumber);
  return { number: '+' + callingCode + nationalNumber, country, valid, type };
}
