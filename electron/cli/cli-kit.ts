// What every `earmark` subcommand shares: argument parsing, the exit-code contract, running a
// command through the dispatcher as the CLI actor so it is audited like any other action.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CommandEnvelope } from '../../shared/errors';
import type { Backend } from '../core/backend';
import { SYSTEM_ACTOR, type Actor } from '../core/session/session';

/** Bad usage or bad input: exit 2 with one line on stderr. */
export class UsageError extends Error {}

export interface Args {
  positional: string[];
  flags: Map<string, string[]>;
  json: boolean;
}

export type Out = (s: string) => void;

/** One top-level word of the CLI (`earmark audit …`), in its own file under cli/commands/. */
export interface CliCommand {
  name: string;
  /** Usage lines, shown by `earmark` with no arguments. */
  usage: string[];
  /** Options that take a value (`--data DIR`); every other `--x` is rejected except --json and `booleanFlags`. */
  valueFlags?: string[];
  booleanFlags?: string[];
  /** The exit code: 0 success, 1 a check failed. Throw UsageError for exit 2. */
  run(args: Args, out: Out): Promise<number>;
}

export function parseArgs(argv: string[], valueFlags: readonly string[], booleanFlags: readonly string[] = []): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (booleanFlags.includes(name)) {
        flags.set(name, ['true']);
        continue;
      }
      if (!valueFlags.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else positional.push(a);
  }
  return { positional, flags, json };
}

export const one = (a: Args, name: string): string | undefined => a.flags.get(name)?.at(-1);
export const has = (a: Args, name: string): boolean => a.flags.has(name);

export function requireData(a: Args, mustExist = false): string {
  const d = one(a, 'data');
  if (!d) throw new UsageError('--data DATA_DIR is required');
  const dir = resolve(d);
  if (mustExist && !existsSync(dir)) throw new UsageError(`no such data directory: ${dir}`);
  return dir;
}

export function requireFile(path: string | undefined, what: string): string {
  if (!path) throw new UsageError(`${what} is required`);
  const file = resolve(path);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return file;
}

export const cliActor = (): Actor => ({ ...SYSTEM_ACTOR, name: `cli (${safeUser()})` });
function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Runs a catalogue command as the CLI actor; a failure becomes a one-line usage error (exit 2). */
export async function runCommand<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(name, input, cliActor())) as CommandEnvelope<T>;
  if (!r.ok) throw new UsageError(r.error.message);
  return r.value;
}

export function fmtDuration(s: number): string {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
