import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { writeEvidencePackage, type EvidenceInput } from '../../electron/core/evidence/evidence-package';
import { serializeManifest, spkiBase64, type EvidenceManifest } from '../../electron/core/evidence/evidence-manifest';
import { publicKeyFingerprint as keyFingerprint } from '../../electron/core/vault/vault';
import { verifyEvidencePackage } from '../../electron/core/evidence/evidence-verify';

const keys = () => generateKeyPairSync('ed25519');

async function* chunks(data: Uint8Array, size = 7777): AsyncIterable<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

function input(original: Uint8Array, signer = keys()): EvidenceInput {
  return {
    caseRef: 'CASE-2026-0042',
    reason: 'Subpoena from the county court about a disputed refund',
    createdAt: new Date('2026-11-24T09:00:00Z'),
    recording: { id: 'C20261029-0001', storeKey: '2026/10/29/C20261029-0001.wav', startTime: '2026-10-29T15:11:02Z', durationSec: 182.5, agent: 'Dana Reyes', customerRef: 'CUST-7781' },
    exportedBy: { profileId: 'p1', name: 'Lee Legal', role: 'legal', device: 'laptop-7 (abcd1234)' },
    signer,
    original: { fileName: 'C20261029-0001.wav', stream: chunks(original) },
    redacted: { fileName: 'C20261029-0001.redacted.wav', data: randomBytes(2048) },
    metadata: { callId: 'C20261029-0001', customerName: 'Jordan Example' },
    transcript: { schemaVersion: 1, segments: [] },
    evaluations: [{ id: 'e1', score: 87.5 }],
    auditHistory: [{ seq: 1, command: 'recording.open' }],
    custody: [{ at: '2026-11-24T08:59:00Z', actor: 'Lee Legal', role: 'legal', device: 'laptop-7', action: 'recording.open', outcome: 'ok', detail: null, auditSeq: 1, auditHash: 'ab'.repeat(32) }],
  };
}

async function makePackage(signer = keys()) {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-evidence-'));
  const original = randomBytes(300_000);
  const out = join(dir, 'package.zip');
  const result = await writeEvidencePackage(out, input(original, signer));
  return { dir, out, original, result, zip: new Uint8Array(readFileSync(out)), signer };
}

function rezip(entries: Record<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(entries)) z[k] = v;
  return zipSync(z);
}

