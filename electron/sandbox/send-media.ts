import { fail } from './errors';
import { isRecord } from './http';

/** What the media store knows about an uploaded id. */
export type MediaLookup = (id: string) => { mime: string } | 'expired' | undefined;

/** MIME types a template header of each format can show ([OpenAPI]: only PDF documents for templates). */
const HEADER_MIMES: Readonly<Record<string, readonly string[]>> = {
  IMAGE: ['image/jpeg', 'image/png'],
  VIDEO: ['video/mp4', 'video/3gpp'],
  DOCUMENT: ['application/pdf'],
};

function checkLocation(p: Record<string, unknown>): string {
  if (p.type !== 'location')
    fail(
      132012,
      `header: Format mismatch, expected LOCATION, received ${(typeof p.type === 'string' ? p.type : 'UNKNOWN').toUpperCase()}.`,
    );
  const loc = p.location;
  const coordinate = (v: unknown): v is string | number =>
    (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
  if (!isRecord(loc) || !coordinate(loc.latitude) || !coordinate(loc.longitude)) {
    fail(131008, 'header: a location parameter needs latitude and longitude.');
  }
  const { latitude, longitude } = loc as { latitude: string | number; longitude: string | number };
  return `${latitude}, ${longitude}`;
}

/** Checks a media (or location) header parameter; returns the id, link or place it names. */
export function checkMediaParameter(
  format: string,
  p: Record<string, unknown>,
  lookup: MediaLookup,
): string {
  if (format === 'LOCATION') return checkLocation(p);
  const type = format.toLowerCase();
  if (p.type !== type)
    fail(
      132012,
      `header: Format mismatch, expected ${format}, received ${(typeof p.type === 'string' ? p.type : 'UNKNOWN').toUpperCase()}.`,
    );
  const ref = p[type];
  if (!isRecord(ref))
    return fail(131008, `header: the ${type} parameter needs an object with an id or a link.`);

  if (typeof ref.id === 'string') {
    const found = lookup(ref.id);
    if (found === undefined)
      fail(131053, `header: media id ${ref.id} does not exist on this phone number.`);
    if (found === 'expired')
      fail(
        131053,
        `header: media id ${ref.id} has expired; uploaded media ids are valid for 30 days.`,
      );
    const allowed = HEADER_MIMES[format] ?? [];
    const mime = (found as { mime: string }).mime;
    if (!allowed.includes(mime)) {
      fail(
        131053,
        `header: media id ${ref.id} is ${mime}, which a ${format} header cannot show (expected ${allowed.join(' or ')}).`,
      );
    }
    return ref.id;
  }
  if (typeof ref.link === 'string') {
    let url: URL | undefined;
    try {
      url = new URL(ref.link);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      fail(
        131053,
        `header: the media link ${JSON.stringify(ref.link)} could not be downloaded; use an http or https URL.`,
      );
    }
    return ref.link;
  }
  return fail(131008, `header: the ${type} parameter needs an id or a link.`);
}
