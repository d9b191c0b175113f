// The real OS keychain through keytar. On Linux these run against a Secret Service on D-Bus
// (scripts/test.mjs starts dbus-run-session + an unlocked throwaway gnome-keyring); without a session
// bus they are skipped, except the failure paths, which need none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../electron/cli/earmark';
import { createBackend } from '../../electron/core/backend';
import { DatabaseKeyError } from '../../electron/core/db/database';
import { DB_FILE, Services, readInstallationId } from '../../electron/core/services';
import { KeychainUnavailableError } from '../../electron/core/vault/key-vault';
import { KeychainVault, openKeychainVault } from '../../electron/core/vault/keychain-vault';
import type { Profile } from '../../shared/types';
import { filesUnder, markerHits, writeMarkerStore } from './vault-fixtures';

const linux = process.platform === 'linux';
const bus = !linux || !!process.env.DBUS_SESSION_BUS_ADDRESS;
const skip = bus ? false : 'no D-Bus session bus: run under dbus-run-session with gnome-keyring (npm test does)';
const DIST = path.join(__dirname, '..', '..');
const DEAD_BUS = 'unix:path=/nonexistent/earmark-test-bus';

type Keytar = typeof import('keytar');
const fakeKeytar = (over: Partial<Keytar>): Keytar =>
  ({
    getPassword: async () => null,
    setPassword: async () => undefined,
    deletePassword: async () => false,
    findPassword: async () => null,
    findCredentials: async () => [],
    ...over,
  }) as Keytar;

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-keychain-'));
  return { dir, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('a keychain that never answers is given up on with a clear KeychainUnavailableError', async () => {
  const t0 = Date.now();
  const hang = fakeKeytar({ setPassword: () => new Promise<void>(() => undefined) });
  await assert.rejects(KeychainVault.open({ installationId: randomUUID(), keytar: hang, timeoutMs: 150 }), (err: unknown) => {
    assert.ok(err instanceof KeychainUnavailableError);
    assert.match((err as Error).message, /no answer within/);
    assert.doesNotMatch((err as Error).message, /\n/, 'one line');
    return true;
  });
  assert.ok(Date.now() - t0 < 2000);
});

test('a locked keychain (writes refused, reads empty) is reported as unavailable, not as missing keys', async () => {
  const locked = fakeKeytar({
    setPassword: async () => {
      throw new Error('Cannot create an item in a locked collection');
    },
  });
  await assert.rejects(KeychainVault.open({ installationId: randomUUID(), keytar: locked }), (err: unknown) => {
    assert.ok(err instanceof KeychainUnavailableError);
    assert.match((err as Error).message, /locked collection/);
    if (linux) assert.match((err as Error).message, /gnome-keyring.*KeePassXC|D-Bus/);
    return true;
  });
  const forgetful = fakeKeytar({});
  await assert.rejects(KeychainVault.open({ installationId: randomUUID(), keytar: forgetful }), /could not be read back/);
});

test('real keychain: round trip, namespacing by installation, deletion', { skip }, async () => {
  const a = await openKeychainVault(randomUUID());
  const b = await openKeychainVault(randomUUID());
  try {
    assert.equal(await a.get('database'), null);
    const k1 = await a.getOrCreate('database', 32);
    assert.equal(k1.length, 32);
    assert.deepEqual(await a.getOrCreate('database', 32), k1, 'getOrCreate returns the stored key');
    assert.deepEqual(await a.get('database'), k1);
    const [c1, c2] = await Promise.all([a.getOrCreate('cache-master', 32), a.getOrCreate('cache-master', 32)]);
    assert.deepEqual(c1, c2, 'concurrent callers get one key');

    const kb = await b.getOrCreate('database', 32);
    assert.notDeepEqual(kb, k1, 'another installation has its own key under the same name');
    assert.deepEqual(await a.names(), ['cache-master', 'database'], 'names are scoped, and the probe item is gone');
    assert.deepEqual(await b.names(), ['database']);

    assert.equal(await a.delete('cache-master'), true);
    assert.equal(await a.delete('cache-master'), false);
    assert.equal(await a.get('cache-master'), null);
    await a.getOrCreate('profile-signing:p1', 48);
    assert.equal(await a.deleteAll(), 2);
    assert.deepEqual(await a.names(), []);
    assert.deepEqual(await b.get('database'), kb, 'destroying one installation leaves the other');
  } finally {
    await a.deleteAll();
    await b.deleteAll();
  }
});

test('real keychain: the app’s keys end to end; `vault status`; `vault destroy` leaves only unreadable files', { skip }, async () => {
  const t = tempDir();
  const dataDir = path.join(t.dir, 'data');
  const storeRoot = path.join(t.dir, 'store');
  fs.mkdirSync(storeRoot);
  writeMarkerStore(storeRoot);
  let id: string | null = null;
  try {
    const b = await createBackend({ dataDir, storeRoot });
    id = b.services.device.id;
    await b.indexAsSystem();
    const created = await b.dispatch('profile.create', { displayName: 'Lee Legal', role: 'legal' });
    assert.ok(created.ok);
    const profile = created.value as Profile;
    const signing = await b.services.vault.profileSigningKey(profile.id);
    assert.match(signing.fingerprint, /^SHA256:/);
    b.close();
    assert.deepEqual(markerHits(dataDir), []);

    const lines: string[] = [];
    assert.equal(await main(['vault', 'status', '--data', dataDir, '--json'], (s) => lines.push(s)), 0);
    const status = JSON.parse(lines.pop()!);
    assert.equal(status.installationId, id);
    assert.equal(status.keys.database, true);
    assert.equal(status.keys.auditAnchor, true);
    assert.equal(status.profileKeys, 1);
    assert.equal(status.database, 'encrypted');
    const all = JSON.stringify(status);
    const vault = await openKeychainVault(id);
    for (const name of await vault.names()) {
      const k = (await vault.get(name))!;
      assert.ok(!all.includes(k.toString('base64')) && !all.includes(k.toString('hex')), 'status prints no key material');
    }

    await assert.rejects(main(['vault', 'destroy', '--data', dataDir], () => undefined), /--yes/);
    const keyCount = (await vault.names()).length;
    assert.ok(keyCount >= 3);
    assert.equal(await main(['vault', 'destroy', '--data', dataDir, '--yes', '--keep-files'], (s) => lines.push(s)), 0);
    assert.match(lines.join('\n'), new RegExp(`destroyed ${keyCount} key\\(s\\)`));
    assert.deepEqual(await vault.names(), []);
    assert.ok(filesUnder(dataDir).some((f) => f.endsWith(DB_FILE)), 'the files survive');
    assert.deepEqual(markerHits(dataDir), []);
    await assert.rejects(Services.open({ dataDir }), DatabaseKeyError);
    assert.equal(await main(['vault', 'status', '--data', dataDir], (s) => lines.push(s)), 1, 'status: the database cannot be decrypted');
    assert.match(lines.at(-1)!, /cannot be decrypted/);
    assert.deepEqual(await vault.names(), [], 'neither the failed open nor status minted keys');

    // Destroying again (keys already gone) still cleans up the files.
    assert.equal(await main(['vault', 'destroy', '--data', dataDir, '--yes'], () => undefined), 0);
    assert.equal(fs.existsSync(path.join(dataDir, DB_FILE)), false);
  } finally {
    if (id) await (await openKeychainVault(id)).deleteAll();
    t.done();
  }
});

test('with no D-Bus session the CLI refuses to open: one line naming what to install, exit 2, no database written', { skip: linux ? false : 'Linux only' }, () => {
  const t = tempDir();
  try {
    const dataDir = path.join(t.dir, 'data');
    const storeRoot = path.join(t.dir, 'store');
    fs.mkdirSync(storeRoot);
    writeMarkerStore(storeRoot);
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: DEAD_BUS };
    const r = spawnSync(process.execPath, [path.join(DIST, 'electron', 'cli', 'earmark.js'), 'index', storeRoot, '--data', dataDir], { env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^earmark: .*Secret Service.*gnome-keyring.*KeePassXC.*D-Bus/);
    assert.match(lines[0], /never stores its data unencrypted/);
    assert.equal(fs.existsSync(path.join(dataDir, DB_FILE)), false, 'no database was written');
    assert.deepEqual(filesUnder(dataDir), [], 'nothing at all was written');

    // The app's backend worker reports the same message as its fatal error (shown in a dialog by main).
    const client = path.join(DIST, 'electron', 'core', 'worker', 'backend-client.js');
    const script = `require(${JSON.stringify(client)}).startBackendWorker({ dataDir: ${JSON.stringify(dataDir)}, storeRoot: ${JSON.stringify(storeRoot)}, seedDemo: false }, () => {})
      .then(() => { console.log('OPENED'); process.exit(0); }, (e) => { console.log('FATAL ' + e.message); process.exit(0); });`;
    const w = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 30_000 });
    assert.match(w.stdout, /^FATAL Earmark keeps its encryption keys in the system keychain/m, w.stdout + w.stderr);
    assert.equal(fs.existsSync(path.join(dataDir, DB_FILE)), false);
    assert.equal(readInstallationId(dataDir), null);
  } finally {
    t.done();
  }
});
