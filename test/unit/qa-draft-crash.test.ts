// Drafts survive a crash: a child process saving a draft over and over (as autosave does) is killed
// with SIGKILL; reopening finds every acknowledged save, the answers of exactly one revision, the
// comments, an intact database and an intact audit chain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditVerification } from '../../shared/types';
import type { EvaluationDetail } from '../../shared/qa-types';
import { draftAnswersAt } from './qa-crash-fixtures';
import { callId, ok, profile, qaEnv } from './qa-fixtures';

test('a draft being saved when the process is killed loses nothing that was acknowledged', { timeout: 60_000 }, async () => {
  const e = await qaEnv();
  try {
    const sam = await profile(e.backend, 'Sam');
    const ev = ok<EvaluationDetail>(await e.backend.dispatch('qa.evaluations.start', { recordingId: callId(0, 0), formId: 'customer-service-call' }));
    e.backend.close(); // the child owns the data directory while it runs
    const keysFile = path.join(e.dir, 'keys.json');
    fs.writeFileSync(keysFile, JSON.stringify(Object.fromEntries([...e.chain.entries].map(([k, v]) => [k, v.toString('hex')]))));

    const child = spawn(process.execPath, [path.join(__dirname, 'qa-draft-crash-child.js'), e.dataDir, e.storeRoot, keysFile, sam.id, ev.summary.id], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let acked = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (buf: Buffer) => {
        out += buf.toString();
        const all = [...out.matchAll(/saved (\d+)\n/g)];
        if (all.length) acked = Number(all.at(-1)![1]);
        // Mid-evaluation, while it keeps saving: kill it.
        if (acked >= 40 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code} ${signal}: ${out.slice(-300)}`))));
    });
    assert.ok(acked >= 40);

    const b = await e.reopen();
    ok(await b.dispatch('profile.select', { profileId: sam.id }));
    const after = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.get', { evaluationId: ev.summary.id }));
    assert.equal(after.summary.status, 'draft');
    assert.ok(after.summary.revision >= acked, `revision ${after.summary.revision} < last acknowledged ${acked}`);
    assert.deepEqual(after.answers, draftAnswersAt(after.form.definition, after.summary.revision), 'the answers are exactly one saved revision');
    const pinned = after.comments.map((c) => c.text);
    for (let r = 5; r <= acked; r += 5) assert.ok(pinned.includes(`pinned at revision ${r}`), `comment of revision ${r} lost`);
    assert.equal(b.services.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(ok<AuditVerification>(await b.dispatch('audit.verify', {})).intact, true);
    // And the evaluation can be finished after the crash.
    assert.equal(after.can.submit, true);
  } finally {
    e.done();
  }
});
