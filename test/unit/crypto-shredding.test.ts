// Removing a profile destroys its signing key; removing all local data destroys every key of the
// installation, so whatever files survive can no longer be read. No command ever returns or audits
// key material.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sign, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAnchor } from '../../electron/core/audit/audit-log';
import { createBackend, type Backend } from '../../electron/core/backend';
import { DatabaseKeyError, openDatabase } from '../../electron/core/db/database';
import { ANCHOR_FILE, DB_FILE, Services } from '../../electron/core/services';
import { KEY_NAMES, profileKeyName } from '../../electron/core/vault/key-vault';
import type { CommandEnvelope } from '../../shared/errors';
import type { Profile } from '../../shared/types';
import { DESTROY_CONFIRMATION, type RemovedProfile, type VaultStatus } from '../../shared/vault-types';
import { MemoryKeychain } from './memory-vault';
import { filesUnder, markerHits, writeMarkerStore } from './vault-fixtures';

async function env(opts: { removeFilesOnDestroy?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-shred-'));
  const storeRoot = path.join(dir, 'store');
  fs.mkdirSync(storeRoot);
  writeMarkerStore(storeRoot);
  const keychain = new MemoryKeychain();
  const dataDir = path.join(dir, 'data');
  const b = await createBackend({ dataDir, storeRoot, openVault: keychain.open, ...opts });
  await b.indexAsSystem();
  return { dir, dataDir, keychain, b, done: () => (b.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

const ok = <T>(r: CommandEnvelope<unknown>): T => {
  assert.equal(r.ok, true, JSON.stringify(r));
  return (r as { value: T }).value;
};
const code = (r: CommandEnvelope<unknown>) => (r.ok ? 'ok' : r.error.code);

/** Every rendering of every secret in the keychain, to search audit rows and replies for. */
function secretForms(keychain: MemoryKeychain, extra: Buffer[] = []): string[] {
  return [...keychain.entries.values(), ...extra].flatMap((k) => [k.toString('hex'), k.toString('base64'), k.toString('base64url')]).filter((s) => s.length >= 16);
}

function assertNoSecrets(db: Backend['services']['db'], texts: string[], secrets: string[]): void {
  const audit = JSON.stringify(db.prepare('SELECT * FROM audit').all());
  for (const s of secrets) {
    assert.ok(!audit.includes(s) && !audit.toLowerCase().includes(s.toLowerCase()), 'no key material in the audit trail');
    for (const t of texts) assert.ok(!t.includes(s), 'no key material in a command reply');
  }
}

test('each profile gets an Ed25519 signing key in the vault; status shows names and a fingerprint, never keys', async () => {
  const e = await env();
  try {
    const dana = ok<Profile>(await e.b.dispatch('profile.create', { displayName: 'Dana', role: 'legal' }));
    const names = await e.b.services.vault.keys.names();
    assert.ok(names.includes(profileKeyName(dana.id)));
    assert.ok(names.includes(KEY_NAMES.database) && names.includes(KEY_NAMES.auditAnchor));
    const key = await e.b.services.vault.profileSigningKey(dana.id);
    assert.equal(key.privateKey.asymmetricKeyType, 'ed25519');
    const sig = sign(null, Buffer.from('evidence'), key.privateKey);
    assert.ok(verify(null, Buffer.from('evidence'), key.publicKey, sig));
    assert.equal((await e.b.services.vault.profileSigningKey(dana.id)).fingerprint, key.fingerprint, 'the same key on every call');
    await e.b.services.vault.cacheMasterKey();

    const r = await e.b.dispatch('vault.status', {});
    const s = ok<VaultStatus>(r);
    assert.deepEqual(s.keys, { database: true, cacheMaster: true, auditAnchor: true });
    assert.equal(s.profileKeys, 1);
    assert.equal(s.profileFingerprint, key.fingerprint);
    assert.match(s.profileFingerprint!, /^SHA256:[0-9a-f]{64}$/);
    assertNoSecrets(e.b.services.db, [JSON.stringify(r)], secretForms(e.keychain, [key.privateKey.export({ type: 'pkcs8', format: 'der' })]));
  } finally {
    e.done();
  }
});

test('removing profiles: your own with profile.removeOwn; someone else’s only with profile.manage; keys destroyed', async () => {
  const e = await env();
  try {
    const replies: string[] = [];
    const run = async (name: string, input: unknown) => {
      const r = await e.b.dispatch(name, input);
      replies.push(JSON.stringify(r));
      return r;
    };
    const secretsBefore = secretForms(e.keychain);
    const admin = ok<Profile>(await run('profile.create', { displayName: 'Ada Admin', role: 'administrator' }));
    const trainer = ok<Profile>(await run('profile.create', { displayName: 'Tom Trainer', role: 'trainer' }));
    const qa = ok<Profile>(await run('profile.create', { displayName: 'Quinn QA', role: 'qa_supervisor' }));
    const allSecrets = [...secretsBefore, ...secretForms(e.keychain)];

    // Quinn (QA) may not remove Tom: denied by the dispatcher, and audited as such.
    assert.equal(code(await run('profile.remove', { profileId: trainer.id })), 'denied');
    assert.equal(e.b.services.audit.list({ offset: 0, limit: 1 }).rows[0].outcome, 'denied');
    assert.ok(await e.b.services.vault.keys.get(profileKeyName(trainer.id)));

    // Quinn removes their own profile: key destroyed, signed out, gone from the list.
    const own = ok<RemovedProfile>(await run('profile.removeOwn', {}));
    assert.deepEqual(own, { profileId: qa.id, displayName: 'Quinn QA', keyDestroyed: true, signedOut: true });
    assert.equal(await e.b.services.vault.keys.get(profileKeyName(qa.id)), null);
    assert.equal(e.b.services.profiles.get(qa.id), null);
    assert.equal(e.b.services.currentActor().principal, 'guest');
    assert.equal(code(await run('profile.removeOwn', {})), 'conflict', 'a guest has no profile of its own');

    // The administrator removes Tom.
    ok(await run('profile.select', { profileId: admin.id }));
    const other = ok<RemovedProfile>(await run('profile.remove', { profileId: trainer.id }));
    assert.equal(other.keyDestroyed, true);
    assert.equal(other.signedOut, false);
    assert.equal(await e.b.services.vault.keys.get(profileKeyName(trainer.id)), null);
    assert.equal(code(await run('profile.remove', { profileId: trainer.id })), 'not_found');
    assert.deepEqual(e.b.services.profiles.list().map((p) => p.id), [admin.id]);

    // The trail keeps the removed profiles' names, stays intact, and holds no key material.
    const trail = e.b.services.audit.list({ offset: 0, limit: 500 }).rows;
    assert.ok(trail.some((r) => r.command === 'profile.removeOwn' && r.actorName === 'Quinn QA' && r.outcome === 'ok'));
    assert.ok(trail.some((r) => r.command === 'profile.remove' && r.target === `profile:${trainer.id}` && r.outcome === 'ok'));
    assert.equal(e.b.services.audit.verify().intact, true);
    assertNoSecrets(e.b.services.db, replies, allSecrets);
  } finally {
    e.done();
  }
});

test('remove all local data: admin only, typed confirmation, every key destroyed, surviving files unreadable', async () => {
  const e = await env({ removeFilesOnDestroy: false });
  try {
    ok(await e.b.dispatch('profile.create', { displayName: 'Tess Trainer', role: 'trainer' }));
    assert.equal(code(await e.b.dispatch('vault.destroyLocalData', { confirm: DESTROY_CONFIRMATION })), 'denied');
    ok(await e.b.dispatch('profile.create', { displayName: 'Ada Admin', role: 'administrator' }));
    assert.equal(code(await e.b.dispatch('vault.destroyLocalData', { confirm: 'yes' })), 'invalid_input');
    assert.equal(code(await e.b.dispatch('vault.destroyLocalData', {})), 'invalid_input');
    await e.b.services.vault.cacheMasterKey();

    // Captured only to prove below that the files are intact and just keyless.
    const dbKey = (await e.b.services.vault.existingDatabaseKey())!;
    const anchorKey = await e.b.services.vault.auditAnchorKey();
    const keysBefore = e.keychain.entries.size;
    const secrets = secretForms(e.keychain);
    assert.ok(keysBefore >= 5);

    const r = await e.b.dispatch('vault.destroyLocalData', { confirm: DESTROY_CONFIRMATION });
    assert.deepEqual(ok(r), { keysDestroyed: keysBefore });
    assert.equal(e.keychain.entries.size, 0, 'no key of the installation is left');

    // The backend is closed for good; nothing more is read or audited.
    const after = await e.b.dispatch('session.get', {});
    assert.equal(code(after), 'unavailable');
    assert.match((after as { error: { message: string } }).error.message, /local data was removed/);

    // The files survived (removeFilesOnDestroy: false) but cannot be opened or read.
    const files = filesUnder(e.dataDir).map((f) => path.basename(f));
    assert.ok(files.includes(DB_FILE) && files.includes(ANCHOR_FILE));
    assert.deepEqual(markerHits(e.dataDir), []);
    await assert.rejects(Services.open({ dataDir: e.dataDir, openVault: e.keychain.open }), DatabaseKeyError);
    assert.equal(e.keychain.entries.size, 0, 'the failed open minted no replacement keys');
    assert.equal(readAnchor(path.join(e.dataDir, ANCHOR_FILE), anchorKey).status, 'ok', 'control: the anchor verified under the old key');
    assert.equal(readAnchor(path.join(e.dataDir, ANCHOR_FILE), Buffer.alloc(32, 1)).status, 'bad');
    // Control: the database itself is intact — only its key is gone.
    const db = openDatabase(path.join(e.dataDir, DB_FILE), dbKey);
    assert.equal((db.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n, 2);
    const last = db.prepare('SELECT command, outcome FROM audit ORDER BY seq DESC LIMIT 1').get();
    assert.deepEqual(last, { command: 'vault.destroyLocalData', outcome: 'ok' }, 'the removal itself was audited before the files closed');
    assertNoSecrets(db, [JSON.stringify(r)], secrets);
    db.close();
  } finally {
    e.done();
  }
});

test('remove all local data in the app deletes the files too', async () => {
  const e = await env();
  try {
    ok(await e.b.dispatch('profile.create', { displayName: 'Ada Admin', role: 'administrator' }));
    ok(await e.b.dispatch('vault.destroyLocalData', { confirm: DESTROY_CONFIRMATION }));
    assert.equal(fs.existsSync(e.dataDir), false, 'the data directory is gone');
    assert.equal(e.keychain.entries.size, 0);
    // Starting again makes a fresh installation with new keys.
    const fresh = await createBackend({ dataDir: e.dataDir, openVault: e.keychain.open });
    assert.equal(fresh.services.profiles.list().length, 0);
    fresh.close();
  } finally {
    e.done();
  }
});
