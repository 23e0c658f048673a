import { normalizePhone } from '../../../shared/domain/phone';

// Header words for a phone column in the languages our users' exports come in (Excel, Google
// Contacts "Phone 1 - Value", Shopify "Phone", POS exports), compared without accents or case.
const PHONE_WORDS = [
  'phone',
  'mobile',
  'cell',
  'cellphone',
  'whatsapp',
  'wa',
  'tel',
  'telephone',
  'msisdn',
  'number',
  'contact',
  'telefono',
  'celular',
  'movil',
  'numero',
  'whatsapp number',
  'telefone',
  'telemovel',
  'handy',
  'telefon',
  'mobilnummer',
  'rufnummer',
  'portable',
  'gsm',
  'cellulare',
  'mobiel',
  'telefoon',
  'komorka',
  'telefonnummer',
  'hp',
  'no hp',
  'nomor',
  'so dien thoai',
  'dien thoai',
  'jawwal',
  'هاتف',
  'جوال',
  'رقم',
  'телефон',
  'мобильный',
  '电话',
  '手机',
  'फोन',
  'मोबाइल',
];

export function foldHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\-.:#()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function headerScore(name: string): number {
  const folded = foldHeader(name);
  if (PHONE_WORDS.includes(folded)) return 1;
  const words = folded.split(' ');
  // Short words (tel, wa, hp) must stand alone; longer ones may sit inside compounds (Handynummer).
  if (
    PHONE_WORDS.some((w) =>
      w.includes(' ') || w.length >= 5 ? folded.includes(w) : words.includes(w),
    )
  ) {
    // "Phone 2 - Value" or "Home phone" still count, a little less; "phone type" and labels less still.
    return words.includes('type') || words.includes('label') || words.includes('country')
      ? 0.2
      : 0.8;
  }
  return 0;
}

/**
 * Picks the column most likely to hold phone numbers: by its header and by how many of the
 * sample cells normalise to a valid number. Returns undefined when nothing looks like one.
 */
export function guessPhoneColumn(
  columns: readonly string[],
  sample: readonly string[][],
  country: string | null,
): string | undefined {
  let best: { name: string; score: number } | undefined;
  columns.forEach((name, i) => {
    const cells = sample.map((r) => r[i] ?? '').filter((c) => c.trim() !== '');
    const valid = cells.filter((c) => normalizePhone(c, country).ok).length;
    const content = cells.length ? valid / cells.length : 0;
    const score = headerScore(name) + content * 1.5;
    if (score >= 0.8 && (!best || score > best.score)) best = { name, score };
  });
  return best?.name;
}
