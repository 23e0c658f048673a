import type { FileRef } from './audience';
import type { Result } from './errors';
import type { DownloadKind } from './names';
import type { EventMap, EventName } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';

/**
 * The one object the renderer talks to. The preload implements it over IPC; the
 * headless transport implements it over HTTP + server-sent events.
 */
export interface Transport {
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Makes a file the user picked or dropped (a DOM File) available to the core. */
  stageFile(file: unknown): Promise<Result<FileRef>>;
  /** Saves a generated file: a save dialog on the desktop, a download in the browser. */
  download(kind: DownloadKind, id: number): Promise<Result<{ saved: boolean }>>;
}

/**
 * What the preload puts on `window` (Electron only): one function per contract method,
 * never a raw invoke(channel), plus a subscription limited to the known push events.
 */
export interface PreloadBridge {
  methods: { [K in MethodName]: (input: unknown) => Promise<Result<MethodOutput<K>>> };
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** The local path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: unknown): string;
  download(kind: DownloadKind, id: number): Promise<Result<{ saved: boolean }>>;
}
