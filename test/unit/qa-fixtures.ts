// A backend over a small hand-made store for the QA tests: three agents in two teams and two queues,
// six 10-second calls each, on 2–7 November 2026.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { CommandEnvelope, CommandFailure } from '../../shared/errors';
import type { Answers, FormDefinition } from '../../shared/qa-types';
import type { Profile } from '../../shared/types';
import { MemoryKeychain } from './memory-vault';
import { mulawWav, sidecar, writeCall } from './store-fixtures';

export const AGENTS = [
  { id: 'a-1', name: 'Alice Able', team: 'Red', queue: 'Billing' },
  { id: 'a-2', name: 'Bob Baker', team: 'Red', queue: 'Collections' },
  { id: 'a-3', name: 'Carol Chen', team: 'Blue', queue: 'Billing' },
];
export const CALLS_PER_AGENT = 6;
export const callId = (agent: number, n: number) => `C-${agent + 1}-${n + 1}`;

export function writeQaStore(root: string): void {
  const audio = mulawWav(10);
  AGENTS.forEach((a, ai) => {
    for (let n = 0; n < CALLS_PER_AGENT; n++) {
      const day = `2026/11/0${n + 2}`;
      const id = callId(ai, n);
      writeCall(root, day, id, {
        audio,
        sidecar: sidecar(id, day, { agent: { id: a.id, name: a.name }, team: a.team, queue: a.queue, startTime: `2026-11-0${n + 2}T${10 + ai}:00:00Z` }),
      });
    }
  });
}

export interface QaEnv {
  dir: string;
  dataDir: string;
  storeRoot: string;
  chain: MemoryKeychain;
  backend: Backend;
  errors: string[];
  reopen(): Promise<Backend>;
  done(): void;
}

export async function qaEnv(now = () => new Date()): Promise<QaEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-qa-'));
  const storeRoot = path.join(dir, 'store');
  fs.mkdirSync(storeRoot);
  writeQaStore(storeRoot);
  const dataDir = path.join(dir, 'data');
  const chain = new MemoryKeychain();
  const errors: string[] = [];
  const open = () => createBackend({ dataDir, storeRoot, openVault: chain.open, now, logError: (m) => errors.push(m) });
  const env: QaEnv = {
    dir,
    dataDir,
    storeRoot,
    chain,
    errors,
    backend: await open(),
    async reopen() {
      env.backend.close();
      env.backend = await open();
      return env.backend;
    },
    done() {
      env.backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await env.backend.indexAsSystem();
  return env;
}

export function ok<T>(r: CommandEnvelope<unknown>): T {
  assert.equal(r.ok, true, r.ok ? '' : `expected success, got ${JSON.stringify(r)}`);
  return (r as { ok: true; value: T }).value;
}

export function fails(r: CommandEnvelope<unknown>, code?: CommandFailure['code']): CommandFailure {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r).slice(0, 300)}`);
  const e = (r as { ok: false; error: CommandFailure }).error;
  if (code) assert.equal(e.code, code, e.message);
  return e;
}

export async function profile(b: Backend, displayName: string, role: Profile['role'] = 'qa_supervisor'): Promise<Profile> {
  return ok<Profile>(await b.dispatch('profile.create', { displayName, role }));
}

export async function become(b: Backend, p: Profile): Promise<void> {
  ok(await b.dispatch('profile.select', { profileId: p.id }));
}

/** Answers every scored question with its best (or worst) option; text questions get `note`. */
export function answerAll(def: FormDefinition, pick: 'best' | 'worst', note = 'ok'): Answers {
  const a: Answers = {};
  for (const s of def.sections)
    for (const q of s.questions) {
      if (q.type === 'text') a[q.id] = { kind: 'text', text: note };
      else if (q.type === 'scale') {
        const r = [...q.ranges].sort((x, y) => (pick === 'best' ? y.points - x.points : x.points - y.points))[0];
        a[q.id] = { kind: 'scale', value: r.from };
      } else {
        // "worst" avoids critical options so the score is low but not an auto-fail.
        const opts = q.options.filter((o) => pick === 'best' || !o.critical);
        const o = [...opts].sort((x, y) => (pick === 'best' ? y.points - x.points : x.points - y.points))[0];
        a[q.id] = { kind: 'option', optionId: o.id };
      }
    }
  return a;
}
