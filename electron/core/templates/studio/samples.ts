import { extname, isAbsolute, resolve } from 'node:path';
import { CoreError } from '../../../../shared/api';
import type { TemplateDraft } from '../../../../shared/domain/studio';
import type { HeaderComponent } from '../../../../shared/domain/templates';
import type { CloudApiClient } from '../../cloud-api';
import { SAMPLE_TYPES } from '../../cloud-api/resumable-upload';

/**
 * A draft names its sample media by local file in `example.header_handle`; Meta wants a handle from
 * its Resumable Upload API there. Handles Meta issued look like `4::…`; anything else is a file.
 */
const isMetaHandle = (h: string): boolean => /^\d+::/.test(h);

async function upload(client: CloudApiClient, ref: string, baseDir: string | undefined) {
  const path = isAbsolute(ref) ? ref : resolve(baseDir ?? '.', ref);
  const mimeType = SAMPLE_TYPES[extname(path).toLowerCase()];
  if (!mimeType)
    throw new CoreError(
      'VALIDATION',
      `The sample "${ref}" is not a JPEG, PNG, MP4 or PDF file, the types WhatsApp takes as a template sample.`,
    );
  const r = await client.uploadSample({ path, mimeType });
  if (!r.ok)
    throw new CoreError(
      'UNAVAILABLE',
      `The sample "${ref}" could not be uploaded: ${r.failure.entry.explanation} ${r.failure.entry.action}`.trim(),
    );
  return r.handle;
}

async function withHandles<T extends { type: string }>(
  components: T[],
  swap: (h: HeaderComponent) => Promise<HeaderComponent>,
): Promise<T[]> {
  const out: T[] = [];
  for (const c of components)
    out.push(
      c.type === 'HEADER' ? ((await swap(c as unknown as HeaderComponent)) as unknown as T) : c,
    );
  return out;
}

/** The draft with every local sample replaced by the handle Meta gave for it (one upload per file). */
export async function uploadSamples(
  client: CloudApiClient,
  draft: TemplateDraft,
  baseDir: string | undefined,
): Promise<TemplateDraft> {
  const done = new Map<string, string>();
  const swap = async (h: HeaderComponent): Promise<HeaderComponent> => {
    const refs = h.example?.header_handle;
    if (!refs?.length) return h;
    const handles: string[] = [];
    for (const ref of refs) {
      if (isMetaHandle(ref)) handles.push(ref);
      else {
        const got = done.get(ref) ?? (await upload(client, ref, baseDir));
        done.set(ref, got);
        handles.push(got);
      }
    }
    return { ...h, example: { ...h.example, header_handle: handles } };
  };
  const components = await withHandles(draft.components, swap);
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    if (c.type !== 'CAROUSEL') continue;
    const cards = [];
    for (const card of c.cards)
      cards.push({ components: await withHandles(card.components, swap) });
    components[i] = { ...c, cards };
  }
  return { ...draft, components };
}
