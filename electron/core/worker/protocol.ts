// Messages between the Electron main thread and the backend worker. Plain data only.
import type { CommandEnvelope } from '../../../shared/errors';
import type { BackendEvent } from '../../../shared/events';
import type { DialogRequest } from '../dialogs';
import type { ServicesOptions } from '../services';

export interface WorkerConfig extends ServicesOptions {
  /** Write the demo store into storeRoot first if it holds no recordings yet. */
  seedDemo: boolean;
}

export type ToWorker =
  | { id: number; type: 'dispatch'; name: unknown; input: unknown }
  | { id: number; type: 'dialog'; path: string | null }
  | { id: number; type: 'media'; url: string; method: string; range: string | null };

export interface MediaReply {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'log'; message: string }
  | { type: 'event'; event: BackendEvent }
  | { id: number; type: 'dialog'; request: DialogRequest }
  | { id: number; type: 'dispatch'; result: CommandEnvelope<unknown> }
  | { id: number; type: 'media'; reply: MediaReply };

/** Largest slice one media reply carries; media elements ask again for the rest. */
export const MEDIA_CHUNK = 2 * 1024 * 1024;

/** Open-ended ranges ("bytes=N-") are capped so a reply never holds a whole long call in memory. */
export function capRange(range: string | null): string | null {
  const m = range ? /^bytes=(\d+)-$/.exec(range.trim()) : null;
  return m ? `bytes=${m[1]}-${Number(m[1]) + MEDIA_CHUNK - 1}` : range;
}
