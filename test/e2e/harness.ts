// End-to-end harness: the built renderer in Debian's Chromium, with the real backend worker (the same
// one Electron's main process starts) bound into the page in place of IPC, and the real media handler
// behind an HTTP route in place of the recording:// scheme.
//
// The worker opens the real OS keychain, so run under a Secret Service (scripts/test.mjs starts one with
// dbus-run-session + gnome-keyring).
//
// Use: const h = await startHarness(); const page = h.page; ... await h.close();
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import { readInstallationId } from '../../electron/core/services';
import { startBackendWorker, type BackendClient } from '../../electron/core/worker/backend-client';
import type { DialogRequest } from '../../electron/core/dialogs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERER_DIR = join(__dirname, '..', '..', 'renderer');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

export interface Harness {
  page: Page;
  browser: Browser;
  backend: BackendClient;
  url: string;
  tmp: string;
  storeRoot: string;
  dataDir: string;
  consoleErrors: string[];
  /** Every file dialog the backend asked for, in order. */
  dialogRequests: DialogRequest[];
  /** How the next dialogs are answered (a path, or null for "cancelled"); default: cancelled. */
  answerDialogs(answer: (request: DialogRequest) => string | null): void;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

function serve(backend: BackendClient): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/recording/')) {
        const headers = new Headers();
        if (req.headers.range) headers.set('range', req.headers.range);
        const r = await backend.media(new Request(`http://localhost${url.pathname}`, { method: req.method, headers }));
        res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
        if (r.body) Readable.fromWeb(r.body as never).pipe(res);
        else res.end();
        return;
      }
      const rel = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^([/\\])+/, '');
      const file = join(RENDERER_DIR, rel);
      if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function startHarness(opts: { viewport?: { width: number; height: number } } = {}): Promise<Harness> {
  const tmp = mkdtempSync(join(tmpdir(), 'earmark-e2e-'));
  const storeRoot = join(tmp, 'store');
  const dataDir = join(tmp, 'data');
  await writeDemoStore(storeRoot, { seed: 7 });
  const backend = await startBackendWorker({ dataDir, storeRoot, isDemo: true, seedDemo: false });
  // The worker answers once its start-up indexing of a small store is done.
  await backend.dispatch('session.get', {});
  const server = await serve(backend);
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1440, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.exposeFunction('__earmarkInvoke', (name: unknown, input: unknown) => backend.dispatch(name, input));
  await page.addInitScript(() => {
    type Listener = (e: unknown) => void;
    const w = globalThis as unknown as { earmark: unknown; __earmarkInvoke: (n: unknown, i: unknown) => Promise<unknown>; __earmarkEvent: Listener };
    const listeners = new Set<Listener>();
    w.__earmarkEvent = (e) => listeners.forEach((l) => l(e));
    w.earmark = Object.freeze({
      invoke: (name: unknown, input: unknown) => w.__earmarkInvoke(name, input),
      mediaUrl: (id: string) => `/recording/audio/${encodeURIComponent(id)}`,
      onEvent: (l: Listener) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    });
  });
  // The backend's pushed events reach the page as they would through Electron's webContents.send.
  const offEvents = backend.onEvent((event) => {
    page.evaluate((e) => (globalThis as unknown as { __earmarkEvent?: (e: unknown) => void }).__earmarkEvent?.(e), event).catch(() => undefined);
  });
  const dialogRequests: DialogRequest[] = [];
  let answer: (request: DialogRequest) => string | null = () => null;
  backend.setDialogHandler(async (request) => {
    dialogRequests.push(request);
    return answer(request);
  });
  return {
    page,
    browser,
    backend,
    url,
    tmp,
    storeRoot,
    dataDir,
    consoleErrors,
    dialogRequests,
    answerDialogs(a) {
      answer = a;
    },
    async close() {
      offEvents();
      await browser.close().catch(() => undefined);
      await new Promise((r) => server.close(r));
      await backend.close();
      // The worker keeps its keys in the real OS keychain: leave no test installation's keys behind.
      const id = existsSync(dataDir) ? readInstallationId(dataDir) : null;
      if (id) keychainInChild(id, 'deleteAll');
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one keychain operation for an installation in a separate Node process. libsecret registers
 * GLib types once per process: loading keytar on this thread after the backend worker loaded (and
 * unloaded) it leaves the Secret Service client broken and hanging, so tests never do that.
 */
export function keychainInChild(installationId: string, op: 'names' | 'deleteAll'): unknown {
  const mod = join(__dirname, '..', '..', 'electron', 'core', 'vault', 'keychain-vault.js');
  const script = `require(${JSON.stringify(mod)}).openKeychainVault(${JSON.stringify(installationId)}).then((v) => v.${op}())
    .then((r) => { process.stdout.write(JSON.stringify(r)); process.exit(0); }, (e) => { process.stderr.write(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`keychain ${op} failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout);
}

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');
