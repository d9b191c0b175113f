// What the crash test's child saves at each revision, so the parent can tell exactly what must be there.
import type { Answers, FormDefinition } from '../../shared/qa-types';

export function draftAnswersAt(def: FormDefinition, revision: number): Answers {
  const scored = def.sections.flatMap((s) => s.questions).filter((q) => q.type !== 'text');
  const text = def.sections.flatMap((s) => s.questions).find((q) => q.type === 'text')!;
  const a: Answers = { [text.id]: { kind: 'text', text: `note at revision ${revision}` } };
  for (const q of scored.slice(0, ((revision - 1) % scored.length) + 1)) {
    if (q.type === 'scale') a[q.id] = { kind: 'scale', value: q.min + (revision % (q.max - q.min + 1)) };
    else if (q.type === 'yes_no' || q.type === 'single_choice') a[q.id] = { kind: 'option', optionId: q.options[revision % q.options.length].id };
  }
  return a;
}
