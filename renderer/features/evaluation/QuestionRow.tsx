// One question of the evaluation: its choices as buttons (mouse) and as number keys (keyboard) on the
// focused row. The row is one tab stop; the choices inside are not, so Tab walks question to question.
import { forwardRef, useRef, type KeyboardEvent } from 'react';
import type { AnswerValue, FormQuestion, QuestionScore } from '../../../shared/qa-types';
import { answerForKey, choiceKeys, sameAnswer } from './answer-keys';

interface Props {
  index: string;
  question: FormQuestion;
  answer: AnswerValue | undefined;
  score: QuestionScore | undefined;
  editable: boolean;
  commentCount: number;
  onAnswer: (value: AnswerValue | null, advance: boolean) => void;
  onMove: (delta: number) => void;
  onFocus: () => void;
}

function Choice({ label, hotkey, selected, critical, disabled, onClick, title, testId }: {
  label: string;
  hotkey: string;
  selected: boolean;
  critical?: boolean;
  disabled: boolean;
  onClick: () => void;
  title?: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`choice${selected ? ' selected' : ''}${critical ? ' critical' : ''}`}
      aria-pressed={selected}
      disabled={disabled && !selected}
      onClick={onClick}
      title={title}
      data-testid={testId}
    >
      {hotkey && <span className="choice-key">{hotkey}</span>}
      <span className="choice-label">{label}</span>
      {critical && (
        <span className="choice-critical" aria-label="critical">
          !
        </span>
      )}
    </button>
  );
}

export const QuestionRow = forwardRef<HTMLDivElement, Props>(function QuestionRow({ index, question: q, answer, score, editable, commentCount, onAnswer, onMove, onFocus }, ref) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const keys = choiceKeys(q);
  const isNa = answer?.kind === 'na';

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.target instanceof HTMLTextAreaElement;
    if (typing) {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        (e.currentTarget as HTMLDivElement).focus();
      }
      return;
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      e.stopPropagation();
      onMove(1);
      return;
    }
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      onMove(-1);
      return;
    }
    if (q.type === 'text' && e.key === 'Enter' && editable) {
      e.preventDefault();
      textRef.current?.focus();
      return;
    }
    if (!editable) return;
    const hit = answerForKey(q, e.key);
    if (!hit) return;
    e.preventDefault();
    e.stopPropagation();
    if (hit.kind === 'clear') onAnswer(null, false);
    else onAnswer(hit.value, true);
  };

  const pick = (value: AnswerValue) => {
    if (!editable) return;
    // Clicking the chosen answer again clears it.
    onAnswer(sameAnswer(answer, value) ? null : value, false);
  };

  const status = !answer ? 'open' : score?.critical ? 'critical' : isNa ? 'na' : score?.failed ? 'failed' : 'answered';

  return (
    <div
      ref={ref}
      className={`question q-${status}`}
      tabIndex={0}
      role="group"
      aria-label={`Question ${index}: ${q.text}`}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      data-testid="eval-question"
      data-question={q.id}
      data-answered={answer ? 'true' : 'false'}
    >
      <div className="question-head">
        <span className="question-index">{index}</span>
        <span className="question-text">
          {q.text || <span className="subtle">Untitled question</span>}
          {!q.required && q.type !== 'text' && <span className="subtle"> (optional)</span>}
        </span>
        <span className="question-meta">
          {commentCount > 0 && (
            <span className="question-comments" title={`${commentCount} comment${commentCount === 1 ? '' : 's'} on this question`}>
              ✎ {commentCount}
            </span>
          )}
          {score?.scored ? (
            <span className="question-points">
              {score.earned}/{score.max}
            </span>
          ) : isNa ? (
            <span className="question-points subtle">N/A</span>
          ) : null}
        </span>
      </div>
      {q.help && <p className="question-help">{q.help}</p>}
      {q.type === 'text' ? (
        <textarea
          ref={textRef}
          className="textarea question-textarea"
          rows={2}
          tabIndex={-1}
          placeholder={editable ? 'Press Enter to write, Esc when done' : ''}
          readOnly={!editable}
          value={answer?.kind === 'text' ? answer.text : ''}
          onChange={(e) => onAnswer(e.target.value ? { kind: 'text', text: e.target.value } : null, false)}
          aria-label={q.text}
          data-testid="eval-text"
        />
      ) : (
        <div className={`choices${q.type === 'scale' ? ' choices-scale' : ''}`}>
          {(q.type === 'yes_no' || q.type === 'single_choice') &&
            q.options.map((o, i) => (
              <Choice
                key={o.id}
                label={o.label}
                hotkey={keys[i] ?? ''}
                selected={answer?.kind === 'option' && answer.optionId === o.id}
                critical={o.critical !== null}
                disabled={!editable}
                onClick={() => pick({ kind: 'option', optionId: o.id })}
                title={`${o.points} point${o.points === 1 ? '' : 's'}${o.critical ? ` · critical: fails the ${o.critical === 'form' ? 'whole evaluation' : 'section'}` : ''}`}
                testId="eval-choice"
              />
            ))}
          {q.type === 'scale' &&
            Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i).map((v, i) => {
              const range = q.ranges.find((r) => v >= r.from && v <= r.to);
              return (
                <Choice
                  key={v}
                  label={String(v)}
                  hotkey={keys[i] && keys[i] !== String(v) ? keys[i]! : ''}
                  selected={answer?.kind === 'scale' && answer.value === v}
                  critical={Boolean(range?.critical)}
                  disabled={!editable}
                  onClick={() => pick({ kind: 'scale', value: v })}
                  title={`${range?.label ? `${range.label} · ` : ''}${range?.points ?? 0} points${range?.critical ? ' · critical' : ''}`}
                  testId="eval-choice"
                />
              );
            })}
          {q.allowNa && (
            <Choice label="N/A" hotkey="N" selected={isNa} disabled={!editable} onClick={() => pick({ kind: 'na' })} title="Not applicable: left out of the score" testId="eval-choice-na" />
          )}
        </div>
      )}
      {q.type === 'scale' && (q.minLabel || q.maxLabel) && (
        <div className="scale-captions subtle">
          <span>{q.minLabel}</span>
          <span>{q.maxLabel}</span>
        </div>
      )}
    </div>
  );
});
