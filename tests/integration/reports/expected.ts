import { describeError } from '../../../shared/domain/errors';
import { BUNDLED_RATE_CARD, marketFor } from '../../../shared/domain/pricing';
import { OUTCOMES, PEOPLE, T0 } from './helpers';

/** What the report must say about each fixture recipient, computed independently of the writer. */

export const ORIGINAL = ['name', 'phone', 'note', 'city'] as const;

export function headerFor(zone: string): string[] {
  return [
    ...ORIGINAL,
    'Phone (E.164)',
    'Country',
    'State',
    `Sent at (${zone})`,
    `Delivered at (${zone})`,
    `Read at (${zone})`,
    `Failed at (${zone})`,
    'WhatsApp message ID',
    'Error code',
    'Reason',
    'What to do',
    'Category',
    'Estimated price (USD)',
  ];
}

export function localTime(ms: number, zone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export function e164(i: number): string {
  return PEOPLE[i]!.phone.replace(/\s/g, '');
}

/** The row of person i as text, in header order, as the data is (the CSV writer escapes it); `ids` maps the person to their recipient id (for wamids). */
export function expectedRow(i: number, zone: string, recipientId: number): string[] {
  const p = PEOPLE[i]!;
  const o = OUTCOMES[i]!;
  const t = (s: number | undefined) => (s === undefined ? '' : localTime(T0 + s * 1000, zone));
  const country = p.phone.startsWith('+44') ? 'GB' : 'US';
  const failed = o.state === 'failed' ? describeError(o.code) : null;
  const reason = failed ? failed.explanation : 'skip' in o ? o.skip : 'title' in o ? o.title : '';
  const charged = o.state === 'read' || o.state === 'delivered';
  const price = charged ? marketFor(BUNDLED_RATE_CARD, country).prices.MARKETING : 0;
  return [
    ...ORIGINAL.map((c) => p[c]),
    e164(i),
    country,
    o.state,
    t('sent' in o ? o.sent : undefined),
    t('delivered' in o ? o.delivered : undefined),
    t('read' in o ? o.read : undefined),
    t('failed' in o ? o.failed : 'sending' in o ? o.sending : undefined),
    'sent' in o ? `wamid.HBgL${recipientId}` : '',
    failed ? String(o.state === 'failed' ? o.code : '') : '',
    reason,
    failed ? failed.action : '',
    'MARKETING',
    String(price),
  ];
}
