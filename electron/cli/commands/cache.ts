import type { CacheStats, CacheVerifyReport } from '../../../shared/cache-types';
import { createBackend } from '../../core/backend';
import { UsageError, requireData, runCommand, type CliCommand } from '../cli-kit';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const days = (sec: number) => (sec % 86400 === 0 ? `${sec / 86400} days` : `${(sec / 3600).toFixed(1)} hours`);

export const cacheCommand: CliCommand = {
  name: 'cache',
  usage: ['earmark cache stats --data DATA_DIR [--json]           # size, items, limits of the encrypted recording cache', 'earmark cache verify --data DATA_DIR [--json]          # 0 every entry authenticates, 1 otherwise (names the bad ones)'],
  valueFlags: ['data'],
  async run(a, out) {
    const sub = a.positional[1];
    if (sub !== 'stats' && sub !== 'verify') throw new UsageError('cache takes the subcommand stats or verify');
    if (a.positional.length > 2) throw new UsageError(`unexpected argument "${a.positional[2]}"`);
    const b = await createBackend({ dataDir: requireData(a, true) });
    try {
      if (sub === 'stats') {
        const s = await runCommand<CacheStats>(b, 'cache.stats', {});
        if (a.json) out(JSON.stringify({ sizeBytes: s.sizeBytes, diskBytes: s.diskBytes, items: s.items, pinned: s.pinned, capBytes: s.capBytes, ttlSec: s.ttlSec }));
        else {
          out(`${s.items} recordings cached, ${mb(s.sizeBytes)} of audio (${mb(s.diskBytes)} encrypted on disk), ${s.pinned} pinned`);
          out(`limits: ${mb(s.capBytes)} cap, cached copies kept ${days(s.ttlSec)}`);
        }
        return 0;
      }
      const v = await runCommand<CacheVerifyReport>(b, 'cache.verify', {});
      if (a.json) out(JSON.stringify(v));
      else if (v.bad.length === 0) out(`cache intact: ${v.checked} entries authenticate`);
      else {
        out(`cache CORRUPT: ${v.bad.length} of ${v.checked} entries fail authentication`);
        for (const bad of v.bad) out(`  ${bad.id}: ${bad.reason}`);
      }
      return v.bad.length === 0 ? 0 : 1;
    } finally {
      b.close();
    }
  },
};
