// `earmark evaluations export`: submitted evaluations (calibration exercises excluded) as CSV, through
// the dispatcher as the CLI actor. To stdout, or atomically to --out.
import { resolve } from 'node:path';
import type { CsvExport } from '../../../shared/qa-types';
import { createBackend } from '../../core/backend';
import { writeFileAtomic } from '../../core/fs-atomic';
import { UsageError, one, requireData, runCommand, type CliCommand } from '../cli-kit';

export const evaluationsCommand: CliCommand = {
  name: 'evaluations',
  usage: ['earmark evaluations export --data DATA_DIR --format csv [--out FILE] [--from DATE] [--to DATE] [--agent ID]... [--team T]... [--queue Q]... [--form ID]...'],
  valueFlags: ['data', 'format', 'out', 'from', 'to', 'agent', 'team', 'queue', 'form'],
  async run(a, out) {
    if (a.positional[1] !== 'export') throw new UsageError('evaluations takes the subcommand export');
    const format = one(a, 'format') ?? 'csv';
    if (format !== 'csv') throw new UsageError(`unknown format "${format}": only csv is supported`);
    const b = await createBackend({ dataDir: requireData(a, true) });
    try {
      const input = JSON.parse(
        JSON.stringify({ kind: 'evaluations', from: one(a, 'from'), to: one(a, 'to'), agentIds: a.flags.get('agent'), teams: a.flags.get('team'), queues: a.flags.get('queue'), formIds: a.flags.get('form') }),
      ) as Record<string, unknown>;
      const csv = await runCommand<CsvExport>(b, 'qa.reports.exportCsv', input);
      const target = one(a, 'out');
      if (target) {
        writeFileAtomic(resolve(target), csv.csv);
        process.stderr.write(`exported ${csv.rows} evaluation(s) to ${resolve(target)}\n`);
      } else out(csv.csv.replace(/\r\n$/, ''));
      return 0;
    } finally {
      b.close();
    }
  },
};
