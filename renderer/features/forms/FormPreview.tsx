// A form as evaluators will see it, with what each answer is worth and the maximum score.
import type { FormDefinition } from '../../../shared/qa-types';
import { formStats, questionMax } from '../../../shared/qa-scoring';
import { BAND_CLASS } from '../qa-common/qa-format';
import { TYPE_LABELS } from './form-edit';

export function FormPreview({ def }: { def: FormDefinition }) {
  const stats = formStats(def);
  const sectionWeight = def.sections.reduce((n, s) => n + s.weight, 0);
  return (
    <div className="form-preview" data-testid="form-preview">
      <div className="qa-kpis">
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Maximum score</span>
          <span className="qa-kpi-value" data-testid="form-max-score">
            {stats.maxScore ?? '—'}
          </span>
          <span className="qa-kpi-sub">{stats.maxPoints} points before weights</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Questions</span>
          <span className="qa-kpi-value">{stats.questions}</span>
          <span className="qa-kpi-sub">
            {stats.scoredQuestions} scored in {stats.sections} section{stats.sections === 1 ? '' : 's'}
          </span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Critical answers</span>
          <span className="qa-kpi-value">{stats.criticalAnswers}</span>
          <span className="qa-kpi-sub">auto-fail a section or the evaluation</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Bands</span>
          <span className="preview-bands">
            {def.bands.map((b) => (
              <span key={b.label} className={`band ${BAND_CLASS[b.tone]}`}>
                {b.label} ≥ {b.min}
              </span>
            ))}
          </span>
        </div>
      </div>
      {def.sections.map((s, si) => {
        const qWeight = s.questions.reduce((n, q) => n + (q.type === 'text' ? 0 : q.weight), 0);
        return (
          <div key={s.id} className="qa-card preview-section">
            <div className="qa-card-head">
              <h2>
                {si + 1}. {s.title || <span className="subtle">Untitled section</span>}
              </h2>
              <span className="topbar-spacer" />
              <span className="subtle">
                weight {s.weight}
                {sectionWeight > 0 ? ` · ${Math.round((s.weight / sectionWeight) * 100)}% of the score` : ''}
              </span>
            </div>
            {s.description && <p className="qa-card-body subtle preview-desc">{s.description}</p>}
            <ol className="preview-questions">
              {s.questions.map((q, qi) => (
                <li key={q.id} className="preview-q">
                  <div className="preview-q-head">
                    <span className="question-index">
                      {si + 1}.{qi + 1}
                    </span>
                    <span className="question-text">{q.text || <span className="subtle">Untitled question</span>}</span>
                    <span className="subtle preview-q-meta">
                      {TYPE_LABELS[q.type]}
                      {q.type !== 'text' && ` · weight ${q.weight}${qWeight > 0 ? ` (${Math.round((q.weight / qWeight) * 100)}%)` : ''} · max ${questionMax(q)}`}
                      {q.allowNa ? ' · N/A' : ''}
                      {q.required ? '' : ' · optional'}
                    </span>
                  </div>
                  {q.help && <p className="question-help">{q.help}</p>}
                  <div className="choices">
                    {(q.type === 'yes_no' || q.type === 'single_choice') &&
                      q.options.map((o) => (
                        <span key={o.id} className={`choice choice-static${o.critical ? ' critical' : ''}`}>
                          <span className="choice-label">{o.label || '—'}</span>
                          <span className="subtle">{o.points} pt</span>
                          {o.critical && <span className="chip chip-bad">fails {o.critical === 'form' ? 'evaluation' : 'section'}</span>}
                        </span>
                      ))}
                    {q.type === 'scale' &&
                      q.ranges.map((r, i) => (
                        <span key={i} className={`choice choice-static${r.critical ? ' critical' : ''}`}>
                          <span className="choice-label">{r.from === r.to ? r.from : `${r.from}–${r.to}`}</span>
                          {r.label && <span className="subtle">{r.label}</span>}
                          <span className="subtle">{r.points} pt</span>
                          {r.critical && <span className="chip chip-bad">fails {r.critical === 'form' ? 'evaluation' : 'section'}</span>}
                        </span>
                      ))}
                    {q.type === 'text' && <span className="subtle">Free text, not scored</span>}
                  </div>
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </div>
  );
}
