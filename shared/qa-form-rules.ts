// What makes an evaluation form well-formed. Two levels: a draft may be incomplete (the editor saves
// as you type) but must never be ambiguous; a form must be complete to be published. Pure, shared by
// the catalogue's input schema, the backend and the form editor (which shows the same messages).
import type { FormDefinition } from './qa-types';

export interface FormProblem {
  /** Path into the definition, e.g. ['sections', 0, 'questions', 2, 'text']. */
  path: (string | number)[];
  message: string;
}

export type FormRuleLevel = 'draft' | 'publish';

/** The shape both a FormDefinition and the zod-parsed input satisfy. */
type Def = Pick<FormDefinition, 'title' | 'sections' | 'bands'>;

export function formProblems(def: Def, level: FormRuleLevel): FormProblem[] {
  const out: FormProblem[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path, message });
  const publish = level === 'publish';
  const sectionIds = new Set<string>();
  const questionIds = new Set<string>();
  let scored = 0;

  if (publish && !def.title.trim()) add(['title'], 'give the form a title');
  if (publish && def.sections.length === 0) add(['sections'], 'add at least one section');

  def.sections.forEach((s, si) => {
    const sp = ['sections', si];
    if (sectionIds.has(s.id)) add([...sp, 'id'], `section id "${s.id}" is used twice`);
    sectionIds.add(s.id);
    if (publish && !s.title.trim()) add([...sp, 'title'], `section ${si + 1} needs a title`);
    if (publish && s.questions.length === 0) add([...sp, 'questions'], `section "${s.title || si + 1}" has no questions`);

    s.questions.forEach((q, qi) => {
      const qp = [...sp, 'questions', qi];
      const name = q.text.trim() ? `"${q.text.trim().slice(0, 40)}"` : `question ${qi + 1} of section ${si + 1}`;
      if (questionIds.has(q.id)) add([...qp, 'id'], `question id "${q.id}" is used twice`);
      questionIds.add(q.id);
      if (publish && !q.text.trim()) add([...qp, 'text'], `${name} needs its text`);

      let best = 0;
      if (q.type === 'yes_no' || q.type === 'single_choice') {
        const ids = new Set<string>();
        q.options.forEach((o, oi) => {
          if (ids.has(o.id)) add([...qp, 'options', oi, 'id'], `${name}: option id "${o.id}" is used twice`);
          ids.add(o.id);
          if (publish && !o.label.trim()) add([...qp, 'options', oi, 'label'], `${name}: option ${oi + 1} needs a label`);
          best = Math.max(best, o.points);
        });
        if (q.type === 'yes_no' && !(ids.has('yes') && ids.has('no'))) add([...qp, 'options'], `${name}: a yes/no question has the options "yes" and "no"`);
        if (publish && q.type === 'single_choice' && q.options.length < 2) add([...qp, 'options'], `${name}: offer at least two options`);
      } else if (q.type === 'scale') {
        if (q.min >= q.max) add([...qp, 'max'], `${name}: the scale's top must be above its bottom`);
        else if (q.max - q.min > 100) add([...qp, 'max'], `${name}: a scale has at most 100 steps`);
        const covered = new Map<number, number>();
        q.ranges.forEach((r, ri) => {
          const rp = [...qp, 'ranges', ri];
          best = Math.max(best, r.points);
          if (r.from > r.to) add(rp, `${name}: range ${ri + 1} ends before it starts`);
          else if (r.from < q.min || r.to > q.max) add(rp, `${name}: range ${r.from}–${r.to} is outside the scale ${q.min}–${q.max}`);
          else
            for (let v = r.from; v <= r.to; v++) {
              if (covered.has(v)) add(rp, `${name}: the value ${v} is in two ranges`);
              covered.set(v, ri);
            }
        });
        if (publish && q.min < q.max && q.max - q.min <= 100) {
          const gaps: number[] = [];
          for (let v = q.min; v <= q.max; v++) if (!covered.has(v)) gaps.push(v);
          if (gaps.length) add([...qp, 'ranges'], `${name}: no range gives points for ${gaps.join(', ')}`);
        }
      }
      if (q.type !== 'text' && q.weight > 0 && best > 0 && s.weight > 0) scored++;
    });
  });

  if (publish && def.sections.length > 0 && scored === 0) add(['sections'], 'nothing would be scored: give at least one question (in a weighted section) points and a weight');

  const bandLabels = new Set<string>();
  def.bands.forEach((b, bi) => {
    if (bandLabels.has(b.label)) add(['bands', bi, 'label'], `band "${b.label}" is listed twice`);
    bandLabels.add(b.label);
    if (bi > 0 && b.min <= def.bands[bi - 1].min) add(['bands', bi, 'min'], 'list bands from the lowest threshold up, each above the one before');
  });
  if (publish) {
    if (def.bands.length === 0) add(['bands'], 'add at least one performance band');
    else if (def.bands[0].min !== 0) add(['bands', 0, 'min'], 'the lowest band must start at 0');
  }
  return out;
}
