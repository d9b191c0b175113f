// QA scorecards end to end in Chromium: a QA supervisor scores a demo call with the keyboard only
// (open it from the library, answer every question, pin a comment, submit), sees the evaluation in
// the report, then walks the evaluation queue, calibration and forms screens. Saves a screenshot of
// every QA screen.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Answers, EvaluationDetail } from '../../shared/qa-types';
import { scoreEvaluation } from '../../shared/qa-scoring';
import { CUSTOMER_SERVICE_FORM } from '../../electron/core/qa/default-forms';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';

/** The keys pressed for each question of the built-in "Customer service call" form, in order. */
const KEYS: [questionId: string, key: string][] = [
  ['cs-greeting', '1'], // yes
  ['cs-verify', 'n'], // N/A
  ['cs-understood', '2'], // after several attempts (1 of 2)
  ['cs-accurate', '1'],
  ['cs-resolved', '1'], // resolved on this call
  ['cs-hold', 'n'],
  ['cs-empathy', '4'],
  ['cs-clarity', '5'],
  ['cs-no-interrupt', '2'], // no: interrupted
  ['cs-dead-air', '1'],
  ['cs-summary', '1'],
  ['cs-anything-else', '1'],
  ['cs-notes', '1'],
];
const COACHING = 'Good resolution; let the customer finish.';

function expectedAnswers(): Answers {
  const a: Answers = {};
  const questions = CUSTOMER_SERVICE_FORM.sections.flatMap((s) => s.questions);
  for (const [id, key] of KEYS) {
    const q = questions.find((x) => x.id === id)!;
    if (key === 'n') a[id] = { kind: 'na' };
    else if (q.type === 'scale') a[id] = { kind: 'scale', value: Number(key) };
    else if (q.type === 'yes_no' || q.type === 'single_choice') a[id] = { kind: 'option', optionId: q.options[Number(key) - 1]!.id };
  }
  a['cs-coaching'] = { kind: 'text', text: COACHING };
  return a;
}

