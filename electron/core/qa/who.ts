// Who did something, as QA records store it: the profile id (null for the CLI/system) and a name.
import type { PersonRef } from '../../../shared/qa-types';
import type { Actor } from '../session/session';

export type Who = { id: string | null; name: string };

export const whoOf = (actor: Actor): Who => ({ id: actor.profile?.id ?? null, name: actor.name });
export const ref = (id: string | null, name: string): PersonRef => ({ id, name });

/** Null-safe identity: the CLI (null) is never the same person as a profile. */
export const sameWho = (a: string | null, b: string | null): boolean => a === b;
