// Talk analytics settings: the dead-air threshold. Changing it analyses every call again in the
// background (progress arrives as events), so the library's dead-air filter and the player's bands agree.
import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../shared/events';
import { call } from '../../api/client';
import { useBackendEvent } from '../../api/events';
import { useApp } from '../../app/store';

export function AnalyticsPanel({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const canManage = useApp((s) => s.session?.permissions.includes('store.manage') ?? false);
  const [current, setCurrent] = useState<number | null>(null);
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);

  useEffect(() => {
    if (!active) return;
    call('analytics.settings', {}).then(
      (s) => {
        setCurrent(s.deadAirThresholdSec);
        setValue(String(s.deadAirThresholdSec));
      },
      (e) => reportError(e, 'analytics.settings'),
    );
  }, [active, reportError]);

  useBackendEvent('progress', (e) => {
    if (e.kind === 'analysis') setProgress(e);
  });

  const seconds = Number(value);
  const valid = value.trim() !== '' && Number.isFinite(seconds) && seconds >= 1 && seconds <= 300;
  const save = async () => {
    setSaving(true);
    try {
      const s = await call('analytics.configure', { deadAirThresholdSec: seconds });
      setCurrent(s.deadAirThresholdSec);
    } catch (e) {
      reportError(e, 'analytics.configure');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-card" aria-labelledby="analytics-title">
      <div className="settings-card-head">
        <div>
          <h2 id="analytics-title">Talk analytics</h2>
          <p className="subtle">Dead air is a stretch where neither the agent nor the customer speaks for longer than this threshold.</p>
        </div>
      </div>
      <div className="cache-limits">
        <label className="field">
          <span className="field-label">Dead air after (seconds)</span>
          <input
            className="input"
            type="number"
            min={1}
            max={300}
            step={0.5}
            value={value}
            disabled={!canManage || current === null}
            onChange={(e) => setValue(e.target.value)}
            data-testid="dead-air-threshold"
          />
        </label>
        {canManage && (
          <button type="button" className="btn btn-primary" disabled={!valid || saving || seconds === current} onClick={() => void save()} data-testid="dead-air-save">
            {saving ? 'Saving…' : 'Save and re-analyse'}
          </button>
        )}
      </div>
      {!valid && value.trim() !== '' && <span className="field-error">Enter 1 to 300 seconds.</span>}
      {!canManage && <p className="subtle">Only an administrator changes this.</p>}
      {progress && progress.state === 'running' && (
        <p className="subtle" data-testid="analysis-progress">
          Analysing calls: {progress.done} of {progress.total ?? '…'}
        </p>
      )}
    </section>
  );
}
