import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndexReport } from '../../../shared/types';
import { createBackend } from '../../core/backend';
import { UsageError, one, requireData, runCommand, type CliCommand } from '../cli-kit';

export const indexCommand: CliCommand = {
  name: 'index',
  usage: ['earmark index STORE_DIR --data DATA_DIR [--dead-air SEC] [--json]   # --dead-air: the dead-air threshold (default 5 s)'],
  valueFlags: ['data', 'dead-air'],
  async run(a, out) {
    const sub = a.positional[1];
    if (!sub) throw new UsageError('index needs a STORE_DIR');
    const store = resolve(sub);
    if (!existsSync(store)) throw new UsageError(`no such store folder: ${store}`);
    const b = await createBackend({ dataDir: requireData(a), storeRoot: store });
    try {
      const deadAir = one(a, 'dead-air');
      if (deadAir !== undefined) {
        const sec = Number(deadAir);
        if (!Number.isFinite(sec)) throw new UsageError(`--dead-air takes seconds, got "${deadAir}"`);
        await runCommand(b, 'analytics.configure', { deadAirThresholdSec: sec });
      }
      const r = await runCommand<IndexReport>(b, 'store.reindex', {});
      if (a.json) out(JSON.stringify(r));
      else {
        out(`indexed ${store}: ${r.scanned} scanned, ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed, ${r.analysed ?? 0} analysed, ${r.problems.length} problems`);
        for (const p of r.problems) out(`  ! ${p.file}: ${p.message}`);
      }
      return 0;
    } finally {
      b.close();
    }
  },
};
