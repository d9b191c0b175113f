import type { Services } from '../services';
import { notFound, HandlerError } from '../errors';
import type { Handlers } from '../dispatcher';

export function sessionHandlers(s: Services): Pick<Handlers, 'session.get' | 'profile.create' | 'profile.select' | 'profile.signOut'> {
  return {
    'session.get': () => s.sessionInfo(),
    'profile.create': async (input) => {
      if (s.profiles.byName(input.displayName)) throw new HandlerError('conflict', `a profile called "${input.displayName}" already exists on this device`);
      const p = s.profiles.create(input.displayName, input.role, s.now());
      // Every profile gets its Ed25519 signing key in the keychain; without one it is not kept.
      try {
        await s.vault.profileSigningKey(p.id);
      } catch (err) {
        s.profiles.remove(p.id);
        throw new HandlerError('unavailable', `the profile was not created: ${(err as Error).message}`);
      }
      s.switchTo(p);
      return p;
    },
    'profile.select': (input) => {
      const p = s.profiles.get(input.profileId);
      if (!p) throw notFound('that profile');
      s.switchTo(p);
      return p;
    },
    'profile.signOut': () => {
      s.switchTo(null);
      return null;
    },
  };
}
