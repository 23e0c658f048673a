import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { PreloadBridge } from '../../shared/api/api-surface';
import {
  BRIDGE_KEY,
  DOWNLOAD_CHANNEL,
  DOWNLOAD_KINDS,
  EVENT_NAMES,
  METHOD_NAMES,
  PUSH_CHANNEL,
} from '../../shared/api/names';

// One narrow object: a function per contract method and a subscription to known events.
// No raw ipcRenderer, no generic invoke(channel).
const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)]),
) as PreloadBridge['methods'];

const bridge: PreloadBridge = {
  methods,
  subscribe(event, listener) {
    if (!(EVENT_NAMES as readonly string[]).includes(event))
      throw new Error(`Unknown event ${event}`);
    const handler = (_e: unknown, message: { name: string; payload: unknown }) => {
      if (message.name === event) listener(message.payload);
    };
    ipcRenderer.on(PUSH_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PUSH_CHANNEL, handler);
    };
  },
  pathForFile(file) {
    if (!(file instanceof File)) throw new Error('Not a file');
    return webUtils.getPathForFile(file);
  },
  download(kind, id) {
    if (!(DOWNLOAD_KINDS as readonly string[]).includes(kind))
      throw new Error(`Unknown download ${kind}`);
    return ipcRenderer.invoke(DOWNLOAD_CHANNEL, { kind, id }) as ReturnType<
      PreloadBridge['download']
    >;
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
