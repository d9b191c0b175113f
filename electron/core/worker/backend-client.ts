// The main thread's handle on the backend worker: the same dispatch and media calls as the
// in-process backend, carried over postMessage.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CommandEnvelope } from '../../../shared/errors';
import type { BackendEvent } from '../../../shared/events';
import type { DialogRequest } from '../dialogs';
import type { FromWorker, MediaReply, ToWorker, WorkerConfig } from './protocol';

export interface BackendClient {
  dispatch(name: unknown, input: unknown): Promise<CommandEnvelope<unknown>>;
  media(request: Request): Promise<Response>;
  /** Events the backend pushes (progress, changes); returns the unsubscribe function. */
  onEvent(listener: (event: BackendEvent) => void): () => void;
  /** Who answers the backend's file dialogs (Electron: the native dialog; tests: a chosen path). */
  setDialogHandler(handler: (request: DialogRequest) => Promise<string | null>): void;
  close(): Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export function startBackendWorker(config: WorkerConfig, log: (msg: string) => void = console.error): Promise<BackendClient> {
  const worker = new Worker(join(__dirname, 'backend-worker.js'), { workerData: config });
  const pending = new Map<number, (m: FromWorker) => void>();
  const listeners = new Set<(event: BackendEvent) => void>();
  let dialogHandler: (request: DialogRequest) => Promise<string | null> = async () => null;
  let next = 1;
  const call = (msg: Distribute<ToWorker>) =>
    new Promise<FromWorker>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      worker.postMessage({ ...msg, id } as ToWorker);
    });

  return new Promise((resolve, reject) => {
    worker.on('error', (err) => {
      log(`backend worker crashed: ${err.stack ?? err.message}`);
      reject(err);
    });
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        resolve({
          async dispatch(name, input) {
            const r = await call({ type: 'dispatch', name, input });
            return r.type === 'dispatch' ? r.result : { ok: false, error: { code: 'failed', message: 'unexpected reply from the backend' } };
          },
          async media(request) {
            const r = await call({ type: 'media', url: request.url, method: request.method, range: request.headers.get('range') });
            const reply = (r as { reply: MediaReply }).reply;
            return new Response(reply.body, { status: reply.status, headers: reply.headers });
          },
          setDialogHandler(handler) {
            dialogHandler = handler;
          },
          onEvent(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
          async close() {
            await worker.terminate();
          },
        });
      } else if (m.type === 'fatal') reject(new Error(m.message));
      else if (m.type === 'log') log(m.message);
      else if (m.type === 'event') for (const l of listeners) l(m.event);
      else if (m.type === 'dialog') {
        const reply = (path: string | null) => worker.postMessage({ id: m.id, type: 'dialog', path } satisfies ToWorker);
        dialogHandler(m.request).then(reply, () => reply(null));
      }
      else {
        pending.get(m.id)?.(m);
        pending.delete(m.id);
      }
    });
  });
}
