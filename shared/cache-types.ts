// What the encrypted recording cache reports to the renderer and the CLI.

export interface CacheLimits {
  /** Size cap in bytes of encrypted data on disk; least recently used entries go first. */
  capBytes: number;
  /** How long a cached copy may be used before it is fetched again, in seconds. */
  ttlSec: number;
}

export interface CacheStats extends CacheLimits {
  /** Plaintext bytes of the cached recordings. */
  sizeBytes: number;
  /** Encrypted bytes on disk (entries and their aux blobs). */
  diskBytes: number;
  items: number;
  pinned: number;
  downloads: DownloadProgress[];
}

export interface CacheEntryInfo {
  id: string;
  sizeBytes: number;
  diskBytes: number;
  createdAt: string;
  lastAccessAt: string;
  expiresAt: string | null;
  pinned: string | null;
}

export interface CacheClearResult {
  removed: number;
  freedBytes: number;
  /** Pinned entries (e.g. legal hold) are kept. */
  keptPinned: number;
}

export interface CacheVerifyReport {
  checked: number;
  bad: { id: string; reason: string }[];
}

export type DownloadState = 'running' | 'done' | 'cancelled' | 'failed';

/** A recording being fetched from the store into the cache. */
export interface DownloadProgress {
  id: string;
  receivedBytes: number;
  totalBytes: number;
  state: DownloadState;
  /** Why it failed, when it did (no secrets, no paths). */
  message?: string;
}
