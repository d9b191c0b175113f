// Editing a form definition: title, performance bands, sections and questions of every type, with
// weights, N/A, required, options with points and critical (auto-fail) answers, scale ranges.
import type { AnswerOption, BandTone, CriticalScope, FormDefinition, FormQuestion, FormSection, QuestionType, ScaleRange } from '../../../shared/qa-types';
import { questionMax } from '../../../shared/qa-scoring';
import { defaultRanges, blankSection, move, newId, questionOfType, removeAt, replaceAt, TYPE_LABELS } from './form-edit';

const TONES: { value: BandTone; label: string }[] = [
  { value: 'fail', label: 'Fail (red)' },
  { value: 'warn', label: 'Warning (amber)' },
  { value: 'ok', label: 'OK (blue)' },
  { value: 'good', label: 'Good (green)' },
];

function numberOr(v: string, fallback: number): number {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : fallback;
}

function Mover({ index, count, onMove, onRemove, what }: { index: number; count: number; onMove: (d: number) => void; onRemove: () => void; what: string }) {
  return (
    <span className="mover">
      <button type="button" className="btn btn-ghost btn-sm" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${what} up`} title={`Move ${what} up`}>
        ↑
      </button>
      <button type="button" className="btn btn-ghost btn-sm" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${what} down`} title={`Move ${what} down`}>
        ↓
      </button>
      <button type="button" className="btn btn-ghost btn-sm mover-remove" onClick={onRemove} aria-label={`Remove ${what}`} title={`Remove ${what}`}>
        ✕
      </button>
    </span>
  );
}

function CriticalSelect({ value, onChange }: { value: CriticalScope | null; onChange: (v: CriticalScope | null) => void }) {
  return (
    <select className={`select select-sm${value ? ' critical-on' : ''}`} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as CriticalScope | null)} aria-label="Critical">
      <option value="">Not critical</option>
      <option value="section">Critical: fails the section</option>
      <option value="form">Critical: fails the evaluation</option>
    </select>
  );
}

function OptionsEditor({ q, onChange }: { q: Extract<FormQuestion, { type: 'yes_no' | 'single_choice' }>; onChange: (q: FormQuestion) => void }) {
  const setOption = (i: number, o: AnswerOption) => onChange({ ...q, options: replaceAt(q.options, i, o) });
  return (
    <div className="opt-table">
      <div className="opt-row opt-head">
        <span>Answer</span>
        <span>Points</span>
        <span>Auto-fail</span>
        <span />
      </div>
      {q.options.map((o, i) => (
        <div key={o.id} className="opt-row">
          <input className="input input-sm" value={o.label} onChange={(e) => setOption(i, { ...o, label: e.target.value })} aria-label="Answer label" maxLength={200} />
          <input className="input input-sm" type="number" min={0} max={1000} value={o.points} onChange={(e) => setOption(i, { ...o, points: Math.max(0, numberOr(e.target.value, 0)) })} aria-label="Points" />
          <CriticalSelect value={o.critical} onChange={(c) => setOption(i, { ...o, critical: c })} />
          {q.type === 'single_choice' ? (
            <span className="mover">
              <button type="button" className="btn btn-ghost btn-sm" disabled={i === 0} onClick={() => onChange({ ...q, options: move(q.options, i, -1) })} aria-label="Move option up">
                ↑
              </button>
              <button type="button" className="btn btn-ghost btn-sm mover-remove" disabled={q.options.length <= 1} onClick={() => onChange({ ...q, options: removeAt(q.options, i) })} aria-label="Remove option">
                ✕
              </button>
            </span>
          ) : (
            <span />
          )}
        </div>
      ))}
      {q.type === 'single_choice' && q.options.length < 20 && (
        <button type="button" className="btn btn-ghost btn-sm opt-add" onClick={() => onChange({ ...q, options: [...q.options, { id: newId('o'), label: '', points: 0, critical: null }] })}>
          + Answer
        </button>
      )}
    </div>
  );
}

