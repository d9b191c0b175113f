// Long work started by a command (an export, an evidence package): a task id the renderer picks, so
// it can follow the backend's progress events and cancel before the command itself returns.
import { useCallback, useRef, useState } from 'react';
import type { ProgressEvent } from '../../../shared/events';
import { call } from '../../api/client';
import { useBackendEvent } from '../../api/events';

export interface TaskState {
  running: boolean;
  /** 0–1, or null before the first report. */
  fraction: number | null;
  label: string | null;
}

export function newTaskId(): string {
  return `task-${crypto.randomUUID()}`;
}

export function useTask() {
  const current = useRef<string | null>(null);
  const [state, setState] = useState<TaskState>({ running: false, fraction: null, label: null });

  useBackendEvent('progress', (e: ProgressEvent) => {
    if (e.taskId !== current.current) return;
    setState({ running: e.state === 'running', fraction: e.total ? Math.min(1, e.done / e.total) : null, label: e.label });
  });

  /** Runs `work` with a fresh task id; the promise is the command's own result. */
  const run = useCallback(async <T>(work: (taskId: string) => Promise<T>): Promise<T> => {
    const id = newTaskId();
    current.current = id;
    setState({ running: true, fraction: 0, label: null });
    try {
      return await work(id);
    } finally {
      if (current.current === id) current.current = null;
      setState({ running: false, fraction: null, label: null });
    }
  }, []);

  const cancel = useCallback(async () => {
    const id = current.current;
    if (id) await call('export.cancel', { taskId: id });
  }, []);

  return { ...state, run, cancel };
}
