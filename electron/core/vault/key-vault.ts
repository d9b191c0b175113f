// Where this installation's secrets live. The real vault is the OS keychain (keychain-vault.ts);
// there is deliberately no file-backed or in-memory implementation in the product: if the keychain is
// missing, Earmark refuses to open rather than keep keys next to the data they protect.
import { randomBytes } from 'node:crypto';

/**
 * The secrets of ONE installation (one data directory), by name. Implementations scope every name to
 * the installation, so two data directories never see each other's keys, and `deleteAll` destroys
 * exactly this installation's keys (crypto-shredding: its database, audit anchor and cache become
 * unreadable wherever their files survive).
 */
export interface KeyVault {
  /** A human label for status output, e.g. "Secret Service (Linux)". Never key material. */
  readonly backend: string;
  readonly installationId: string;
  get(name: string): Promise<Buffer | null>;
  /** The stored secret, or a new one (N random bytes, or what `create` makes) stored first. */
  getOrCreate(name: string, create: number | (() => Buffer)): Promise<Buffer>;
  /** True when a secret was there to delete. */
  delete(name: string): Promise<boolean>;
  /** Destroys every secret of this installation; returns how many were destroyed. */
  deleteAll(): Promise<number>;
  /** Names of the secrets present (never their values). */
  names(): Promise<string[]>;
}

export type OpenVault = (installationId: string) => Promise<KeyVault>;

/** No usable OS keychain: Earmark must not open (and must not fall back to plaintext). */
export class KeychainUnavailableError extends Error {
  readonly code = 'keychain_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'KeychainUnavailableError';
  }
}

/** The keychain answered, but an operation on it failed. */
export class VaultError extends Error {
  readonly code = 'vault_failed';
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

export const KEY_NAMES = {
  database: 'database',
  cacheMaster: 'cache-master',
  auditAnchor: 'audit-anchor',
  profilePrefix: 'profile-signing:',
} as const;

export const profileKeyName = (profileId: string) => `${KEY_NAMES.profilePrefix}${profileId}`;

export function makeSecret(create: number | (() => Buffer)): Buffer {
  return typeof create === 'number' ? randomBytes(create) : create();
}

/** Serialises getOrCreate per name within this process, so two callers never mint two different keys. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();
  run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(name) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.tails.set(name, tail);
    void tail.then(() => this.tails.get(name) === tail && this.tails.delete(name));
    return next;
  }
}