function ScaleEditor({ q, onChange }: { q: Extract<FormQuestion, { type: 'scale' }>; onChange: (q: FormQuestion) => void }) {
  const setRange = (i: number, r: ScaleRange) => onChange({ ...q, ranges: replaceAt(q.ranges, i, r) });
  return (
    <div className="scale-editor">
      <div className="scale-bounds">
        <label className="mini-field">
          <span>From</span>
          <input className="input input-sm" type="number" min={0} max={100} value={q.min} onChange={(e) => onChange({ ...q, min: Math.round(numberOr(e.target.value, q.min)) })} />
        </label>
        <label className="mini-field">
          <span>to</span>
          <input className="input input-sm" type="number" min={0} max={100} value={q.max} onChange={(e) => onChange({ ...q, max: Math.round(numberOr(e.target.value, q.max)) })} />
        </label>
        <input className="input input-sm" value={q.minLabel ?? ''} placeholder="Low caption, e.g. Poor" onChange={(e) => onChange({ ...q, minLabel: e.target.value || null })} aria-label="Low end caption" />
        <input className="input input-sm" value={q.maxLabel ?? ''} placeholder="High caption, e.g. Excellent" onChange={(e) => onChange({ ...q, maxLabel: e.target.value || null })} aria-label="High end caption" />
        <button type="button" className="btn btn-sm" onClick={() => onChange({ ...q, ranges: q.max > q.min && q.max - q.min <= 100 ? defaultRanges(q.min, q.max) : q.ranges })} title="One range per value, points rising from 0">
          Reset ranges
        </button>
      </div>
      <div className="opt-table">
        <div className="opt-row range-row opt-head">
          <span>Values</span>
          <span>Points</span>
          <span>Label</span>
          <span>Auto-fail</span>
          <span />
        </div>
        {q.ranges.map((r, i) => (
          <div key={i} className="opt-row range-row">
            <span className="range-pair">
              <input className="input input-sm" type="number" value={r.from} onChange={(e) => setRange(i, { ...r, from: Math.round(numberOr(e.target.value, r.from)) })} aria-label="From value" />
              <span className="subtle">–</span>
              <input className="input input-sm" type="number" value={r.to} onChange={(e) => setRange(i, { ...r, to: Math.round(numberOr(e.target.value, r.to)) })} aria-label="To value" />
            </span>
            <input className="input input-sm" type="number" min={0} value={r.points} onChange={(e) => setRange(i, { ...r, points: Math.max(0, numberOr(e.target.value, 0)) })} aria-label="Points" />
            <input className="input input-sm" value={r.label ?? ''} placeholder="optional" onChange={(e) => setRange(i, { ...r, label: e.target.value || null })} aria-label="Range label" />
            <CriticalSelect value={r.critical} onChange={(c) => setRange(i, { ...r, critical: c })} />
            <button type="button" className="btn btn-ghost btn-sm mover-remove" disabled={q.ranges.length <= 1} onClick={() => onChange({ ...q, ranges: removeAt(q.ranges, i) })} aria-label="Remove range">
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-ghost btn-sm opt-add" onClick={() => onChange({ ...q, ranges: [...q.ranges, { from: q.max, to: q.max, points: 0, critical: null, label: null }] })}>
          + Range
        </button>
      </div>
    </div>
  );
}

function QuestionEditor({ q, label, index, count, onChange, onMove, onRemove }: { q: FormQuestion; label: string; index: number; count: number; onChange: (q: FormQuestion) => void; onMove: (d: number) => void; onRemove: () => void }) {
  return (
    <div className="fq" data-testid="form-question">
      <div className="fq-row">
        <span className="fq-index">{label}</span>
        <input className="input fq-text" value={q.text} placeholder="Question, e.g. Did the agent verify the caller’s identity?" onChange={(e) => onChange({ ...q, text: e.target.value })} maxLength={500} aria-label="Question text" data-testid="form-question-text" />
        <select className="select" value={q.type} onChange={(e) => onChange(questionOfType(e.target.value as QuestionType, q))} aria-label="Question type" data-testid="form-question-type">
          {Object.entries(TYPE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <Mover index={index} count={count} onMove={onMove} onRemove={onRemove} what="question" />
      </div>
      <div className="fq-row fq-settings">
        <span className="fq-index" />
        {q.type !== 'text' && (
          <label className="mini-field">
            <span>Weight</span>
            <input className="input input-sm fq-weight" type="number" min={0} max={1000} step="any" value={q.weight} onChange={(e) => onChange({ ...q, weight: Math.max(0, numberOr(e.target.value, 0)) })} />
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })} />
          <span className="check-label">Required</span>
        </label>
        {q.type !== 'text' && (
          <label className="check">
            <input type="checkbox" checked={q.allowNa} onChange={(e) => onChange({ ...q, allowNa: e.target.checked })} />
            <span className="check-label">N/A allowed</span>
          </label>
        )}
        <input className="input input-sm fq-help" value={q.help ?? ''} placeholder="Guidance for evaluators (optional)" onChange={(e) => onChange({ ...q, help: e.target.value || null })} aria-label="Guidance" />
        {q.type !== 'text' && <span className="subtle fq-max">max {questionMax(q)} {questionMax(q) === 1 ? 'pt' : 'pts'}</span>}
      </div>
      <div className="fq-body">
        {(q.type === 'yes_no' || q.type === 'single_choice') && <OptionsEditor q={q} onChange={onChange} />}
        {q.type === 'scale' && <ScaleEditor q={q} onChange={onChange} />}
        {q.type === 'text' && <p className="subtle">Free text is kept with the evaluation and never scored.</p>}
      </div>
    </div>
  );
}

function SectionEditor({ s, si, count, onChange, onMove, onRemove }: { s: FormSection; si: number; count: number; onChange: (s: FormSection) => void; onMove: (d: number) => void; onRemove: () => void }) {
  return (
    <div className="fs qa-card" data-testid="form-section">
      <div className="fs-head">
        <span className="fs-index">{si + 1}</span>
        <input className="input fs-title" value={s.title} placeholder="Section title" onChange={(e) => onChange({ ...s, title: e.target.value })} maxLength={200} aria-label="Section title" data-testid="form-section-title" />
        <label className="mini-field">
          <span>Weight</span>
          <input className="input input-sm fq-weight" type="number" min={0} max={1000} step="any" value={s.weight} onChange={(e) => onChange({ ...s, weight: Math.max(0, numberOr(e.target.value, 0)) })} aria-label="Section weight" />
        </label>
        <Mover index={si} count={count} onMove={onMove} onRemove={onRemove} what="section" />
      </div>
      <div className="fs-desc">
        <input className="input input-sm" value={s.description ?? ''} placeholder="Description (optional)" onChange={(e) => onChange({ ...s, description: e.target.value || null })} aria-label="Section description" />
      </div>
      {s.questions.map((q, qi) => (
        <QuestionEditor
          key={q.id}
          q={q}
          label={`${si + 1}.${qi + 1}`}
          index={qi}
          count={s.questions.length}
          onChange={(nq) => onChange({ ...s, questions: replaceAt(s.questions, qi, nq) })}
          onMove={(d) => onChange({ ...s, questions: move(s.questions, qi, d) })}
          onRemove={() => onChange({ ...s, questions: removeAt(s.questions, qi) })}
        />
      ))}
      <div className="fs-foot">
        <button type="button" className="btn btn-sm" onClick={() => onChange({ ...s, questions: [...s.questions, questionOfType('yes_no')] })} data-testid="form-add-question">
          + Question
        </button>
      </div>
    </div>
  );
}

export function FormEditor({ def, onChange }: { def: FormDefinition; onChange: (d: FormDefinition) => void }) {
  return (
    <div className="form-editor" data-testid="form-editor">
      <div className="qa-card qa-card-body fe-top">
        <label className="field">
          <span className="field-label">Title</span>
          <input className="input" value={def.title} onChange={(e) => onChange({ ...def, title: e.target.value })} maxLength={200} data-testid="form-title" />
        </label>
        <label className="field">
          <span className="field-label">Description</span>
          <input className="input" value={def.description ?? ''} placeholder="What the form is for (optional)" onChange={(e) => onChange({ ...def, description: e.target.value || null })} maxLength={2000} />
        </label>
        <div className="field">
          <span className="field-label">Performance bands (score from)</span>
          <div className="bands-editor">
            {def.bands.map((b, i) => (
              <div key={i} className="band-edit">
                <input className="input input-sm" value={b.label} onChange={(e) => onChange({ ...def, bands: replaceAt(def.bands, i, { ...b, label: e.target.value }) })} aria-label="Band name" maxLength={60} />
                <input className="input input-sm band-min" type="number" min={0} max={100} value={b.min} onChange={(e) => onChange({ ...def, bands: replaceAt(def.bands, i, { ...b, min: Math.min(100, Math.max(0, numberOr(e.target.value, 0))) }) })} aria-label="Band starts at" />
                <select className="select select-sm" value={b.tone} onChange={(e) => onChange({ ...def, bands: replaceAt(def.bands, i, { ...b, tone: e.target.value as BandTone }) })} aria-label="Band colour">
                  {TONES.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
                <button type="button" className="btn btn-ghost btn-sm mover-remove" disabled={def.bands.length <= 1} onClick={() => onChange({ ...def, bands: removeAt(def.bands, i) })} aria-label="Remove band">
                  ✕
                </button>
              </div>
            ))}
            {def.bands.length < 10 && (
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => onChange({ ...def, bands: [...def.bands, { label: `Band ${def.bands.length + 1}`, min: Math.min(100, (def.bands[def.bands.length - 1]?.min ?? 0) + 10), tone: 'ok' }] })}
              >
                + Band
              </button>
            )}
          </div>
        </div>
      </div>
      {def.sections.map((s, si) => (
        <SectionEditor
          key={s.id}
          s={s}
          si={si}
          count={def.sections.length}
          onChange={(ns) => onChange({ ...def, sections: replaceAt(def.sections, si, ns) })}
          onMove={(d) => onChange({ ...def, sections: move(def.sections, si, d) })}
          onRemove={() => onChange({ ...def, sections: removeAt(def.sections, si) })}
        />
      ))}
      <div>
        <button type="button" className="btn" onClick={() => onChange({ ...def, sections: [...def.sections, blankSection()] })} data-testid="form-add-section">
          + Section
        </button>
      </div>
    </div>
  );
}
