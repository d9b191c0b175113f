// Worker-thread entry: the database, the store and audio work live here, never on Electron's main
// thread, so the window stays responsive while a large store is indexed.
import { existsSync, readdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createBackend, type Backend } from '../backend';
import { writeDemoStore } from '../demo/demo-writer';
import type { DialogRequest } from '../dialogs';
import { capRange, type FromWorker, type ToWorker, type WorkerConfig } from './protocol';

const port = parentPort;
if (!port) throw new Error('backend-worker must run in a worker thread');
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// File dialogs are shown by the main thread; the worker asks and waits for the chosen path.
const dialogReplies = new Map<number, (path: string | null) => void>();
let nextDialog = 1;
const dialogs = (request: DialogRequest) =>
  new Promise<string | null>((resolve) => {
    const id = nextDialog++;
    dialogReplies.set(id, resolve);
    post({ id, type: 'dialog', request });
  });

async function start(config: WorkerConfig): Promise<Backend> {
  const root = config.storeRoot;
  if (config.seedDemo && root && (!existsSync(root) || readdirSync(root).length === 0)) await writeDemoStore(root);
  return createBackend({ ...config, dialogs, logError: (message) => post({ type: 'log', message }) });
}

start(workerData as WorkerConfig).then(
  (backend) => {
    backend.services.events.on((event) => post({ type: 'event', event }));
    port.on('message', async (msg: ToWorker) => {
      if (msg.type === 'dispatch') {
        post({ id: msg.id, type: 'dispatch', result: await backend.dispatch(msg.name, msg.input) });
        return;
      }
      if (msg.type === 'dialog') {
        dialogReplies.get(msg.id)?.(msg.path);
        dialogReplies.delete(msg.id);
        return;
      }
      const headers = new Headers();
      const range = capRange(msg.range);
      if (range) headers.set('range', range);
      try {
        const res = await backend.media(new Request(msg.url, { method: msg.method, headers }));
        const body = res.body ? await res.arrayBuffer() : null;
        post({ id: msg.id, type: 'media', reply: { status: res.status, headers: [...res.headers.entries()], body } }, body ? [body] : []);
      } catch (err) {
        // The body failed mid-way (a cancelled download, a store that went away): answer anyway, or the
        // media element would wait for ever.
        post({ type: 'log', message: `media ${msg.url}: ${(err as Error).message}` });
        post({ id: msg.id, type: 'media', reply: { status: 503, headers: [['Cache-Control', 'no-store']], body: null } });
      }
    });
    // A small store is indexed before the window asks for the library; a large one finishes in the background.
    const indexed = backend.indexAsSystem();
    void Promise.race([indexed, new Promise((r) => setTimeout(r, 3000))]).then(() => post({ type: 'ready' }));
  },
  (err: Error) => post({ type: 'fatal', message: err.message }),
);
