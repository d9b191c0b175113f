// The backend's outbound event stream. Services emit; the worker forwards to the Electron main thread
// (which sends to the window), the harness forwards into the test page, the CLI may print progress.
import type { BackendEvent } from '../../shared/events';

export type EventListener = (event: BackendEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Returns the function that unsubscribes. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BackendEvent): void {
    // A failing listener must not break the work that reports progress.
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* ignored on purpose */
      }
    }
  }
}
