// The signed-in profile's chip in the top bar, and the panel it opens: the profile's signing-key
// fingerprint, the keys this device holds, removing profiles (crypto-shredding their signing keys) and,
// for administrators, removing all local data from the device.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Profile, SessionInfo } from '../../../shared/types';
import { ROLE_LABELS } from '../../../shared/permissions';
import { DESTROY_CONFIRMATION, type VaultStatus } from '../../../shared/vault-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { resetLibrary } from '../library/store';
import { formatDateTime } from '../../lib/format';
import './profile-menu.css';

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('') || '?'
  );
}

export function ProfileMenu({ session }: { session: SessionInfo }) {
  const [open, setOpen] = useState(false);
  const [wiped, setWiped] = useState(false);
  const profile = session.profile!;
  return (
    <>
      <button
        type="button"
        className="user pm-chip"
        data-testid="current-user"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Your profile and this device’s keys"
        onClick={() => setOpen(true)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(profile.displayName)}
        </span>
        <span className="user-text">
          <span className="user-name">{profile.displayName}</span>
          <span className="user-role">{ROLE_LABELS[profile.role]}</span>
        </span>
      </button>
      {open && <ProfilePanel session={session} onClose={() => setOpen(false)} onWiped={() => setWiped(true)} />}
      {wiped && <WipedScreen />}
    </>
  );
}

