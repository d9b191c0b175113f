// What a key press means for the focused question: number keys pick the n-th option (or the scale
// value), N answers N/A, Backspace/Delete clears. Pure, so the panel and its hints agree.
import type { AnswerValue, FormQuestion } from '../../../shared/qa-types';

export type KeyAnswer = { kind: 'set'; value: AnswerValue } | { kind: 'clear' } | null;

export function answerForKey(q: FormQuestion, key: string): KeyAnswer {
  if (key === 'Backspace' || key === 'Delete') return { kind: 'clear' };
  if (key === 'n' || key === 'N') return q.allowNa ? { kind: 'set', value: { kind: 'na' } } : null;
  if (!/^[0-9]$/.test(key)) return null;
  const d = Number(key);
  switch (q.type) {
    case 'yes_no':
    case 'single_choice': {
      const option = d >= 1 ? q.options[d - 1] : undefined;
      return option ? { kind: 'set', value: { kind: 'option', optionId: option.id } } : null;
    }
    case 'scale': {
      // 0 stands for 10 on a scale that reaches 10 but does not start at 0.
      const value = d === 0 && q.min > 0 && q.max >= 10 ? 10 : d;
      return value >= q.min && value <= q.max ? { kind: 'set', value: { kind: 'scale', value } } : null;
    }
    case 'text':
      return null;
  }
}

/** The key shown next to each choice, in the order the question lists them. */
export function choiceKeys(q: FormQuestion): string[] {
  if (q.type === 'yes_no' || q.type === 'single_choice') return q.options.map((_, i) => (i < 9 ? String(i + 1) : ''));
  if (q.type === 'scale') {
    const keys: string[] = [];
    for (let v = q.min; v <= q.max; v++) keys.push(v >= 0 && v <= 9 ? String(v) : v === 10 && q.min > 0 ? '0' : '');
    return keys;
  }
  return [];
}

export function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
