// What the backend tells the renderer without being asked: progress of long work (downloads,
// indexing, analysis, exports) and changes the screens should reflect. Pushed main→renderer only, so
// no renderer action goes around the dispatcher; cancelling is a command like any other.

export type ProgressState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ProgressEvent {
  type: 'progress';
  /** Stable for one piece of work, e.g. `download:C20261029-0001`. */
  taskId: string;
  kind: 'download' | 'index' | 'analysis' | 'export' | 'evidence';
  /** What the work is about, e.g. a recording id; null for store-wide work. */
  subject: string | null;
  /** A short label for people, e.g. "Downloading C20261029-0001". */
  label: string;
  done: number;
  /** null while the total is unknown. */
  total: number | null;
  unit: 'bytes' | 'items' | 'seconds';
  state: ProgressState;
  /** Why it failed or was cancelled; never a secret. */
  message: string | null;
}

export interface LibraryChangedEvent {
  type: 'library.changed';
}

export type BackendEvent = ProgressEvent | LibraryChangedEvent;

export const EVENT_CHANNEL = 'earmark:event';