/** Focus moves in and stays in; Escape closes; focus returns to the chip afterwards. */
function Modal({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const back = document.activeElement;
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...(ref.current?.querySelectorAll<HTMLElement>('button:not(:disabled), input:not(:disabled)') ?? [])];
      if (items.length === 0) return;
      const i = items.indexOf(document.activeElement as HTMLElement);
      e.preventDefault();
      items[e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === items.length - 1 ? 0 : i + 1]!.focus();
    }
  };
  return (
    <div className="pm-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="pm-panel" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid={testId}>
        <div className="pm-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close" data-autofocus>
            Close
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function ProfilePanel({ session, onClose, onWiped }: { session: SessionInfo; onClose: () => void; onWiped: () => void }) {
  const loadSession = useApp((s) => s.loadSession);
  const reportError = useApp((s) => s.reportError);
  const me = session.profile!;
  const isAdmin = session.permissions.includes('profile.manage');
  const others = session.profiles.filter((p) => p.id !== me.id);
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);

  useEffect(() => {
    call('vault.status', {}).then(setStatus, (e: Error) => setStatusError(e.message));
  }, []);

  const removeOwn = async () => {
    await call('profile.removeOwn', {});
    resetLibrary();
    useApp.setState({ notices: [], openRecordingId: null, screen: 'library', visited: { library: true } });
    await loadSession();
  };
  const removeOther = async (p: Profile) => {
    await call('profile.remove', { profileId: p.id });
    await loadSession();
  };

  return (
    <Modal title="Profile and device" onClose={onClose} testId="profile-panel">
      <section className="pm-section pm-me">
        <span className="avatar avatar-lg" aria-hidden="true">
          {initials(me.displayName)}
        </span>
        <div className="pm-me-text">
          <span className="pm-name">{me.displayName}</span>
          <span className="subtle">
            {ROLE_LABELS[me.role]} · created {formatDateTime(me.createdAt)}
          </span>
          <span className="pm-fingerprint" title="The fingerprint of this profile’s signing key, kept in the OS keychain" data-testid="profile-fingerprint">
            Signing key {status ? (status.profileFingerprint ?? 'not created yet') : '…'}
          </span>
        </div>
      </section>

      <section className="pm-section" aria-label="Keys on this device">
        <h3>Keys on this device</h3>
        {statusError ? (
          <p className="form-error">{statusError}</p>
        ) : (
          <p className="subtle">
            Kept in {status?.backend ?? 'the OS keychain'}, never on disk. Database{' '}
            <KeyMark on={status?.keys.database} />, recording cache <KeyMark on={status?.keys.cacheMaster} />, audit seal{' '}
            <KeyMark on={status?.keys.auditAnchor} />, profile signing keys {status?.profileKeys ?? '…'}.
          </p>
        )}
      </section>

      <section className="pm-section">
        <h3>Remove my profile</h3>
        <RemoveRow
          label={`${me.displayName} (you)`}
          description="Removes your profile from this device and destroys its signing key. The audit trail keeps your name. This cannot be undone."
          confirmLabel="Remove my profile"
          testId="profile-remove-own"
          onConfirm={removeOwn}
          onError={(e) => reportError(e, 'profile.removeOwn')}
        />
      </section>

      {isAdmin && others.length > 0 && (
        <section className="pm-section">
          <h3>Other profiles on this device</h3>
          <ul className="pm-list">
            {others.map((p) => (
              <li key={p.id}>
                <RemoveRow
                  label={p.displayName}
                  meta={ROLE_LABELS[p.role]}
                  description={`Removes ${p.displayName} and destroys their signing key. This cannot be undone.`}
                  confirmLabel="Remove profile"
                  testId="profile-remove-other"
                  onConfirm={() => removeOther(p)}
                  onError={(e) => reportError(e, 'profile.remove')}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      {isAdmin && <DangerZone deviceName={session.device.name} onWiped={onWiped} />}
    </Modal>
  );
}

function KeyMark({ on }: { on: boolean | undefined }) {
  if (on === undefined) return <span>…</span>;
  return <span className={on ? 'pm-key-on' : 'pm-key-off'}>{on ? 'present' : 'absent'}</span>;
}

/** A removal that asks once more, in place: the first button reveals the consequence and the real one. */
function RemoveRow(props: {
  label: string;
  meta?: string;
  description: string;
  confirmLabel: string;
  testId: string;
  onConfirm: () => Promise<void>;
  onError: (e: unknown) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const go = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } catch (e) {
      props.onError(e);
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <div className={`pm-row${asking ? ' pm-row-asking' : ''}`} data-testid={props.testId}>
      <div className="pm-row-main">
        <span className="pm-row-label">
          {props.label}
          {props.meta && <span className="subtle"> · {props.meta}</span>}
        </span>
        {!asking && (
          <button type="button" className="btn btn-sm pm-danger-outline" onClick={() => setAsking(true)} data-testid={`${props.testId}-start`}>
            Remove…
          </button>
        )}
      </div>
      {asking && (
        <div className="pm-confirm" role="alert">
          <p>{props.description}</p>
          <div className="pm-actions">
            <button type="button" className="btn btn-sm" onClick={() => setAsking(false)} disabled={busy}>
              Cancel
            </button>
            <button ref={confirmRef} type="button" className="btn btn-sm pm-danger" onClick={() => void go()} disabled={busy} data-testid={`${props.testId}-confirm`}>
              {busy ? 'Removing…' : props.confirmLabel}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function DangerZone({ deviceName, onWiped }: { deviceName: string; onWiped: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const matches = typed.trim().toLowerCase() === DESTROY_CONFIRMATION;
  const destroy = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('vault.destroyLocalData', { confirm: DESTROY_CONFIRMATION });
      onWiped();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <section className="pm-section pm-danger-zone" aria-label="Danger zone" data-testid="danger-zone">
      <h3>Danger zone</h3>
      <div className="pm-row-main">
        <span>
          <span className="pm-row-label">Remove all local data from this device</span>
          <span className="subtle pm-block">
            Destroys every key this installation keeps in the keychain, then deletes its database, audit trail and recording cache from {deviceName}. The
            recording store is not touched.
          </span>
        </span>
        {!open && (
          <button type="button" className="btn btn-sm pm-danger-outline" onClick={() => setOpen(true)} data-testid="wipe-start">
            Remove all…
          </button>
        )}
      </div>
      {open && (
        <form
          className="pm-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            if (matches && !busy) void destroy();
          }}
        >
          <p>
            <strong>This cannot be undone.</strong> Every profile, the local audit trail and all cached audio on this device become unreadable at once,
            even in backups of these files.
          </p>
          <label className="field-label" htmlFor={inputId}>
            Type <code>{DESTROY_CONFIRMATION}</code> to confirm
          </label>
          <input
            id={inputId}
            className="input"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="wipe-confirm-text"
          />
          {error && <p className="form-error">{error}</p>}
          <div className="pm-actions">
            <button type="button" className="btn btn-sm" onClick={() => (setOpen(false), setTyped(''))} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="btn btn-sm pm-danger" disabled={!matches || busy} data-testid="wipe-confirm">
              {busy ? 'Removing…' : 'Remove all local data'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function WipedScreen() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="pm-wiped" role="alertdialog" aria-modal="true" aria-labelledby="pm-wiped-title" tabIndex={-1} ref={ref} data-testid="wiped">
      <div className="pm-wiped-card">
        <h1 id="pm-wiped-title">All local data was removed</h1>
        <p className="muted">
          Every key of this installation was destroyed and its files deleted. Close Earmark; the next start begins with a new, empty installation.
        </p>
      </div>
    </div>
  );
}
