import type { Services } from '../services';
import { notFound, HandlerError } from '../errors';
import type { Handlers } from '../dispatcher';

export function sessionHandlers(s: Services): Pick<Handlers, 'session.get' | 'profile.create' | 'profile.select' | 'profile.signOut'> {
  return {
    'session.get': () => s.sessionInfo(),
    'profile.create': (input) => {
      if (s.profiles.byName(input.displayName)) throw new HandlerError('conflict', `a profile called "${input.displayName}" already exists on this device`);
      const p = s.profiles.create(input.displayName, input.role, s.now());
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
