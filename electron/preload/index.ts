import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadBridge } from '../../shared/api/api-surface';
import { BRIDGE_KEY, EVENT_NAMES, METHOD_NAMES, PUSH_CHANNEL } from '../../shared/api/names';

// One narrow object: a function per contract method and a subscription to known events.
// No raw ipcRenderer, no generic invoke(channel).
const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)]),
) as PreloadBridge['methods'];

const bridge: PreloadBridge = {
  methods,
  subscribe(event, listener) {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const handler = (_e: unknown, message: { name: string; payload: unknown }) => {
      if (message.name === event) listener(message.payload);
    };
    ipcRenderer.on(PUSH_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PUSH_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
