import {
  BRIDGE_KEY,
  type ApiError,
  type DownloadKind,
  type FileRef,
  type EventMap,
  type EventName,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type PreloadBridge,
  type Result,
  type Transport,
} from '../../../shared/api';
import { isAction, reportRefusal } from './refusals';

/**
 * The only module that talks to the backend. In Electron it uses the preload bridge; in the
 * headless shell it uses POST /api/<method> and server-sent events (the token travels in an
 * HttpOnly cookie the server set when the page was opened). Components never see which.
 */

const unreachable: ApiError = {
  code: 'UNAVAILABLE',
  message: 'Campaign Desk is not reachable. Is `campaign-desk serve` still running?',
};

function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    call: (method, input) => bridge.methods[method](input),
    subscribe: (event, listener) => bridge.subscribe(event, listener as (p: unknown) => void),
    async stageFile(file) {
      try {
        return { ok: true, value: { kind: 'path', path: bridge.pathForFile(file) } };
      } catch {
        return {
          ok: false,
          error: { code: 'VALIDATION', message: 'That is not a file on this computer.' },
        };
      }
    },
    download: (kind, id) => bridge.download(kind, id),
  };
}

function httpTransport(): Transport {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | undefined;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.addEventListener('push', (e) => {
      const { name, payload } = JSON.parse((e as MessageEvent<string>).data) as {
        name: EventName;
        payload: never;
      };
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  };
  return {
    async call(method, input) {
      try {
        const res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        if (res.status === 401) {
          return {
            ok: false,
            error: {
              code: 'UNAUTHORIZED',
              message:
                'This page lost its access token. Open the link printed by `campaign-desk serve` again.',
            },
          };
        }
        return (await res.json()) as never;
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    async stageFile(file) {
      if (!(file instanceof File))
        return { ok: false, error: { code: 'VALIDATION', message: 'That is not a file.' } };
      try {
        // The browser cannot share a path: stream the file itself to the local server.
        const res = await fetch('/upload', {
          method: 'POST',
          body: file,
          credentials: 'same-origin',
        });
        if (!res.ok) {
          // The server says why in words (e.g. the file is over the size limit) when it can.
          const refused = (await res.json().catch(() => null)) as Result<FileRef> | null;
          if (refused && !refused.ok) return refused;
          return {
            ok: false,
            error: {
              code: 'UNAVAILABLE',
              message: `The file could not be uploaded (${res.status}).`,
            },
          };
        }
        const body = (await res.json()) as Result<FileRef>;
        return body.ok
          ? { ok: true, value: { kind: 'upload', id: (body.value as { id: string }).id } }
          : body;
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    async download(kind, id) {
      const a = document.createElement('a');
      a.href = `/download/${kind}/${id}`;
      a.download = '';
      document.body.append(a);
      a.click();
      a.remove();
      return { ok: true, value: { saved: true } };
    },
    subscribe(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

const bridge = (window as unknown as Record<string, PreloadBridge | undefined>)[BRIDGE_KEY];
const transport: Transport = bridge ? ipcTransport(bridge) : httpTransport();

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

export interface CallOptions {
  /** The caller shows a refusal where the user acted (a form's fields, a dialog's alert). */
  shownInPlace?: boolean;
}

export const api = {
  /**
   * Returns the Result as is, for callers that branch on the error code. A refused action is
   * also put on screen (lib/refusals) unless the caller says it shows the refusal in place.
   */
  async call<K extends MethodName>(
    method: K,
    input: MethodInput<K>,
    options: CallOptions = {},
  ): Promise<Result<MethodOutput<K>>> {
    const result = await transport.call(method, input);
    if (!result.ok && !options.shownInPlace && isAction(method))
      reportRefusal(method, result.error);
    return result;
  },
  /** Returns the value or throws ApiFailure carrying the code and message. */
  async get<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
    const result = await api.call(method, input);
    if (!result.ok) throw new ApiFailure(result.error);
    return result.value;
  },
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    return transport.subscribe(event, listener);
  },
  stageFile: (file: File) => transport.stageFile(file),
  download: (kind: DownloadKind, id: number) => transport.download(kind, id),
};
