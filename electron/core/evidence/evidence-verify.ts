// Verifies an evidence package without trusting whoever made it: the signature over the manifest,
// the SHA-256 of every listed file, nothing missing, nothing added, and (when the caller names the
// keys it trusts) who signed. Pure: bytes in, a verdict out; the CLI and the app both call this.
import { verify as verifySignature } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { EvidenceCheck } from '../../../shared/redaction-types';
import {
  EVIDENCE_FORMAT,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  isSafeEntryPath,
  publicKeyFromSpki,
  sha256Hex,
  type EvidenceManifest,
} from './evidence-manifest';
import { publicKeyFingerprint } from '../vault/vault';

/** The verdict on a package; the app adds the file's name (EvidenceCheck). */
export type EvidenceVerification = Omit<EvidenceCheck, 'fileName'>;

export interface VerifyOptions {
  /** Fingerprints (as `publicKeyFingerprint` prints them) of keys allowed to sign. */
  trustedFingerprints?: readonly string[];
}

const normalizeFp = (fp: string) => fp.trim().replace(/^SHA256:/i, '').replace(/[^0-9a-f]/gi, '').toLowerCase();

function failed(problem: string, partial: Partial<EvidenceVerification> = {}): EvidenceVerification {
  return { intact: false, signatureValid: false, signer: null, trusted: null, packageId: null, recordingId: null, caseRef: null, files: [], unexpected: [], problems: [problem], ...partial };
}

function readEntries(zip: Uint8Array): { entries: Record<string, Uint8Array>; duplicates: string[] } {
  const seen = new Map<string, number>();
  const entries = unzipSync(zip, {
    filter: (f) => {
      seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
      return true;
    },
  });
  return { entries, duplicates: [...seen].filter(([, n]) => n > 1).map(([name]) => name) };
}

function parseManifest(bytes: Uint8Array): EvidenceManifest {
  const m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as EvidenceManifest;
  if (!m || typeof m !== 'object' || m.format !== EVIDENCE_FORMAT) throw new Error(`the manifest is not ${EVIDENCE_FORMAT}`);
  if (!Array.isArray(m.files) || !m.signer || typeof m.signer.publicKeySpki !== 'string') throw new Error('the manifest lacks its file list or signer');
  return m;
}

export function verifyEvidencePackage(zip: Uint8Array, opts: VerifyOptions = {}): EvidenceVerification {
  let read: ReturnType<typeof readEntries>;
  try {
    read = readEntries(zip);
  } catch (err) {
    return failed(`not a readable ZIP package (${(err as Error).message})`);
  }
  const { entries, duplicates } = read;
  const manifestBytes = entries[MANIFEST_PATH];
  const sigBytes = entries[SIGNATURE_PATH];
  if (!manifestBytes) return failed(`${MANIFEST_PATH} is missing`);
  if (!sigBytes) return failed(`${SIGNATURE_PATH} is missing`);

  let manifest: EvidenceManifest;
  try {
    manifest = parseManifest(manifestBytes);
  } catch (err) {
    return failed(`${MANIFEST_PATH} is unreadable: ${(err as Error).message}`);
  }

  const problems: string[] = [];
  for (const d of duplicates) problems.push(`${d} appears more than once in the ZIP`);

  let signatureValid = false;
  let signer: EvidenceVerification['signer'] = null;
  try {
    const key = publicKeyFromSpki(manifest.signer.publicKeySpki);
    const fingerprint = publicKeyFingerprint(key);
    signer = { fingerprint, name: String(manifest.exportedBy?.name ?? 'unknown') };
    if (normalizeFp(fingerprint) !== normalizeFp(String(manifest.signer.fingerprint))) problems.push('the signer fingerprint in the manifest does not match its public key');
    const signature = Buffer.from(new TextDecoder().decode(sigBytes).trim(), 'base64');
    signatureValid = verifySignature(null, manifestBytes, key, signature);
  } catch (err) {
    problems.push(`the signature cannot be checked: ${(err as Error).message}`);
  }
  if (!signatureValid) problems.push('the manifest signature is not valid for the included public key (manifest changed or signed by someone else)');

  let trusted: boolean | null = null;
  if (opts.trustedFingerprints && opts.trustedFingerprints.length > 0) {
    const allowed = new Set(opts.trustedFingerprints.map(normalizeFp));
    trusted = signer !== null && allowed.has(normalizeFp(signer.fingerprint));
    if (!trusted) problems.push(`signed by ${signer?.fingerprint ?? 'an unreadable key'}, which is not a trusted key`);
  }

  const listed = new Set<string>();
  const files: EvidenceVerification['files'] = [];
  for (const f of manifest.files) {
    if (typeof f?.path !== 'string' || !isSafeEntryPath(f.path) || listed.has(f.path)) {
      problems.push(`the manifest lists an invalid or repeated path ${JSON.stringify(f?.path)}`);
      continue;
    }
    listed.add(f.path);
    const data = entries[f.path];
    if (!data) {
      files.push({ path: f.path, verdict: 'missing' });
      problems.push(`${f.path} is missing`);
    } else if (data.length !== f.bytes || sha256Hex(data) !== String(f.sha256).toLowerCase()) {
      files.push({ path: f.path, verdict: 'modified' });
      problems.push(`${f.path} does not match its SHA-256 in the manifest`);
    } else files.push({ path: f.path, verdict: 'ok' });
  }
  const unexpected = Object.keys(entries).filter((p) => p !== MANIFEST_PATH && p !== SIGNATURE_PATH && !listed.has(p) && !p.endsWith('/'));
  for (const u of unexpected) problems.push(`${u} is in the package but not in the manifest`);

  return {
    intact: problems.length === 0,
    signatureValid,
    signer,
    trusted,
    packageId: typeof manifest.packageId === 'string' ? manifest.packageId : null,
    recordingId: typeof manifest.recording?.id === 'string' ? manifest.recording.id : null,
    caseRef: typeof manifest.caseRef === 'string' ? manifest.caseRef : null,
    files,
    unexpected,
    problems,
  };
}
