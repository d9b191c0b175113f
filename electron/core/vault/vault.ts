// The named keys of one installation, on top of a KeyVault: what the database, the audit anchor, the
// recording cache and the evidence packages each use. Key material never leaves these objects except
// as Buffers/KeyObjects handed to the code that uses them: never logged, never returned by a command.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { VaultStatus } from '../../../shared/vault-types';
import { KEY_NAMES, profileKeyName, type KeyVault } from './key-vault';

export const KEY_BYTES = 32;

export interface ProfileSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** "SHA256:" + hex of the SHA-256 of the public key's SPKI DER: safe to show and to print on evidence. */
  fingerprint: string;
}

export function publicKeyFingerprint(publicKey: KeyObject): string {
  return `SHA256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

function signingKeyFrom(pkcs8: Buffer): ProfileSigningKey {
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
}

const newEd25519Pkcs8 = (): Buffer => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });

export class Vault {
  constructor(readonly keys: KeyVault) {}

  get installationId(): string {
    return this.keys.installationId;
  }

  /** The SQLCipher key of earmark.db; null when absent (never minted here: see Services.open). */
  existingDatabaseKey(): Promise<Buffer | null> {
    return this.keys.get(KEY_NAMES.database);
  }

  databaseKey(): Promise<Buffer> {
    return this.keys.getOrCreate(KEY_NAMES.database, KEY_BYTES);
  }

  /** The key that wraps the recording cache's per-file keys (32 bytes, AES-256). */
  cacheMasterKey(): Promise<Buffer> {
    return this.keys.getOrCreate(KEY_NAMES.cacheMaster, KEY_BYTES);
  }

  /** HMAC-SHA256 key signing audit-head.json, so the recorded head of the trail cannot be forged. */
  auditAnchorKey(): Promise<Buffer> {
    return this.keys.getOrCreate(KEY_NAMES.auditAnchor, KEY_BYTES);
  }

  /** A profile's Ed25519 signing key (PKCS#8 in the keychain), created on first use. */
  async profileSigningKey(profileId: string): Promise<ProfileSigningKey> {
    return signingKeyFrom(await this.keys.getOrCreate(profileKeyName(profileId), newEd25519Pkcs8));
  }

  /** The fingerprint of a profile's signing key, or null when it has none. */
  async profileFingerprint(profileId: string): Promise<string | null> {
    const der = await this.keys.get(profileKeyName(profileId));
    return der ? signingKeyFrom(der).fingerprint : null;
  }

  /** Crypto-shredding of one profile: its signing key is gone for good. */
  destroyProfileKey(profileId: string): Promise<boolean> {
    return this.keys.delete(profileKeyName(profileId));
  }

  /** Crypto-shredding of the installation: database, audit anchor, cache and every profile key. */
  destroyAll(): Promise<number> {
    return this.keys.deleteAll();
  }

  async status(): Promise<VaultStatus> {
    return vaultStatus(this.keys);
  }
}

export async function vaultStatus(keys: KeyVault): Promise<VaultStatus> {
  const names = await keys.names();
  return {
    keychain: 'available',
    backend: keys.backend,
    installationId: keys.installationId,
    keys: {
      database: names.includes(KEY_NAMES.database),
      cacheMaster: names.includes(KEY_NAMES.cacheMaster),
      auditAnchor: names.includes(KEY_NAMES.auditAnchor),
    },
    profileKeys: names.filter((n) => n.startsWith(KEY_NAMES.profilePrefix)).length,
  };
}
