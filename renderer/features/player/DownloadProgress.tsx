// While a recording not yet in the local cache is fetched from the store, a progress bar with Cancel.
// Fed by the backend's download progress events (no polling); hidden once the download is done.
import { useState } from 'react';
import type { ProgressEvent } from '../../../shared/events';
import { call } from '../../api/client';
import { useBackendEvent } from '../../api/events';
import { useApp } from '../../app/store';
import { formatBytes } from '../../lib/format';
import './download-progress.css';

export function DownloadProgress({ recordingId }: { recordingId: string }) {
  const reportError = useApp((s) => s.reportError);
  const [p, setP] = useState<ProgressEvent | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useBackendEvent('progress', (e) => {
    if (e.kind !== 'download' || e.subject !== recordingId) return;
    setP(e.state === 'done' ? null : e);
    if (e.state !== 'running') setCancelling(false);
  });

  if (!p) return null;
  const pct = p.total ? Math.min(100, (p.done / p.total) * 100) : null;

  // Reopening remounts the player, whose media element then asks for the audio (and the download) again.
  const retry = () => {
    setP(null);
    useApp.setState({ openRecordingId: null });
    setTimeout(() => useApp.getState().openRecording(recordingId), 0);
  };

  const cancel = async () => {
    setCancelling(true);
    try {
      await call('cache.cancelDownload', { id: recordingId });
    } catch (e) {
      setCancelling(false);
      reportError(e, 'cache.cancelDownload');
    }
  };

  return (
    <div className={`download-progress download-${p.state}`} role="status" aria-live="polite" data-testid="download-progress" data-state={p.state}>
      {p.state === 'running' ? (
        <>
          <div className="download-text">
            <strong>Fetching the recording</strong>
            <span className="subtle">
              {formatBytes(p.done)}
              {p.total ? ` of ${formatBytes(p.total)}` : ''} · stored encrypted on this device
            </span>
          </div>
          <div
            className="download-bar"
            role="progressbar"
            aria-label={`Downloading ${recordingId}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct === null ? undefined : Math.round(pct)}
          >
            <div className="download-bar-fill" style={{ width: pct === null ? '30%' : `${pct.toFixed(1)}%` }} />
          </div>
          <button type="button" className="btn btn-sm" onClick={() => void cancel()} disabled={cancelling} data-testid="download-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </>
      ) : (
        <>
          <div className="download-text">
            <strong>{p.state === 'cancelled' ? 'Download cancelled' : 'The recording could not be fetched'}</strong>
            <span className="subtle">{p.state === 'cancelled' ? 'The recording needs to be fetched before it can play.' : (p.message ?? 'The store did not deliver it.')}</span>
          </div>
          <button type="button" className="btn btn-sm" onClick={retry} data-testid="download-retry">
            Try again
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setP(null)} aria-label="Dismiss">
            ✕
          </button>
        </>
      )}
    </div>
  );
}
