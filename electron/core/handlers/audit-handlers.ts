import type { Handlers } from '../dispatcher';
import { authorized } from '../session/session';
import type { Services } from '../services';

export function auditHandlers(s: Services): Pick<Handlers, 'audit.list' | 'audit.facets' | 'audit.verify'> {
  // Without audit.read.all a profile sees only its own entries.
  const scope = (actor: Parameters<typeof authorized>[0]) => (authorized(actor, 'audit.read.all') ? undefined : (actor.profile?.id ?? null));
  return {
    'audit.list': (q, ctx) => s.audit.list(q, scope(ctx.actor)),
    'audit.facets': (_i, ctx) => s.audit.facets(scope(ctx.actor)),
    'audit.verify': (_i, ctx) => {
      const v = s.audit.verify();
      ctx.note(v.intact ? `intact, ${v.checked} entries` : `TAMPERED at #${v.firstBad?.seq}: ${v.firstBad?.reason}`);
      return v;
    },
  };
}