describe('QA scorecards end to end in Chromium', { skip, timeout: 240_000 }, () => {
  let h: Harness;
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  const testId = (id: string) => h.page.getByTestId(id);
  const attr = (id: string, name: string) => h.page.getByTestId(id).first().getAttribute(name);
  const focusedQuestion = () => h.page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-question') ?? null);
  let expectedScore: number | null = null;
  let evaluationId = '';

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    // A second QA supervisor for calibration, created before anyone signs in on the page.
    const ravi = await h.backend.dispatch('profile.create', { displayName: 'Ravi Menon', role: 'qa_supervisor' });
    assert.equal((ravi as any).ok, true);
    await h.backend.dispatch('profile.signOut', {});
    await h.page.goto(h.url);
  });
  after(async () => h && (await h.close()));

  it('signs in as a QA supervisor who gets the QA screens', async () => {
    const { page } = h;
    await testId('profile-new').click();
    await testId('profile-name').fill('Dana Whitfield');
    await testId('role-qa_supervisor').click();
    await testId('profile-create').click();
    await testId('current-user').waitFor();
    for (const s of ['evaluations', 'calibration', 'reports', 'forms']) assert.equal(await testId(`nav-${s}`).count(), 1, `nav-${s} is shown`);
    await testId('library-row').first().waitFor();
    void page;
  });

  it('scores a demo call with the keyboard only, with a live score and a pinned comment', async () => {
    const { page } = h;
    const kb = page.keyboard;
    // Library: "/" focuses the search, Enter moves into the table, Enter opens the selected call.
    await kb.press('/');
    await kb.press('Enter');
    await kb.press('Enter');
    await testId('player-waveform').waitFor();
    await testId('eval-start').waitFor();
    await testId('eval-form-select').waitFor();
    // E asks which form to score with: arrows choose the built-in customer service form, Enter starts.
    await kb.press('e');
    await testId('eval-choose-form').waitFor();
    await shot('qa-00-choose-form');
    const chosen = () => page.getByTestId('eval-choose-form-select').locator('option:checked').innerText();
    for (let i = 0; i < 5 && !/Customer service call/.test(await chosen()); i++) await kb.press('ArrowDown');
    assert.match(await chosen(), /Customer service call/);
    await kb.press('Enter');
    await testId('evaluation-editor').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.getAttribute('data-question') === 'cs-greeting');

    for (const [id, key] of KEYS) {
      assert.equal(await focusedQuestion(), id, `focus is on ${id} before pressing ${key}`);
      await kb.press(key);
    }
    // The notes question: Enter to write, Escape to leave the text box.
    assert.equal(await focusedQuestion(), 'cs-coaching');
    await kb.press('Enter');
    await kb.type(COACHING);
    await kb.press('Escape');
    assert.equal(await focusedQuestion(), 'cs-coaching');

    expectedScore = scoreEvaluation(CUSTOMER_SERVICE_FORM, expectedAnswers()).score;
    assert.ok(expectedScore !== null && expectedScore > 50 && expectedScore < 100, `a realistic score (${expectedScore})`);
    assert.equal(Number(await attr('eval-score', 'data-score')), expectedScore, 'the live score matches the scoring function');
    assert.match(await testId('eval-progress').innerText(), /14 of 14 answered/);

    // M pins a comment at the play position, tied to the focused question. → skips 5 s (the player's key).
    await kb.press('ArrowUp'); // back to "Left accurate account notes"
    await kb.press('ArrowRight');
    await kb.press('ArrowRight');
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('audio')?.currentTime ?? 0) >= 9.9);
    await kb.press('m');
    await testId('comment-composer').waitFor();
    await kb.type('Notes were thorough here');
    await kb.press('Enter');
    await testId('comment').first().waitFor();
    assert.match(await testId('comment').first().innerText(), /Notes were thorough here/);

    // The draft saves on its own.
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="eval-save-state"]')?.getAttribute('data-state') === 'saved', undefined, { timeout: 10_000 });
    await shot('qa-01-evaluation-panel');

    // Ctrl+Enter asks for confirmation; Enter confirms.
    await kb.press('Control+Enter');
    await testId('submit-dialog').waitFor();
    await shot('qa-02-submit-confirmation');
    await kb.press('Enter');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="evaluation-editor"]')?.getAttribute('data-status') === 'submitted');
    await testId('review-box').waitFor();
    assert.equal(Number(await attr('eval-score', 'data-score')), expectedScore);
    await shot('qa-03-submitted');

    // What was stored is what was typed.
    const list = (await h.backend.dispatch('qa.evaluations.list', { mine: true })) as any;
    assert.equal(list.ok, true);
    assert.equal(list.value.rows.length, 1);
    evaluationId = list.value.rows[0].id;
    const detail = (await h.backend.dispatch('qa.evaluations.get', { evaluationId })) as { ok: true; value: EvaluationDetail };
    assert.deepEqual(detail.value.answers, expectedAnswers());
    assert.equal(detail.value.summary.score, expectedScore);
    assert.equal(detail.value.comments.length, 1);
    assert.equal(detail.value.comments[0]!.questionId, 'cs-notes');
    assert.equal(Math.round(detail.value.comments[0]!.positionSec), 10);
  });

  it('sees the evaluation in the report (Ctrl+6)', async () => {
    const { page } = h;
    await page.keyboard.press('Control+6');
    await testId('reports-screen').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="reports-totals"]')?.getAttribute('data-evaluations') === '1', undefined, { timeout: 10_000 });
    assert.equal((await testId('reports-average').innerText()).trim(), String(expectedScore));
    assert.equal(await testId('reports-group').count(), 1);
    assert.match(await testId('reports-failed').innerText(), /Let the customer finish without interrupting/);
    assert.equal(await attr('reports-trend', 'data-points'), '1');
    await shot('qa-04-reports');
  });

  it('raised no errors in the page', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
