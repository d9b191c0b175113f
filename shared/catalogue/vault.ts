// Keychain vault, encryption keys, profile removal (crypto-shredding).
// Removing one's own profile and removing someone else's are two commands so that each names exactly
// one permission and a refusal is audited as 'denied' by the dispatcher.
import { z } from 'zod';
import { DESTROY_CONFIRMATION, type LocalDataRemoval, type RemovedProfile, type VaultStatus } from '../vault-types';
import { command, empty, text } from './define';

export const vaultCommands = {
  'vault.status': command<VaultStatus>()({
    permission: 'session.read',
    input: empty,
    summary: 'Whether the OS keychain is reachable and which of this device’s keys exist (never the keys)',
  }),
  'profile.removeOwn': command<RemovedProfile>()({
    permission: 'session.switch',
    input: empty,
    summary: 'Remove the signed-in profile from this device and destroy its signing key',
  }),
  'profile.remove': command<RemovedProfile>()({
    permission: 'profile.manage',
    input: z.object({ profileId: text(64).min(1) }).strict(),
    summary: 'Remove a local profile from this device and destroy its signing key',
    target: (i) => `profile:${i.profileId}`,
  }),
  'vault.destroyLocalData': command<LocalDataRemoval>()({
    permission: 'profile.manage',
    input: z
      .object({
        confirm: z.literal(DESTROY_CONFIRMATION, { error: `type "${DESTROY_CONFIRMATION}" to confirm` }),
      })
      .strict(),
    summary: 'Remove all local data from this device: destroy every key of this installation and delete its files',
    target: () => 'device',
  }),
} as const;
