// Child process for qa-draft-crash.test.ts: opens the backend like the app, selects the evaluator's
// profile and saves the draft again and again (as autosave would), announcing each acknowledged
// revision, until the parent kills it with SIGKILL.
import fs from 'node:fs';
import { createBackend } from '../../electron/core/backend';
import type { DraftSaved, EvaluationDetail } from '../../shared/qa-types';
import { MemoryKeychain } from './memory-vault';
import { draftAnswersAt } from './qa-crash-fixtures';

async function main(): Promise<void> {
  const [dataDir, storeRoot, keysFile, profileId, evaluationId] = process.argv.slice(2) as [string, string, string, string, string];
  const chain = new MemoryKeychain();
  for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(keysFile, 'utf8')) as Record<string, string>)) chain.entries.set(k, Buffer.from(v, 'hex'));
  const b = await createBackend({ dataDir, storeRoot, openVault: chain.open });
  const must = <T>(r: Awaited<ReturnType<typeof b.dispatch>>): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };
  must(await b.dispatch('profile.select', { profileId }));
  const ev = must<EvaluationDetail>(await b.dispatch('qa.evaluations.get', { evaluationId }));
  let revision = ev.summary.revision;
  for (;;) {
    const next = revision + 1;
    const saved = must<DraftSaved>(await b.dispatch('qa.evaluations.saveDraft', { evaluationId, answers: draftAnswersAt(ev.form.definition, next), baseRevision: revision }));
    revision = saved.revision;
    if (revision % 5 === 0) must(await b.dispatch('qa.comments.add', { evaluationId, positionSec: revision % 10, text: `pinned at revision ${revision}` }));
    process.stdout.write(`saved ${revision}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(3);
});
