// The chain-of-custody manifest of an evidence package: what is in it (SHA-256 of every file), who
// exported it, when, for which case and why, and who signed it. The manifest's exact bytes are what
// the Ed25519 signature covers, so it is written once, canonically, and never re-serialised.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export const EVIDENCE_FORMAT = 'earmark-evidence/1';
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';

export type EvidenceFileRole = 'original' | 'redacted' | 'metadata' | 'transcript' | 'evaluations' | 'audit' | 'summary' | 'public-key';

export interface EvidenceFileEntry {
  path: string;
  role: EvidenceFileRole;
  bytes: number;
  sha256: string;
}

export interface CustodyEvent {
  at: string;
  actor: string;
  role: string;
  device: string;
  action: string;
  outcome: string;
  detail: string | null;
  /** The audit entry this event comes from, so it can be checked against the device's trail. */
  auditSeq: number | null;
  auditHash: string | null;
}

export interface EvidenceManifest {
  format: typeof EVIDENCE_FORMAT;
  packageId: string;
  createdAt: string;
  caseRef: string;
  reason: string;
  recording: {
    id: string;
    storeKey: string;
    startTime: string | null;
    durationSec: number | null;
    agent: string | null;
    customerRef: string | null;
  };
  exportedBy: { profileId: string | null; name: string; role: string; device: string };
  signer: { algorithm: 'Ed25519'; publicKeySpki: string; fingerprint: string };
  files: EvidenceFileEntry[];
  custody: CustodyEvent[];
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function publicKeyFromSpki(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
}

export function spkiBase64(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Canonical bytes: keys in a fixed order (as constructed), two-space indent, trailing newline. */
export function serializeManifest(m: EvidenceManifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(m, null, 2) + '\n');
}

/** Paths inside a package: plain relative names, no traversal, no absolute paths, no backslashes. */
export function isSafeEntryPath(path: string): boolean {
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) && !path.split('/').some((p) => p === '.' || p === '..');
}