test('a fresh package verifies, holds the original bit for bit, and lists every file with its hash', async () => {
  const p = await makePackage();
  try {
    const v = verifyEvidencePackage(p.zip);
    assert.equal(v.intact, true, v.problems.join('; '));
    assert.equal(v.signatureValid, true);
    assert.equal(v.trusted, null);
    assert.equal(v.signer?.fingerprint, keyFingerprint(p.signer.publicKey));
    const entries = unzipSync(p.zip);
    assert.deepEqual(Buffer.from(entries['recording/C20261029-0001.wav']), p.original);
    const paths = Object.keys(entries).sort();
    for (const f of ['metadata.json', 'transcript.json', 'evaluations.json', 'audit-history.json', 'summary.pdf', 'manifest.json', 'manifest.sig', 'signer-public-key.pem']) {
      assert.ok(paths.includes(f), `${f} in package`);
    }
    assert.equal(Buffer.from(entries['summary.pdf'].subarray(0, 5)).toString(), '%PDF-');
    assert.equal(v.files.length, p.result.manifest.files.length);
    assert.ok(v.files.every((f) => f.verdict === 'ok'));
    // No partial file left beside the package.
    assert.deepEqual(readdirSync(p.dir), ['package.zip']);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('changing one byte of any file in the package is detected and names the file', async () => {
  const p = await makePackage();
  try {
    const entries = unzipSync(p.zip);
    for (const name of Object.keys(entries)) {
      const copy = { ...entries, [name]: Uint8Array.from(entries[name]) };
      const at = Math.floor(copy[name].length / 2);
      copy[name][at] ^= 0x01;
      const v = verifyEvidencePackage(rezip(copy));
      assert.equal(v.intact, false, `flipping a byte of ${name} must be detected`);
      if (name !== 'manifest.json' && name !== 'manifest.sig') {
        assert.equal(v.files.find((f) => f.path === name)?.verdict, 'modified', name);
      } else {
        assert.equal(v.signatureValid, false, name);
      }
    }
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('removing or adding a file is detected', async () => {
  const p = await makePackage();
  try {
    const entries = unzipSync(p.zip);
    for (const name of Object.keys(entries)) {
      const copy = { ...entries };
      delete copy[name];
      assert.equal(verifyEvidencePackage(rezip(copy)).intact, false, `removing ${name}`);
    }
    const added = verifyEvidencePackage(rezip({ ...entries, 'notes.txt': new TextEncoder().encode('planted') }));
    assert.equal(added.intact, false);
    assert.deepEqual(added.unexpected, ['notes.txt']);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('re-signing with another key is detected: with the old key kept, and against trusted keys when the key is swapped', async () => {
  const p = await makePackage();
  try {
    const entries = unzipSync(p.zip);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as EvidenceManifest;
    const forger = keys();
    // A forger edits the metadata, fixes its hash and signs with their own key, leaving the signer field.
    const metadata = new TextEncoder().encode('{"callId":"C20261029-0001","customerName":"Someone Else"}\n');
    const { createHash } = await import('node:crypto');
    const forged: EvidenceManifest = {
      ...manifest,
      files: manifest.files.map((f) => (f.path === 'metadata.json' ? { ...f, bytes: metadata.length, sha256: createHash('sha256').update(metadata).digest('hex') } : f)),
    };
    const forgedBytes = serializeManifest(forged);
    const sig = new TextEncoder().encode(sign(null, forgedBytes, forger.privateKey).toString('base64'));
    const keptKey = verifyEvidencePackage(rezip({ ...entries, 'metadata.json': metadata, 'manifest.json': forgedBytes, 'manifest.sig': sig }));
    assert.equal(keptKey.intact, false);
    assert.equal(keptKey.signatureValid, false);

    // A better forger also swaps the public key: self-consistent, so only a trusted key list catches it.
    const swapped: EvidenceManifest = { ...forged, signer: { algorithm: 'Ed25519', publicKeySpki: spkiBase64(forger.publicKey), fingerprint: keyFingerprint(forger.publicKey) } };
    const swappedBytes = serializeManifest(swapped);
    const swappedSig = new TextEncoder().encode(sign(null, swappedBytes, forger.privateKey).toString('base64'));
    const pkg = rezip({ ...entries, 'metadata.json': metadata, 'manifest.json': swappedBytes, 'manifest.sig': swappedSig });
    const trusted = verifyEvidencePackage(pkg, { trustedFingerprints: [keyFingerprint(p.signer.publicKey)] });
    assert.equal(trusted.intact, false);
    assert.equal(trusted.trusted, false);
    assert.match(trusted.problems.join('\n'), /not a trusted key/);
    // The genuine package passes the same trust check.
    assert.equal(verifyEvidencePackage(p.zip, { trustedFingerprints: [keyFingerprint(p.signer.publicKey)] }).intact, true);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('garbage, truncated packages and path tricks fail cleanly', async () => {
  const p = await makePackage();
  try {
    assert.equal(verifyEvidencePackage(new Uint8Array(0)).intact, false);
    assert.equal(verifyEvidencePackage(randomBytes(1000)).intact, false);
    assert.equal(verifyEvidencePackage(p.zip.subarray(0, p.zip.length - 100)).intact, false);
    const entries = unzipSync(p.zip);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as EvidenceManifest;
    const evil = serializeManifest({ ...manifest, files: [...manifest.files, { path: '../../etc/passwd', role: 'metadata', bytes: 1, sha256: '00' }] });
    const v = verifyEvidencePackage(rezip({ ...entries, 'manifest.json': evil }));
    assert.equal(v.intact, false);
    assert.match(v.problems.join('\n'), /invalid or repeated path/);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('a cancelled export leaves no file behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-evidence-'));
  try {
    const ac = new AbortController();
    const base = input(randomBytes(100_000));
    async function* slow(): AsyncIterable<Uint8Array> {
      yield randomBytes(1000);
      ac.abort();
      yield randomBytes(1000);
    }
    await assert.rejects(writeEvidencePackage(join(dir, 'p.zip'), { ...base, original: { fileName: 'a.wav', stream: slow() }, signal: ac.signal }), /cancelled/);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('earmark evidence verify: exit 0 intact, 1 tampered (naming the file), usage error for a missing file', async () => {
  const { main } = await import('../../electron/cli/earmark');
  const { writeFileSync } = await import('node:fs');
  const p = await makePackage();
  try {
    const lines: string[] = [];
    assert.equal(await main(['evidence', 'verify', p.out], (s) => lines.push(s)), 0);
    assert.match(lines[0], /intact/);
    const json: string[] = [];
    assert.equal(await main(['evidence', 'verify', p.out, '--json', '--trust', keyFingerprint(p.signer.publicKey)], (s) => json.push(s)), 0);
    assert.equal(JSON.parse(json[0]).trusted, true);

    const entries = unzipSync(p.zip);
    const copy = { ...entries, 'transcript.json': new TextEncoder().encode('{"schemaVersion":1,"segments":["edited"]}\n') };
    const bad = join(p.dir, 'bad.zip');
    writeFileSync(bad, rezip(copy));
    const out: string[] = [];
    assert.equal(await main(['evidence', 'verify', bad], (s) => out.push(s)), 1);
    assert.match(out.join('\n'), /transcript\.json: modified/);
    await assert.rejects(main(['evidence', 'verify', join(p.dir, 'nope.zip')]), /no such file/);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});
