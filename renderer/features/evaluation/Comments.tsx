// Time-stamped comments: a composer that pins a note to the play position (optionally about one
// question) and the list of pins, each seeking the player when clicked.
import { useEffect, useRef, useState } from 'react';
import type { EvaluationComment, FormDefinition } from '../../../shared/qa-types';
import { formatClock } from '../../lib/format';

export interface Draft {
  positionSec: number;
  questionId: string | null;
}

export function CommentComposer({
  draft,
  form,
  questionLabels,
  busy,
  onSave,
  onCancel,
}: {
  draft: Draft;
  form: FormDefinition;
  questionLabels: Map<string, string>;
  busy: boolean;
  onSave: (text: string, questionId: string | null) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [questionId, setQuestionId] = useState<string | null>(draft.questionId);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const save = () => text.trim() && !busy && onSave(text.trim(), questionId);

  return (
    <div
      className="comment-composer"
      data-testid="comment-composer"
      onKeyDown={(e) => {
        // Keys typed here are the comment's, not the player's or the questions'.
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="comment-composer-head">
        <span className="comment-time mono">{formatClock(draft.positionSec)}</span>
        <select className="select select-sm" value={questionId ?? ''} onChange={(e) => setQuestionId(e.target.value || null)} aria-label="About question">
          <option value="">The whole call</option>
          {form.sections.map((s) => (
            <optgroup key={s.id} label={s.title}>
              {s.questions.map((q) => (
                <option key={q.id} value={q.id}>
                  {questionLabels.get(q.id)} {q.text.slice(0, 60)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <textarea
        ref={ref}
        className="textarea"
        rows={2}
        placeholder="What happened here? Enter saves, Shift+Enter for a new line, Esc cancels"
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          }
        }}
        data-testid="comment-text"
      />
      <div className="comment-composer-actions">
        <button type="button" className="btn btn-sm btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-sm btn-primary" disabled={!text.trim() || busy} onClick={save} data-testid="comment-save">
          {busy ? 'Pinning…' : 'Pin comment'}
        </button>
      </div>
    </div>
  );
}

export function CommentList({
  comments,
  questionLabels,
  highlighted,
  canDelete,
  onSeek,
  onDelete,
}: {
  comments: EvaluationComment[];
  questionLabels: Map<string, string>;
  highlighted: string | null;
  canDelete: boolean;
  onSeek: (c: EvaluationComment) => void;
  onDelete: (c: EvaluationComment) => void;
}) {
  const sorted = [...comments].sort((a, b) => a.positionSec - b.positionSec);
  const refs = useRef(new Map<string, HTMLLIElement>());
  useEffect(() => {
    if (highlighted) refs.current.get(highlighted)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [highlighted]);
  if (sorted.length === 0) return null;
  return (
    <ul className="comment-list" data-testid="comment-list">
      {sorted.map((c) => (
        <li
          key={c.id}
          ref={(el) => {
            if (el) refs.current.set(c.id, el);
            else refs.current.delete(c.id);
          }}
          className={`comment${highlighted === c.id ? ' highlighted' : ''}`}
          data-testid="comment"
        >
          <button type="button" className="comment-time-btn mono" onClick={() => onSeek(c)} title="Play from here">
            {formatClock(c.positionSec)}
          </button>
          <div className="comment-body">
            {c.questionId && <span className="chip chip-accent comment-q">{questionLabels.get(c.questionId) ?? 'Question'}</span>}
            <span className="comment-text">{c.text}</span>
            <span className="comment-by subtle">{c.author.name}</span>
          </div>
          {canDelete && (
            <button type="button" className="btn btn-ghost btn-sm comment-del" onClick={() => onDelete(c)} aria-label="Delete comment" title="Delete comment">
              ✕
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
