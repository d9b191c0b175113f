// What the vault commands return. Names and fingerprints only: key material never crosses a boundary.

export interface VaultStatus {
  keychain: 'available';
  /** e.g. "Secret Service (D-Bus)", "macOS Keychain". */
  backend: string;
  /** This data directory's installation id (device.json), which namespaces its keychain entries. */
  installationId: string;
  keys: { database: boolean; cacheMaster: boolean; auditAnchor: boolean };
  /** How many local profiles have a signing key in the keychain. */
  profileKeys: number;
  /** The signed-in profile's signing-key fingerprint ("SHA256:…"), when there is one. */
  profileFingerprint?: string | null;
}

export interface RemovedProfile {
  profileId: string;
  displayName: string;
  /** False when the profile had no signing key left in the keychain. */
  keyDestroyed: boolean;
  /** True when the removed profile was the one signed in (the session is now a guest). */
  signedOut: boolean;
}

export interface LocalDataRemoval {
  keysDestroyed: number;
}

/** What the renderer must type to confirm "Remove all local data from this device". */
export const DESTROY_CONFIRMATION = 'remove all local data';
