// The only bridge between the sandboxed page and the main process: one invoke, one media URL builder.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, IPC_CHANNEL, MEDIA_SCHEME, type EarmarkBridge } from '../shared/bridge';
import { EVENT_CHANNEL, type BackendEvent } from '../shared/events';

const bridge: EarmarkBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  mediaUrl: (id) => `${MEDIA_SCHEME}://audio/${encodeURIComponent(id)}`,
  onEvent: (listener) => {
    const forward = (_e: unknown, event: BackendEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
