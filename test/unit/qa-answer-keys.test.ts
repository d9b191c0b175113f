// The evaluation panel's keyboard map: which answer a key press gives the focused question.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormQuestion } from '../../shared/qa-types';
import { answerForKey, choiceKeys } from '../../renderer/features/evaluation/answer-keys';

const base = { help: null, weight: 1, required: true };
const yesNo: FormQuestion = {
  ...base,
  id: 'q1',
  text: 'Greeted?',
  type: 'yes_no',
  allowNa: true,
  options: [
    { id: 'yes', label: 'Yes', points: 1, critical: null },
    { id: 'no', label: 'No', points: 0, critical: 'form' },
  ],
};
const scale = (min: number, max: number, allowNa = false): FormQuestion => ({ ...base, id: 'q2', text: 'Tone', type: 'scale', allowNa, min, max, minLabel: null, maxLabel: null, ranges: [] });
const text: FormQuestion = { ...base, id: 'q3', text: 'Notes', type: 'text', allowNa: false, required: false };

describe('answerForKey', () => {
  it('number keys pick the n-th option, out of range keys do nothing', () => {
    assert.deepEqual(answerForKey(yesNo, '1'), { kind: 'set', value: { kind: 'option', optionId: 'yes' } });
    assert.deepEqual(answerForKey(yesNo, '2'), { kind: 'set', value: { kind: 'option', optionId: 'no' } });
    assert.equal(answerForKey(yesNo, '3'), null);
    assert.equal(answerForKey(yesNo, '0'), null);
  });

  it('N answers N/A only where the question allows it', () => {
    assert.deepEqual(answerForKey(yesNo, 'n'), { kind: 'set', value: { kind: 'na' } });
    assert.deepEqual(answerForKey(yesNo, 'N'), { kind: 'set', value: { kind: 'na' } });
    assert.equal(answerForKey(scale(1, 5), 'n'), null);
  });

  it('scales take the digit as the value, 0 meaning 10 on a 1–10 scale', () => {
    assert.deepEqual(answerForKey(scale(1, 5), '4'), { kind: 'set', value: { kind: 'scale', value: 4 } });
    assert.equal(answerForKey(scale(1, 5), '6'), null);
    assert.deepEqual(answerForKey(scale(1, 10), '0'), { kind: 'set', value: { kind: 'scale', value: 10 } });
    assert.deepEqual(answerForKey(scale(0, 4), '0'), { kind: 'set', value: { kind: 'scale', value: 0 } });
  });

  it('Backspace and Delete clear; free text takes no keys; other keys are ignored', () => {
    assert.deepEqual(answerForKey(yesNo, 'Backspace'), { kind: 'clear' });
    assert.deepEqual(answerForKey(text, 'Delete'), { kind: 'clear' });
    assert.equal(answerForKey(text, '1'), null);
    assert.equal(answerForKey(yesNo, 'x'), null);
    assert.equal(answerForKey(yesNo, 'Enter'), null);
  });
});

describe('choiceKeys', () => {
  it('labels the keys that answerForKey understands', () => {
    assert.deepEqual(choiceKeys(yesNo), ['1', '2']);
    assert.deepEqual(choiceKeys(scale(1, 10)), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    assert.deepEqual(choiceKeys(text), []);
    for (const q of [yesNo, scale(1, 10), scale(0, 4)]) {
      choiceKeys(q).forEach((k) => k && assert.notEqual(answerForKey(q, k), null, `${q.id}: ${k}`));
    }
  });
});
