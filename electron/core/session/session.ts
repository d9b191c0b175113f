// Who is acting. The renderer's session is always a profile or a guest; the CLI acts as 'system'.
import type { Permission, Principal } from '../../../shared/permissions';
import { can } from '../../../shared/permissions';
import type { Profile } from '../../../shared/types';

export interface Actor {
  profile: Profile | null;
  principal: Principal | 'system';
  name: string;
}

export const SYSTEM_ACTOR: Actor = { profile: null, principal: 'system', name: 'system' };
export const GUEST_ACTOR: Actor = { profile: null, principal: 'guest', name: 'guest' };

export function actorFor(profile: Profile | null): Actor {
  return profile ? { profile, principal: profile.role, name: profile.displayName } : GUEST_ACTOR;
}

export function authorized(actor: Actor, permission: Permission): boolean {
  return actor.principal === 'system' || can(actor.principal, permission);
}
