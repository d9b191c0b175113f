// The player screen: opens a recording through recording.open and shows it in PlayerView (waveform,
// transport, analytics, transcript), or says why it cannot.
import { useEffect, useState } from 'react';
import type { OpenedRecording } from '../../../shared/types';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../shared/permissions';
import { call, isCommandError } from '../../api/client';
import { deniedMessage, useApp } from '../../app/store';
import { PlayerView } from './PlayerView';
import { DownloadProgress } from './DownloadProgress';
import { EvaluationPanel } from '../evaluation/EvaluationPanel';
import './player.css';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; opened: OpenedRecording }
  | { status: 'denied'; id: string; message: string }
  | { status: 'error'; id: string; message: string };

export function PlayerScreen({ active }: { active: boolean }) {
  const id = useApp((s) => s.openRecordingId);
  const reportError = useApp((s) => s.reportError);
  const setScreen = useApp((s) => s.setScreen);
  const role = useApp((s) => s.session?.profile?.role ?? null);
  const [state, setState] = useState<LoadState>({ status: 'idle' });

  useEffect(() => {
    if (!id) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState({ status: 'loading', id });
    call('recording.open', { id }).then(
      (opened) => live && setState({ status: 'ready', id, opened }),
      (e) => {
        if (!live) return;
        reportError(e, 'recording.open');
        if (isCommandError(e) && e.code === 'denied') setState({ status: 'denied', id, message: e.message });
        else setState({ status: 'error', id, message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, reportError]);

  if (state.status === 'idle') {
    return (
      <div className="player-empty">
        <div className="empty">
          <h2>No recording open</h2>
          <p>Pick a call in the Library and press Enter, or double-click it.</p>
          <button type="button" className="btn" onClick={() => setScreen('library')}>
            Go to Library
          </button>
        </div>
      </div>
    );
  }
  if (state.status === 'loading') {
    return (
      <div className="player-empty">
        <div className="vt-state">
          <span className="spinner" aria-hidden="true" /> Opening {state.id}…
        </div>
        {/* A recording not yet in the local cache is downloaded first: show how far, with Cancel. */}
        <DownloadProgress key={`dl-open-${state.id}`} recordingId={state.id} />
      </div>
    );
  }
  if (state.status === 'denied') {
    return (
      <div className="player-empty">
        <div className="denied-card" data-testid="player-denied" role="alert">
          <span className="denied-icon" aria-hidden="true">
            <svg viewBox="0 0 20 20" width="20" height="20">
              <rect x="4" y="9" width="12" height="9" rx="2" fill="currentColor" />
              <path d="M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </svg>
          </span>
          <h2>{deniedMessage(role ? ROLE_LABELS[role] : ROLE_LABELS.guest)}</h2>
          <p>Listening to recordings is not part of the {role ? ROLE_LABELS[role] : 'current'} role.</p>
          {role && (
            <p className="denied-role">
              <strong>{ROLE_LABELS[role]}:</strong> {ROLE_DESCRIPTIONS[role]}
            </p>
          )}
          <p className="subtle">
            Recording <span className="mono">{state.id}</span> was not opened. The attempt is recorded in the audit trail.
          </p>
          <div className="denied-actions">
            <button type="button" className="btn" onClick={() => setScreen('library')}>
              Back to Library
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setScreen('audit')}>
              Open the audit trail
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="player-empty">
        <div className="empty">
          <h2>The recording could not be opened</h2>
          <p>{state.message}</p>
          <button type="button" className="btn" onClick={() => setScreen('library')}>
            Back to Library
          </button>
        </div>
      </div>
    );
  }
  return (
    // QA (issue 5): the evaluation panel sits beside the player; it renders nothing for roles that cannot evaluate.
    <div className="player-with-evaluation">
      <PlayerView key={state.id} opened={state.opened} active={active} />
      <DownloadProgress key={`dl-${state.id}`} recordingId={state.id} />
      <EvaluationPanel key={`eval-${state.id}`} recordingId={state.id} active={active} />
    </div>
  );
}
