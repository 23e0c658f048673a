import type { Format } from '../../../../shared/format';

const MINUTE = 60_000;

/**
 * The customer-service window as a shop owner reads it: "closes in 3 h 12 min". Rounded down to
 * the minute, so the box never promises a minute that is not there.
 */
export function windowLeft(f: Format, remainingMs: number): string {
  const minutes = Math.floor(Math.max(0, remainingMs) / MINUTE);
  if (minutes < 1) return 'closes in less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `closes in ${f.count(m)} min`;
  return m === 0 ? `closes in ${f.count(h)} h` : `closes in ${f.count(h)} h ${f.count(m)} min`;
}

const OTHER: Readonly<Record<string, string>> = {
  audio: 'Voice message',
  video: 'Video',
  sticker: 'Sticker',
  location: 'Location',
  contacts: 'Contact card',
};

/** What a reply says in one line, for the list and for notifications. */
export function replyLine(r: {
  type: string;
  body: string | null;
  media: { filename: string | null } | null;
}): string {
  const words = r.body?.replace(/\s+/g, ' ').trim() ?? '';
  switch (r.type) {
    case 'text':
      return words;
    case 'button':
    case 'interactive':
      return `Tapped “${words}”`;
    case 'reaction':
      return `Reacted ${words}`;
    case 'image':
      return words ? `Photo: ${words}` : 'Photo';
    case 'document':
      return `Document ${r.media?.filename ?? ''}${words ? `: ${words}` : ''}`.trim();
    default: {
      const what = OTHER[r.type] ?? `A message WhatsApp calls “${r.type}”`;
      return words ? `${what}: ${words}` : what;
    }
  }
}
