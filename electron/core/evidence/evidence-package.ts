// Writes a signed evidence package (ZIP): the original recording bit for bit as the store holds it,
// an optional redacted copy, metadata, transcript, evaluations, the recording's audit history, a
// one-page PDF summary, the chain-of-custody manifest with the SHA-256 of every file, and the
// manifest's Ed25519 signature. The original streams through (constant memory); the package is
// written to a temporary name and renamed, so a crash never leaves a half package that looks whole.
import { randomUUID, sign, type KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import {
  EVIDENCE_FORMAT,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  serializeManifest,
  sha256Hex,
  spkiBase64,
  type CustodyEvent,
  type EvidenceFileEntry,
  type EvidenceFileRole,
  type EvidenceManifest,
} from './evidence-manifest';
import { evidenceSummaryPdf } from './evidence-summary-pdf';
import { publicKeyFingerprint } from '../vault/vault';

export interface EvidenceInput {
  caseRef: string;
  reason: string;
  createdAt: Date;
  recording: EvidenceManifest['recording'];
  exportedBy: EvidenceManifest['exportedBy'];
  signer: { privateKey: KeyObject; publicKey: KeyObject };
  /** The recording exactly as the store holds it, streamed. */
  original: { fileName: string; stream: AsyncIterable<Uint8Array> };
  redacted?: { fileName: string; data: Uint8Array } | null;
  metadata: unknown;
  transcript?: unknown;
  evaluations?: unknown;
  auditHistory: unknown[];
  custody: CustodyEvent[];
  /** Called with bytes of the original written so far. */
  onProgress?: (doneBytes: number) => void;
  signal?: AbortSignal;
}

export interface EvidenceResult {
  manifest: EvidenceManifest;
  /** SHA-256 of the whole ZIP, for the audit entry. */
  packageSha256: string;
  bytes: number;
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 2) + '\n');

export async function writeEvidencePackage(outPath: string, input: EvidenceInput): Promise<EvidenceResult> {
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.partial`);
  const fd = openSync(tmp, 'w', 0o600);
  const whole = createHash('sha256');
  let written = 0;
  let zipError: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) {
      zipError = err;
      return;
    }
    whole.update(chunk);
    written += chunk.length;
    writeSync(fd, chunk);
  });
  const files: EvidenceFileEntry[] = [];
  const addSmall = (path: string, role: EvidenceFileRole, data: Uint8Array) => {
    const entry = new ZipDeflate(path, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
    files.push({ path, role, bytes: data.length, sha256: sha256Hex(data) });
  };

  try {
    // Audio is already compressed or incompressible enough; store it as is.
    const originalPath = `recording/${input.original.fileName}`;
    const entry = new ZipPassThrough(originalPath);
    zip.add(entry);
    const h = createHash('sha256');
    let n = 0;
    for await (const chunk of input.original.stream) {
      if (input.signal?.aborted) throw new Error('the evidence export was cancelled');
      const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
      h.update(bytes);
      n += bytes.length;
      entry.push(bytes);
      input.onProgress?.(n);
    }
    entry.push(new Uint8Array(0), true);
    files.push({ path: originalPath, role: 'original', bytes: n, sha256: h.digest('hex') });

    if (input.redacted) addSmall(`redacted/${input.redacted.fileName}`, 'redacted', input.redacted.data);
    addSmall('metadata.json', 'metadata', json(input.metadata));
    if (input.transcript !== undefined && input.transcript !== null) addSmall('transcript.json', 'transcript', json(input.transcript));
    if (input.evaluations !== undefined && input.evaluations !== null) addSmall('evaluations.json', 'evaluations', json(input.evaluations));
    addSmall('audit-history.json', 'audit', json(input.auditHistory));
    const publicPem = input.signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    addSmall('signer-public-key.pem', 'public-key', new TextEncoder().encode(publicPem));

    const head: Omit<EvidenceManifest, 'files'> = {
      format: EVIDENCE_FORMAT,
      packageId: randomUUID(),
      createdAt: input.createdAt.toISOString(),
      caseRef: input.caseRef,
      reason: input.reason,
      recording: input.recording,
      exportedBy: input.exportedBy,
      signer: { algorithm: 'Ed25519', publicKeySpki: spkiBase64(input.signer.publicKey), fingerprint: publicKeyFingerprint(input.signer.publicKey) },
      custody: input.custody,
    };
    addSmall('summary.pdf', 'summary', await evidenceSummaryPdf(head, files));

    const manifest: EvidenceManifest = { ...head, files };
    const manifestBytes = serializeManifest(manifest);
    const signature = sign(null, manifestBytes, input.signer.privateKey).toString('base64');
    addSmallUnlisted(zip, MANIFEST_PATH, manifestBytes);
    addSmallUnlisted(zip, SIGNATURE_PATH, new TextEncoder().encode(signature + '\n'));
    zip.end();
    if (zipError) throw zipError;
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, outPath);
    return { manifest, packageSha256: whole.digest('hex'), bytes: written };
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}

function addSmallUnlisted(zip: Zip, path: string, data: Uint8Array): void {
  const entry = new ZipDeflate(path, { level: 6 });
  zip.add(entry);
  entry.push(data, true);
}
