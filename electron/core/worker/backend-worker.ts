// Worker-thread entry: the database, the store and audio work live here, never on Electron's main
// thread, so the window stays responsive while a large store is indexed.
import { existsSync, readdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createBackend, type Backend } from '../backend';
import { writeDemoStore } from '../demo/demo-writer';
import { capRange, type FromWorker, type ToWorker, type WorkerConfig } from './protocol';

const port = parentPort;
if (!port) throw new Error('backend-worker must run in a worker thread');
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function start(config: WorkerConfig): Promise<Backend> {
  const root = config.storeRoot;
  if (config.seedDemo && root && (!existsSync(root) || readdirSync(root).length === 0)) await writeDemoStore(root);
  return createBackend({ ...config, logError: (message) => post({ type: 'log', message }) });
}

start(workerData as WorkerConfig).then(
  (backend) => {
    backend.services.events.on((event) => post({ type: 'event', event }));
    port.on('message', async (msg: ToWorker) => {
      if (msg.type === 'dispatch') {
        post({ id: msg.id, type: 'dispatch', result: await backend.dispatch(msg.name, msg.input) });
        return;
      }
      const headers = new Headers();
      const range = capRange(msg.range);
      if (range) headers.set('range', range);
      const res = await backend.media(new Request(msg.url, { method: msg.method, headers }));
      const body = res.body ? await res.arrayBuffer() : null;
      post({ id: msg.id, type: 'media', reply: { status: res.status, headers: [...res.headers.entries()], body } }, body ? [body] : []);
    });
    // A small store is indexed before the window asks for the library; a large one finishes in the background.
    const indexed = backend.indexAsSystem();
    void Promise.race([indexed, new Promise((r) => setTimeout(r, 3000))]).then(() => post({ type: 'ready' }));
  },
  (err: Error) => post({ type: 'fatal', message: err.message }),
);
