// Legal holds: placing one pins the recording in the encrypted cache (fetched now if need be), so it
// cannot be evicted, expire or be cleared; releasing the last hold on a recording unpins it.
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import { HoldRepo } from '../legal/hold-repo';
import type { Services } from '../services';

export function legalHandlers(s: Services, logError?: (msg: string) => void): Pick<Handlers, 'legal.holds' | 'legal.hold.place' | 'legal.hold.release'> {
  const holds = new HoldRepo(s.db);
  return {
    'legal.holds': (q) => holds.list(q),
    'legal.hold.place': (i, ctx) => {
      if (!s.recordings.detail(i.recordingId)) throw notFound(`recording ${i.recordingId}`);
      const hold = holds.place({ ...i, placedById: ctx.actor.profile?.id ?? null, placedBy: ctx.actor.name }, s.now());
      s.cache.pin(i.recordingId, `legal hold ${i.caseRef}`);
      // Fetch it into the cache now, so the held copy is on this device even if the store loses it.
      const source = s.cacheSource(i.recordingId);
      if (source) s.cache.ensure(i.recordingId, source).catch((err: Error) => logError?.(`legal hold ${hold.id}: caching ${i.recordingId} failed: ${err.message}`));
      ctx.note(`hold ${hold.id}`);
      return hold;
    },
    'legal.hold.release': ({ holdId, reason }, ctx) => {
      const hold = holds.get(holdId);
      if (!hold) throw notFound('that legal hold');
      if (hold.releasedAt) throw new HandlerError('conflict', `that hold was already released on ${hold.releasedAt.slice(0, 10)} by ${hold.releasedBy}`);
      const released = holds.release(holdId, ctx.actor.name, reason, s.now());
      if (!holds.isHeld(hold.recordingId)) s.cache.unpin(hold.recordingId);
      else {
        const still = holds.list({ recordingId: hold.recordingId })[0];
        s.cache.pin(hold.recordingId, `legal hold ${still.caseRef}`);
      }
      return released;
    },
  };
}
