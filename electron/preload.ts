// The only bridge between the sandboxed page and the main process: one invoke, one media URL builder.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, IPC_CHANNEL, MEDIA_SCHEME, type EarmarkBridge } from '../shared/bridge';

const bridge: EarmarkBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  mediaUrl: (id) => `${MEDIA_SCHEME}://audio/${encodeURIComponent(id)}`,
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
