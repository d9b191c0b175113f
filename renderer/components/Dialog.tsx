// A small modal for confirmations and short prompts (submit, amend with a reason, dispute). Focus
// moves into it and stays there; Escape cancels; Enter in the one-line field or Ctrl+Enter confirms.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

interface Props {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Disables the confirm button (e.g. a required reason is still empty). */
  confirmDisabled?: boolean;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function Dialog({ title, children, confirmLabel, cancelLabel = 'Cancel', confirmDisabled, danger, busy, onConfirm, onCancel, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    const el = ref.current;
    // The first field if there is one, otherwise the confirm button.
    const first = el?.querySelector<HTMLElement>('textarea, input, select') ?? el?.querySelector<HTMLElement>('[data-dialog-confirm]');
    first?.focus();
    return () => {
      const back = returnFocus.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
      return;
    }
    // Ctrl+Enter anywhere, or plain Enter in a one-line field or a menu, confirms (a textarea keeps Enter for new lines).
    const oneLine = e.target instanceof HTMLSelectElement || (e.target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(e.target.type));
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || oneLine) && !confirmDisabled && !busy) {
      e.preventDefault();
      onConfirm();
      return;
    }
    if (e.key === 'Tab') {
      const items = [...(ref.current?.querySelectorAll<HTMLElement>('button:not(:disabled), textarea, input, select') ?? [])];
      if (items.length === 0) return;
      const i = items.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === items.length - 1 ? 0 : i + 1;
      e.preventDefault();
      items[next]!.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        {children && <div className="dialog-body">{children}</div>}
        <div className="dialog-actions">
          <span className="subtle dialog-hint">
            <kbd>Esc</kbd> cancel · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> confirm
          </span>
          <button type="button" className="btn" onClick={onCancel} data-testid={testId ? `${testId}-cancel` : undefined}>
            {cancelLabel}
          </button>
          <button
            type="button"
            className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
            onClick={onConfirm}
            disabled={confirmDisabled || busy}
            data-dialog-confirm
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
