import type { Slot } from './slots';

/**
 * Column names people use for the same thing, across the languages of our users. Each entry is
 * normalised (see `normalise`); a slot and a column that fall in the same group are a strong match.
 */
const SYNONYMS: Record<string, readonly string[]> = {
  first_name: [
    'first name',
    'firstname',
    'given name',
    'forename',
    'vorname',
    'prenom',
    'nombre',
    'nome',
    'voornaam',
    'first',
  ],
  last_name: [
    'last name',
    'lastname',
    'surname',
    'family name',
    'nachname',
    'nom',
    'nom de famille',
    'apellido',
    'apellidos',
    'cognome',
    'achternaam',
    'last',
  ],
  full_name: [
    'name',
    'full name',
    'customer name',
    'client name',
    'contact name',
    'nombre completo',
    'nome completo',
    'kunde',
    'kundenname',
  ],
  phone: [
    'phone',
    'phone number',
    'mobile',
    'cell',
    'whatsapp',
    'telefon',
    'telefono',
    'telephone',
    'handy',
    'numero',
    'tel',
  ],
  email: ['email', 'e mail', 'mail', 'correo', 'courriel'],
  order_number: [
    'order',
    'order number',
    'order id',
    'order no',
    'bestellnummer',
    'bestellung',
    'pedido',
    'numero de pedido',
    'commande',
    'ordine',
  ],
  coupon: [
    'coupon',
    'coupon code',
    'code',
    'promo code',
    'discount code',
    'voucher',
    'gutschein',
    'gutscheincode',
    'cupon',
    'codigo',
  ],
  amount: [
    'amount',
    'total',
    'price',
    'sum',
    'betrag',
    'preis',
    'importe',
    'precio',
    'montant',
    'prix',
    'valor',
  ],
  date: [
    'date',
    'day',
    'datum',
    'fecha',
    'appointment',
    'termin',
    'cita',
    'rendez vous',
    'delivery date',
  ],
  city: ['city', 'town', 'stadt', 'ort', 'ciudad', 'ville', 'citta'],
  company: ['company', 'business', 'firma', 'empresa', 'entreprise', 'societe'],
  link: ['link', 'url', 'website', 'enlace', 'lien'],
  tracking: [
    'tracking',
    'tracking number',
    'tracking code',
    'sendungsnummer',
    'seguimiento',
    'suivi',
  ],
};

/** Lower case, accents removed, and `_`, `-`, `.` and runs of spaces folded into one space. */
function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .trim();
}

/** Splits camelCase before lower-casing, so `firstName` reads like `first name`. */
const normaliseName = (s: string): string => normalise(s.replace(/([a-z])([A-Z])/g, '$1 $2'));

const conceptOf = (n: string): string | undefined =>
  Object.entries(SYNONYMS).find(([key, words]) => normalise(key) === n || words.includes(n))?.[0];

/** A concept guessed from an example value, for positional slots whose name (`1`) says nothing. */
function conceptFromExample(example: string): string | undefined {
  const e = example.trim();
  if (/^\S+@\S+\.\S+$/.test(e)) return 'email';
  if (/^https?:\/\//i.test(e)) return 'link';
  if (/^\p{Sc}\s?\d|\d\s?\p{Sc}$/u.test(e)) return 'amount';
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(e) || /\b(19|20)\d{2}\b/.test(e)) return 'date';
  if (/^\+?[\d\s()-]{7,}$/.test(e)) return 'phone';
  if (/^(?=.*\d)[A-Z0-9-]{4,}$/.test(e))
    return /[A-Z]/.test(e) && /\d/.test(e) && e.length <= 8 ? 'coupon' : 'order_number';
  if (/^\p{Lu}\p{Ll}+$/u.test(e)) return 'first_name';
  if (/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(e)) return 'full_name';
  return undefined;
}

function bigrams(s: string): string[] {
  const t = s.replace(/ /g, '');
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
}

/** Sørensen–Dice similarity on letter pairs: robust to small spelling differences and word order. */
function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const pool = [...y];
  let hits = 0;
  for (const g of x) {
    const at = pool.indexOf(g);
    if (at >= 0) {
      hits++;
      pool.splice(at, 1);
    }
  }
  return (2 * hits) / (x.length + y.length);
}

/** A first name can come from a "Name" column and vice versa, when nothing closer exists. */
const related = (a: string | undefined, b: string | undefined): boolean =>
  (a === 'first_name' && b === 'full_name') || (a === 'full_name' && b === 'first_name');

const MIN_SCORE = 0.55;

function score(slot: Slot, column: string): number {
  const col = normaliseName(column);
  if (col === '') return 0;
  const positional = /^[0-9]+$/.test(slot.name);
  const slotConcept = positional
    ? slot.example !== undefined
      ? conceptFromExample(slot.example)
      : undefined
    : conceptOf(normaliseName(slot.name));
  const colConcept = conceptOf(col);
  if (!positional) {
    const name = normaliseName(slot.name);
    if (name === col) return 1;
    if (name.replace(/ /g, '') === col.replace(/ /g, '')) return 0.97;
    if (slotConcept !== undefined && slotConcept === colConcept) return 0.9;
    if (related(slotConcept, colConcept)) return 0.75;
    return dice(name, col) * 0.85;
  }
  if (slotConcept !== undefined && slotConcept === colConcept) return 0.7;
  return related(slotConcept, colConcept) ? 0.6 : 0;
}

/**
 * For each text slot, the audience column that most likely holds its value, or undefined. Columns are
 * handed out best match first, so one column is suggested for two slots only when the second slot
 * has no other acceptable column (e.g. `{{first_name}}` in both header and body).
 */
export function suggestColumns(
  slots: readonly Slot[],
  columns: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const candidates: { slot: string; column: string; score: number }[] = [];
  for (const slot of slots) {
    out[slot.key] = undefined;
    if (slot.kind === 'media' || slot.kind === 'location') continue;
    for (const column of columns) {
      const s = score(slot, column);
      if (s >= MIN_SCORE) candidates.push({ slot: slot.key, column, score: s });
    }
  }
  candidates.sort((a, b) => b.score - a.score);

  const used = new Set<string>();
  for (const c of candidates) {
    if (out[c.slot] !== undefined || used.has(c.column)) continue;
    out[c.slot] = c.column;
    used.add(c.column);
  }
  for (const c of candidates) {
    if (out[c.slot] === undefined) out[c.slot] = c.column;
  }
  return out;
}
