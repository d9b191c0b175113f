// `earmark forms export|import` and `earmark evaluations export` against data directories opened with
// the real OS keychain (skipped without a D-Bus session bus; npm test provides one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../electron/cli/earmark';
import { UsageError } from '../../electron/cli/cli-kit';
import { createBackend } from '../../electron/core/backend';
import { CUSTOMER_SERVICE_FORM } from '../../electron/core/qa/default-forms';
import type { EvaluationDetail, FormDetail, FormsFile } from '../../shared/qa-types';
import { answerAll, callId, ok, writeQaStore } from './qa-fixtures';

const bus = process.platform !== 'linux' || !!process.env.DBUS_SESSION_BUS_ADDRESS;
const skip = bus ? false : 'no D-Bus session bus: run under dbus-run-session with gnome-keyring (npm test does)';

test('earmark forms export/import and evaluations export', { skip, timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-qa-cli-'));
  const dataDir = path.join(dir, 'data');
  const otherData = path.join(dir, 'other');
  const storeRoot = path.join(dir, 'store');
  const formsFile = path.join(dir, 'forms.json');
  fs.mkdirSync(storeRoot);
  writeQaStore(storeRoot);
  try {
    const b = await createBackend({ dataDir, storeRoot });
    let customId: string;
    try {
      await b.indexAsSystem();
      ok(await b.dispatch('profile.create', { displayName: 'Quinn, "QA" lead', role: 'qa_supervisor' }));
      const def = { ...CUSTOMER_SERVICE_FORM, title: 'Retention call' };
      customId = ok<FormDetail>(await b.dispatch('qa.forms.create', { definition: def })).summary.id;
      ok(await b.dispatch('qa.forms.publish', { formId: customId, version: 1 }));
      ok(await b.dispatch('qa.forms.saveDraft', { formId: customId, definition: { ...def, description: 'v2' }, basedOnVersion: 1 }));
      for (const rec of [callId(0, 0), callId(1, 0)]) {
        const ev = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.start', { recordingId: rec, formId: 'customer-service-call' }));
        ok(await b.dispatch('qa.evaluations.submit', { evaluationId: ev.summary.id, answers: answerAll(ev.form.definition, 'best'), baseRevision: 0 }));
      }
    } finally {
      b.close();
    }

    const lines: string[] = [];
    assert.equal(await main(['forms', 'export', '--data', dataDir, '--out', formsFile], (s) => lines.push(s)), 0);
    assert.match(lines[0], /exported 3 form\(s\) with 4 version\(s\)/);
    const file = JSON.parse(fs.readFileSync(formsFile, 'utf8')) as FormsFile;
    assert.deepEqual(file.forms.find((f) => f.id === customId)!.versions.map((v) => [v.version, v.status]), [[1, 'published'], [2, 'draft']]);

    lines.length = 0;
    assert.equal(await main(['forms', 'import', formsFile, '--data', otherData], (s) => lines.push(s)), 0);
    assert.match(lines.at(-1)!, /^1 form\(s\) added, 2 version\(s\) added, 2 already present$/);
    lines.length = 0;
    assert.equal(await main(['forms', 'import', formsFile, '--data', otherData, '--json'], (s) => lines.push(s)), 0);
    assert.deepEqual(JSON.parse(lines[0]).versionsAdded, 0);

    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"format":"earmark-forms","schemaVersion":2,"exportedAt":"2026-11-20","forms":[]}');
    await assert.rejects(main(['forms', 'import', bad, '--data', otherData], () => {}), (e: Error) => e instanceof UsageError && /schemaVersion/.test(e.message));
    fs.writeFileSync(bad, 'not json');
    await assert.rejects(main(['forms', 'import', bad, '--data', otherData], () => {}), (e: Error) => e instanceof UsageError && /not JSON/.test(e.message));
    await assert.rejects(main(['forms', 'export', '--data', dataDir], () => {}), UsageError);

    lines.length = 0;
    assert.equal(await main(['evaluations', 'export', '--data', dataDir, '--format', 'csv'], (s) => lines.push(s)), 0);
    const rows = lines.join('\n').split('\r\n');
    assert.equal(rows.length, 3);
    assert.match(rows[0], /^evaluation_id,recording_id,/);
    assert.ok(rows.slice(1).every((r) => r.includes('"Quinn, ""QA"" lead"') && r.includes(',100,Exceeds expectations,')));
    lines.length = 0;
    assert.equal(await main(['evaluations', 'export', '--data', dataDir, '--format', 'csv', '--agent', 'a-2'], (s) => lines.push(s)), 0);
    assert.equal(lines.join('\n').split('\r\n').length, 2);
    await assert.rejects(main(['evaluations', 'export', '--data', dataDir, '--format', 'xml'], () => {}), UsageError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
