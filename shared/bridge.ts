// The surface the preload exposes on window.earmark — and the one the end-to-end harness imitates
// by binding the real dispatcher into the page. The renderer sees nothing else of the main process.
import type { CommandEnvelope } from './errors';
import type { BackendEvent } from './events';

export interface EarmarkBridge {
  invoke(name: string, input: unknown): Promise<CommandEnvelope<unknown>>;
  /** URL the media element plays a recording from (a custom scheme in Electron). */
  mediaUrl(recordingId: string): string;
  /** Events pushed by the backend (progress, changes); returns the unsubscribe function. */
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

export const BRIDGE_KEY = 'earmark';
export const IPC_CHANNEL = 'earmark:command';
export const MEDIA_SCHEME = 'recording';
