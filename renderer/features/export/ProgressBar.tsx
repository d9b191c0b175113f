// A determinate progress bar with a Cancel button, for exports and evidence packages.
import { formatPercent } from '../../lib/format';

export function ProgressBar({ fraction, label, onCancel }: { fraction: number | null; label: string; onCancel?: () => void }) {
  const pct = fraction === null ? null : Math.round(fraction * 100);
  return (
    <div className="task-progress" role="group" aria-label={label}>
      <div className="task-progress-row">
        <span>{label}</span>
        <span className="subtle">{pct === null ? 'Starting…' : formatPercent(fraction ?? 0)}</span>
      </div>
      <div className="task-progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
        <div className="task-progress-fill" style={{ width: `${pct ?? 2}%` }} />
      </div>
      {onCancel && (
        <button type="button" className="btn btn-sm" onClick={onCancel} data-testid="task-cancel">
          Cancel
        </button>
      )}
    </div>
  );
}
