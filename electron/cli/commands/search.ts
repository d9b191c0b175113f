import type { Page, RecordingRow } from '../../../shared/types';
import { createBackend } from '../../core/backend';
import { fmtDuration, one, requireData, runCommand, type CliCommand } from '../cli-kit';

const seconds = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? NaN : Number(v));

export const searchCommand: CliCommand = {
  name: 'search',
  usage: ['earmark search --data DATA_DIR [--agent A] [--queue Q] [--from DATE] [--to DATE] [--text WORDS] [--min-dead-air SEC] [--min-overtalk SEC] [--limit N] [--json]'],
  valueFlags: ['data', 'agent', 'queue', 'from', 'to', 'text', 'limit', 'direction', 'tag', 'min-dead-air', 'min-overtalk'],
  async run(a, out) {
    const b = await createBackend({ dataDir: requireData(a, true) });
    try {
      const limit = one(a, 'limit');
      const input = {
        text: one(a, 'text'),
        agentIds: a.flags.get('agent'),
        queues: a.flags.get('queue'),
        directions: a.flags.get('direction'),
        tags: a.flags.get('tag'),
        from: one(a, 'from'),
        to: one(a, 'to'),
        limit: limit === undefined ? 500 : Number(limit),
        // Talk analytics (seconds in total); a non-number is refused by the query schema (exit 2).
        minDeadAirSec: seconds(one(a, 'min-dead-air')),
        minOvertalkSec: seconds(one(a, 'min-overtalk')),
      };
      const page = await runCommand<Page<RecordingRow>>(b, 'library.search', JSON.parse(JSON.stringify(input)));
      if (a.json) out(JSON.stringify(page));
      else {
        out(`${page.total} recording(s)${page.total > page.rows.length ? `, showing ${page.rows.length}` : ''}`);
        for (const r of page.rows) out([r.startTime.slice(0, 16).replace('T', ' '), fmtDuration(r.durationSec).padStart(7), r.id, r.agentName, r.queue ?? '-', r.direction, r.caseNumber ?? ''].join('  '));
      }
      return 0;
    } finally {
      b.close();
    }
  },
};
