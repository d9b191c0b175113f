// Events the backend pushes (progress of long work, library changes), typed, with a React hook.
import { useEffect, useRef } from 'react';
import type { BackendEvent } from '../../shared/events';

export function subscribe(listener: (event: BackendEvent) => void): () => void {
  const b = window.earmark;
  return b?.onEvent ? b.onEvent(listener) : () => undefined;
}

/** Calls `onEvent` for every event of `type` while the component is mounted. */
export function useBackendEvent<T extends BackendEvent['type']>(type: T, onEvent: (event: Extract<BackendEvent, { type: T }>) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === type) latest.current(e as Extract<BackendEvent, { type: T }>);
      }),
    [type],
  );
}
