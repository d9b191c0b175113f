// Immutable edits of a form definition for the editor: blank questions of each type, moving,
// replacing and removing sections and questions. Ids are generated here once and never change, so
// reports can follow a question from version to version.
import type { AnswerOption, FormDefinition, FormQuestion, FormSection, QuestionType, ScaleRange } from '../../../shared/qa-types';

export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const TYPE_LABELS: Record<QuestionType, string> = {
  yes_no: 'Yes / no',
  single_choice: 'Single choice',
  scale: 'Numeric scale',
  text: 'Free text (not scored)',
};

function yesNoOptions(): AnswerOption[] {
  return [
    { id: 'yes', label: 'Yes', points: 1, critical: null },
    { id: 'no', label: 'No', points: 0, critical: null },
  ];
}

export function defaultRanges(min: number, max: number): ScaleRange[] {
  const ranges: ScaleRange[] = [];
  for (let v = min; v <= max; v++) ranges.push({ from: v, to: v, points: v - min, critical: null, label: null });
  return ranges;
}

/** A question of `type` carrying over what the old question had in common (text, weight, flags). */
export function questionOfType(type: QuestionType, base?: FormQuestion): FormQuestion {
  const common = {
    id: base?.id ?? newId('q'),
    text: base?.text ?? '',
    help: base?.help ?? null,
    weight: base?.weight ?? 1,
    allowNa: base?.allowNa ?? false,
    required: base?.required ?? true,
  };
  switch (type) {
    case 'yes_no':
      return { ...common, type, options: yesNoOptions() };
    case 'single_choice':
      return {
        ...common,
        type,
        options:
          base && (base.type === 'single_choice' || base.type === 'yes_no')
            ? base.options.map((o) => ({ ...o, id: base.type === 'yes_no' ? newId('o') : o.id }))
            : [
                { id: newId('o'), label: 'Fully', points: 2, critical: null },
                { id: newId('o'), label: 'Partly', points: 1, critical: null },
                { id: newId('o'), label: 'Not at all', points: 0, critical: null },
              ],
      };
    case 'scale':
      return { ...common, type, min: 1, max: 5, minLabel: 'Poor', maxLabel: 'Excellent', ranges: defaultRanges(1, 5) };
    case 'text':
      return { ...common, type, weight: 0, allowNa: false, required: false };
  }
}

export function blankSection(): FormSection {
  return { id: newId('s'), title: 'New section', description: null, weight: 1, questions: [questionOfType('yes_no')] };
}

export function blankForm(): FormDefinition {
  return {
    title: 'New evaluation form',
    description: null,
    sections: [blankSection()],
    bands: [
      { label: 'Needs improvement', min: 0, tone: 'fail' },
      { label: 'Meets expectations', min: 70, tone: 'ok' },
      { label: 'Excellent', min: 90, tone: 'good' },
    ],
  };
}

export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
