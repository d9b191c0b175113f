// The recording cache panel: size and item count, limits, "Clear cache now", downloads in progress.
// Reloads when shown and when a download finishes (a backend event), never on a timer: every
// command is audited, so polling would flood the trail.
import { useCallback, useEffect, useState } from 'react';
import type { CacheStats } from '../../../shared/cache-types';
import { call } from '../../api/client';
import { useBackendEvent } from '../../api/events';
import { useApp } from '../../app/store';
import { formatBytes, plural } from '../../lib/format';

const GB = 1024 ** 3;
const DAY = 86400;

export function CachePanel({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const canManage = useApp((s) => s.session?.permissions.includes('cache.manage') ?? false);
  const [stats, setStats] = useState<CacheStats | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [capGb, setCapGb] = useState('');
  const [ttlDays, setTtlDays] = useState('');
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const s = await call('cache.stats', {});
      setStats(s);
      setLoadError(null);
      setCapGb(String(+(s.capBytes / GB).toFixed(2)));
      setTtlDays(String(+(s.ttlSec / DAY).toFixed(2)));
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  useBackendEvent('progress', (e) => {
    if (e.kind === 'download' && active && e.state !== 'running') void load();
  });

  const capBytes = Math.round(Number(capGb) * GB);
  const ttlSec = Math.round(Number(ttlDays) * DAY);
  const capInvalid = !(capBytes >= 64 * 1024 * 1024) || capBytes > 4 * 1024 * GB;
  const ttlInvalid = !(ttlSec >= 3600) || ttlSec > 3660 * DAY;
  const dirty = !!stats && (capBytes !== stats.capBytes || ttlSec !== stats.ttlSec);

  const save = async () => {
    setSaving(true);
    setMessage(null);
    try {
      await call('cache.setLimits', { capBytes, ttlSec });
      setMessage('Limits saved.');
      await load();
    } catch (e) {
      reportError(e, 'cache.setLimits');
    } finally {
      setSaving(false);
    }
  };

  const clear = async () => {
    setConfirming(false);
    setMessage(null);
    try {
      const r = await call('cache.clear', {});
      setMessage(
        `Removed ${plural(r.removed, 'recording')} (${formatBytes(r.freedBytes)}).` + (r.keptPinned ? ` ${plural(r.keptPinned, 'pinned recording')} kept (legal hold).` : ''),
      );
      await load();
    } catch (e) {
      reportError(e, 'cache.clear');
    }
  };

  const cancel = async (id: string) => {
    try {
      await call('cache.cancelDownload', { id });
    } catch (e) {
      reportError(e, 'cache.cancelDownload');
    }
  };

  const used = stats ? Math.min(1, stats.diskBytes / stats.capBytes) : 0;

  return (
    <section className="settings-card" aria-labelledby="cache-title" data-testid="cache-panel">
      <div className="settings-card-head">
        <div>
          <h2 id="cache-title">Recording cache</h2>
          <p className="subtle">
            Recordings you play are kept on this device, encrypted (AES-256-GCM, keys in the system keychain), so replaying and seeking are fast. Nothing
            is stored unencrypted.
          </p>
        </div>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => void load()} title="Refresh">
          Refresh
        </button>
      </div>

      {loadError && (
        <p className="field-error" role="alert">
          The cache could not be read: {loadError}
        </p>
      )}
      {!stats && !loadError && (
        <div className="vt-state">
          <span className="spinner" aria-hidden="true" /> Reading the cache…
        </div>
      )}
      {stats && (
        <>
          <dl className="cache-figures">
            <div>
              <dt>Recordings</dt>
              <dd data-testid="cache-items">{stats.items}</dd>
            </div>
            <div>
              <dt>Size on disk</dt>
              <dd data-testid="cache-size">{formatBytes(stats.diskBytes)}</dd>
            </div>
            <div>
              <dt>Pinned</dt>
              <dd title="Pinned recordings (e.g. on legal hold) are never evicted or cleared">{stats.pinned}</dd>
            </div>
          </dl>
          <div className="cache-meter" role="meter" aria-label="Cache use" aria-valuemin={0} aria-valuemax={stats.capBytes} aria-valuenow={stats.diskBytes}>
            <div className="cache-meter-fill" style={{ width: `${(used * 100).toFixed(1)}%` }} />
          </div>
          <p className="subtle cache-meter-label">
            {formatBytes(stats.diskBytes)} of {formatBytes(stats.capBytes)} · least recently played recordings are removed first when the cache is full
          </p>

          {stats.downloads.length > 0 && (
            <ul className="cache-downloads">
              {stats.downloads.map((d) => (
                <li key={d.id}>
                  <span className="mono">{d.id}</span>
                  <span className="subtle">
                    {formatBytes(d.receivedBytes)} of {formatBytes(d.totalBytes)}
                  </span>
                  <button type="button" className="btn btn-sm" onClick={() => void cancel(d.id)}>
                    Cancel
                  </button>
                </li>
              ))}
            </ul>
          )}

          <form
            className="cache-limits"
            onSubmit={(e) => {
              e.preventDefault();
              if (!capInvalid && !ttlInvalid && dirty) void save();
            }}
          >
            <label className="field">
              <span className="field-label">Size limit (GB)</span>
              <input
                className="input"
                type="number"
                min={0.0625}
                step="any"
                value={capGb}
                disabled={!canManage}
                aria-invalid={capInvalid}
                onChange={(e) => setCapGb(e.target.value)}
                data-testid="cache-cap"
              />
              {capInvalid && <span className="field-error">At least 0.0625 GB (64 MB).</span>}
            </label>
            <label className="field">
              <span className="field-label">Keep cached copies for (days)</span>
              <input
                className="input"
                type="number"
                min={0.05}
                step="any"
                value={ttlDays}
                disabled={!canManage}
                aria-invalid={ttlInvalid}
                onChange={(e) => setTtlDays(e.target.value)}
                data-testid="cache-ttl"
              />
              {ttlInvalid && <span className="field-error">Between one hour and ten years.</span>}
            </label>
            <button type="submit" className="btn btn-primary" disabled={!canManage || saving || !dirty || capInvalid || ttlInvalid}>
              {saving ? 'Saving…' : 'Save limits'}
            </button>
          </form>

          <div className="cache-clear">
            {confirming ? (
              <>
                <span>
                  Remove {plural(stats.items - stats.pinned, 'recording')} from this device? Pinned recordings stay. They are fetched from the store again when played.
                </span>
                <button type="button" className="btn btn-danger" onClick={() => void clear()} data-testid="cache-clear-confirm" autoFocus>
                  Clear cache
                </button>
                <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="btn" disabled={!canManage || stats.items === 0} onClick={() => setConfirming(true)} data-testid="cache-clear">
                Clear cache now
              </button>
            )}
            {!canManage && <span className="subtle">Your role can view the cache but not change it.</span>}
          </div>
          {message && (
            <p className="cache-message" role="status" data-testid="cache-message">
              {message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
