import type { Handlers } from '../dispatcher';
import type { Services } from '../services';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function cacheHandlers(s: Services): Pick<Handlers, 'cache.stats' | 'cache.list' | 'cache.clear' | 'cache.setLimits' | 'cache.verify' | 'cache.cancelDownload'> {
  return {
    'cache.stats': () => s.cache.stats(),
    'cache.list': () => s.cache.list(),
    'cache.clear': (_i, ctx) => {
      const r = s.cache.clear();
      ctx.note(`removed ${r.removed} (${mb(r.freedBytes)}), kept ${r.keptPinned} pinned`);
      return r;
    },
    'cache.setLimits': (limits) => s.cache.setLimits(limits),
    'cache.verify': async (_i, ctx) => {
      const r = await s.cache.verify();
      ctx.note(r.bad.length ? `${r.bad.length} of ${r.checked} entries fail: ${r.bad.map((b) => b.id).join(', ')}` : `${r.checked} entries authentic`);
      return r;
    },
    'cache.cancelDownload': ({ id }, ctx) => {
      const cancelled = s.cache.cancelDownload(id);
      if (!cancelled) ctx.note('no download in progress');
      return { cancelled };
    },
  };
}
