import { normalizePhone } from '../../../shared/domain/phone';
import type { ExportPreset } from '../../../shared/api';
import { foldHeader } from './phone-column';

/**
 * Well-known customer exports, recognised by their header row (issue 18 item 5). Headers are
 * compared folded (foldHeader: case, accents, "_", "-" ignored), so WooCommerce's meta keys
 * (billing_phone) and its display names (Billing Phone) match alike.
 *
 * Sources of the column names:
 * - Shopify customers export. "First Name", "Last Name", "Email", "Phone", "Tags": verified against
 *   Matrixify's and Excelify's Shopify customer column references (matrixify.app/documentation/
 *   customers, excelify.io …/customers) and Altera's (help.getaltera.com … customer-fields).
 *   "Accepts Email Marketing", "Accepts SMS Marketing", older "Accepts Marketing" and "Default
 *   Address Phone" as written by Shopify admin's own export: ASSUMED (no Shopify page found in
 *   our search corpus; names as the issue and shop owners' files give them). Values "yes"/"no":
 *   ASSUMED.
 * - WooCommerce: the "Customer/Order CSV Export" extension and the REST API name the fields
 *   billing_first_name, billing_email, billing_phone (verified: SkyVerge gists and WooCommerce's
 *   customer meta keys); "Billing Phone"/"Billing First Name" display headers: ASSUMED.
 * - Google Contacts CSV ("Google CSV"): "Phone 1 - Value", "E-mail 1 - Value", "Given Name"/
 *   "Family Name" (older export) or "First Name"/"Last Name" (export since 2023): ASSUMED from
 *   exported files; the pages in our corpus only say Google's header row is recognisable.
 * - Square customers export (Dashboard › Customers › Directory › Import / Export › Export
 *   Customers): "Email Unsubscribed" and "Email Subscription Status" verified against Square's
 *   help pages "Manage Unsubscribed Customers" (squareup.com/help/ca/en/article/6149) and "Import
 *   Customers Online" (squareup.com/help/us/en/article/6632); "Phone Number", "Email Address",
 *   "Company Name", "Reference ID" are the profile's fields as Square's Customer object and import
 *   guide name them (developer.squareup.com/reference/square/objects/customer); "First Name",
 *   "Last Name"/"Surname" (GB/AU dashboards), "Square Customer ID", "Creation Source" as written
 *   in the export: ASSUMED (no export header row in our corpus). Email consent says nothing of
 *   WhatsApp, so no marketing column is read (and "Email Unsubscribed" = true would mean "no").
 * - Outlook contacts CSV (Outlook.com / Outlook desktop "Export to a file › Comma Separated
 *   Values", the address list people open in Excel): "First Name", "Middle Name", "Last Name",
 *   "E-mail Address", "Home Phone", "Business Phone", "Mobile Phone", "Primary Phone", "Other
 *   Phone" verified against the Outlook field list of spstechnical.com/outlook_contacts_schema.htm
 *   and the Outlook.com export schema written out in github.com/michalbe/csv2vcard (index.js).
 *   English headers only: localised Outlook writes its own ("Mobiltelefon"): not recognised.
 */
interface PresetRule extends ExportPreset {
  /** Every group must have one header present. */
  required: string[][];
  /** Phone columns in order of preference. */
  phones: string[];
  /** Columns saying whether the customer accepts marketing, in order of preference. */
  marketing: string[];
}

const RULES: PresetRule[] = [
  {
    id: 'shopify',
    label: 'Shopify customers export',
    required: [
      ['first name'],
      ['last name'],
      ['email'],
      ['accepts email marketing', 'accepts sms marketing', 'accepts marketing'],
      ['phone', 'default address phone'],
    ],
    phones: ['phone', 'default address phone'],
    // SMS consent is the closer match for WhatsApp; the general one only when SMS is absent.
    marketing: ['accepts sms marketing', 'accepts email marketing', 'accepts marketing'],
  },
  {
    id: 'woocommerce',
    label: 'WooCommerce customers export',
    required: [['billing phone'], ['billing first name', 'billing email', 'billing last name']],
    phones: ['billing phone', 'shipping phone'],
    marketing: [],
  },
  {
    id: 'google-contacts',
    label: 'Google Contacts export',
    required: [
      ['phone 1 value'],
      ['given name', 'first name', 'family name', 'last name', 'e mail 1 value', 'name'],
    ],
    phones: ['phone 1 value', 'phone 2 value', 'phone 3 value'],
    marketing: [],
  },
  {
    id: 'square',
    label: 'Square customers export',
    required: [
      ['phone number'],
      // A column only Square writes, so a plain "First Name, Phone Number" file is not taken for one.
      ['square customer id', 'email subscription status', 'email unsubscribed', 'creation source'],
    ],
    phones: ['phone number'],
    marketing: [],
  },
  {
    id: 'outlook',
    label: 'Outlook contacts export',
    required: [
      ['mobile phone', 'primary phone', 'home phone', 'business phone'],
      ['e mail address', 'e mail display name', 'middle name'],
      ['first name', 'last name'],
    ],
    // WhatsApp lives on mobiles: the mobile first, then the numbers that may be one.
    phones: [
      'mobile phone',
      'primary phone',
      'home phone',
      'other phone',
      'business phone',
      'home phone 2',
      'business phone 2',
    ],
    marketing: [],
  },
];

export interface RecognisedExport {
  preset: ExportPreset;
  /** Present phone columns, in the preset's order of preference. */
  phoneColumns: string[];
  /** The column whose "no" means the customer does not accept marketing, if the file has one. */
  marketingColumn: string | null;
}

/** The well-known export these headers come from, or undefined for any other file. */
export function recogniseExport(columns: readonly string[]): RecognisedExport | undefined {
  const byFolded = new Map<string, string>();
  for (const c of columns) if (!byFolded.has(foldHeader(c))) byFolded.set(foldHeader(c), c);
  const rule = RULES.find((r) => r.required.every((group) => group.some((h) => byFolded.has(h))));
  if (!rule) return undefined;
  const present = (names: string[]) =>
    names.map((h) => byFolded.get(h)).filter((c): c is string => c !== undefined);
  return {
    preset: { id: rule.id, label: rule.label },
    phoneColumns: present(rule.phones),
    marketingColumn: present(rule.marketing)[0] ?? null,
  };
}

/**
 * The preset's phone column for these sample rows: the first preferred column holding a valid
 * number in the sample (a Shopify file whose "Phone" is empty falls back to "Default Address
 * Phone"), else the first preferred column present.
 */
export function presetPhoneColumn(
  found: RecognisedExport,
  columns: readonly string[],
  sample: readonly string[][],
  country: string | null,
): string | undefined {
  const holdsNumbers = (name: string) => {
    const i = columns.indexOf(name);
    return sample.some((r) => normalizePhone(r[i] ?? '', country).ok);
  };
  return found.phoneColumns.find(holdsNumbers) ?? found.phoneColumns[0];
}

/** A customer's answer to the marketing question, as a file gives it. */
export type MarketingAnswer = 'declined' | 'accepted';

/**
 * Shopify writes "no" when a customer has not agreed and "yes" when they have (ASSUMED, see
 * above); empty means unknown: no answer, which changes nothing in the book.
 */
export function marketingAnswer(value: string | undefined): MarketingAnswer | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'no' || v === 'false') return 'declined';
  if (v === 'yes' || v === 'true') return 'accepted';
  return undefined;
}

export function declinesMarketing(value: string | undefined): boolean {
  return marketingAnswer(value) === 'declined';
}
