import type { RemovedProfile } from '../../../shared/vault-types';
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import type { Services } from '../services';
import { VaultError } from '../vault/key-vault';

type VaultHandlers = Pick<Handlers, 'vault.status' | 'profile.removeOwn' | 'profile.remove' | 'vault.destroyLocalData'>;

/** Keychain refusals become a clean command failure; nothing about a key is ever in the message. */
async function keychain<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof VaultError || (err as Error)?.name === 'KeychainUnavailableError') {
      throw new HandlerError('unavailable', `${what}: ${(err as Error).message}`);
    }
    throw err;
  }
}

export function vaultHandlers(s: Services): VaultHandlers {
  const remove = async (profileId: string): Promise<RemovedProfile> => {
    const p = s.profiles.get(profileId);
    if (!p) throw notFound('that profile');
    const r = await keychain('the profile was not removed', () => s.removeProfile(p.id));
    return { profileId: p.id, displayName: p.displayName, ...r };
  };
  return {
    'vault.status': async (_i, ctx) => {
      const status = await keychain('the keychain could not be read', () => s.vault.status());
      const me = ctx.actor.profile;
      return { ...status, profileFingerprint: me ? await keychain('the keychain could not be read', () => s.vault.profileFingerprint(me.id)) : null };
    },
    'profile.removeOwn': async (_i, ctx) => {
      const me = ctx.actor.profile;
      if (!me) throw new HandlerError('conflict', 'no profile is signed in, so there is none of your own to remove');
      const r = await remove(me.id);
      ctx.note(`removed own profile ${me.id}; signing key ${r.keyDestroyed ? 'destroyed' : 'was already absent'}`);
      return r;
    },
    'profile.remove': async (input, ctx) => {
      const r = await remove(input.profileId);
      ctx.note(`signing key ${r.keyDestroyed ? 'destroyed' : 'was already absent'}`);
      return r;
    },
    'vault.destroyLocalData': async (_i, ctx) => {
      const keysDestroyed = await keychain('local data was not removed', () => s.destroyKeys());
      ctx.note(`${keysDestroyed} key(s) destroyed; the local files are deleted next`);
      return { keysDestroyed };
    },
  };
}
