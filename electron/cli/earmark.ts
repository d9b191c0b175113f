// `earmark` — the same services as the app, for administrators, scripts and tests.
// Exit codes: 0 success, 1 a check failed, 2 bad usage or bad input (one line on stderr).
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CommandEnvelope } from '../../shared/errors';
import type { AuditVerification, IndexReport, Page, RecordingRow } from '../../shared/types';
import { createBackend, type Backend } from '../core/backend';
import { writeDemoStore } from '../core/demo/demo-writer';
import { SYSTEM_ACTOR, type Actor } from '../core/session/session';

class UsageError extends Error {}

const USAGE = `usage:
  earmark demo-store DIR
  earmark index STORE_DIR --data DATA_DIR [--json]
  earmark search --data DATA_DIR [--agent A] [--queue Q] [--from DATE] [--to DATE] [--text WORDS] [--limit N] [--json]
  earmark audit verify --data DATA_DIR [--json]`;

interface Args {
  positional: string[];
  flags: Map<string, string[]>;
  json: boolean;
}

const VALUE_FLAGS = new Set(['data', 'agent', 'queue', 'from', 'to', 'text', 'limit', 'direction', 'tag']);

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else positional.push(a);
  }
  return { positional, flags, json };
}

const one = (a: Args, name: string) => a.flags.get(name)?.at(-1);

function requireData(a: Args): string {
  const d = one(a, 'data');
  if (!d) throw new UsageError('--data DATA_DIR is required');
  return resolve(d);
}

const cliActor = (): Actor => ({ ...SYSTEM_ACTOR, name: `cli (${safeUser()})` });
function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function run<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(name, input, cliActor())) as CommandEnvelope<T>;
  if (!r.ok) throw new UsageError(r.error.message);
  return r.value;
}

function fmtDuration(s: number): string {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const a = parseArgs(argv);
  const [cmd, sub] = a.positional;
  switch (cmd) {
    case 'demo-store': {
      if (!sub) throw new UsageError('demo-store needs a DIR');
      const r = await writeDemoStore(resolve(sub));
      out(a.json ? JSON.stringify({ dir: resolve(sub), files: r.written.length }) : `wrote the demo store (${r.written.length} files) to ${resolve(sub)}`);
      return 0;
    }
    case 'index': {
      if (!sub) throw new UsageError('index needs a STORE_DIR');
      const store = resolve(sub);
      if (!existsSync(store)) throw new UsageError(`no such store folder: ${store}`);
      const b = createBackend({ dataDir: requireData(a), storeRoot: store });
      try {
        const r = await run<IndexReport>(b, 'store.reindex', {});
        if (a.json) out(JSON.stringify(r));
        else {
          out(`indexed ${store}: ${r.scanned} scanned, ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed, ${r.problems.length} problems`);
          for (const p of r.problems) out(`  ! ${p.file}: ${p.message}`);
        }
        return 0;
      } finally {
        b.close();
      }
    }
    case 'search': {
      const dataDir = requireData(a);
      if (!existsSync(dataDir)) throw new UsageError(`no such data directory: ${dataDir}`);
      const b = createBackend({ dataDir });
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
        };
        const page = await run<Page<RecordingRow>>(b, 'library.search', JSON.parse(JSON.stringify(input)));
        if (a.json) out(JSON.stringify(page));
        else {
          out(`${page.total} recording(s)${page.total > page.rows.length ? `, showing ${page.rows.length}` : ''}`);
          for (const r of page.rows) out([r.startTime.slice(0, 16).replace('T', ' '), fmtDuration(r.durationSec).padStart(7), r.id, r.agentName, r.queue ?? '-', r.direction, r.caseNumber ?? ''].join('  '));
        }
        return 0;
      } finally {
        b.close();
      }
    }
    case 'audit': {
      if (sub !== 'verify') throw new UsageError('audit takes the subcommand verify');
      const dataDir = requireData(a);
      if (!existsSync(dataDir)) throw new UsageError(`no such data directory: ${dataDir}`);
      const b = createBackend({ dataDir });
      try {
        const v = await run<AuditVerification>(b, 'audit.verify', {});
        if (a.json) out(JSON.stringify(v));
        else if (v.intact) out(`audit trail intact: ${v.checked} entries verified`);
        else out(`audit trail TAMPERED at entry #${v.firstBad?.seq}: ${v.firstBad?.reason}`);
        return v.intact ? 0 : 1;
      } finally {
        b.close();
      }
    }
    case undefined:
      throw new UsageError(USAGE);
    default:
      throw new UsageError(`unknown command "${cmd}"\n${USAGE}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`earmark: ${err instanceof UsageError ? err.message : err.message.split('\n')[0]}\n`);
      process.exit(2);
    },
  );
}
