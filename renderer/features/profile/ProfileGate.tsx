// First run and profile switching: create a local profile, or continue as an existing one.
import { useState, type FormEvent } from 'react';
import type { Profile, SessionInfo } from '../../../shared/types';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '../../../shared/permissions';
import { call, isCommandError } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime } from '../../lib/format';
import './profile.css';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function ProfileGate({ session }: { session: SessionInfo }) {
  const existing = session.profiles;
  const [creating, setCreating] = useState(existing.length === 0);

  return (
    <div className="gate">
      <div className="gate-brand">
        <span className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 20 20" width="18" height="18">
            <rect x="2" y="8" width="2.4" height="4" rx="1.2" />
            <rect x="6" y="5" width="2.4" height="10" rx="1.2" />
            <rect x="10" y="2" width="2.4" height="16" rx="1.2" />
            <rect x="14" y="6" width="2.4" height="8" rx="1.2" />
          </svg>
        </span>
        <span className="brand-name">Earmark</span>
      </div>
      <div className="gate-card">
        {creating ? (
          <CreateProfile onCancel={existing.length > 0 ? () => setCreating(false) : undefined} />
        ) : (
          <ChooseProfile profiles={existing} onCreate={() => setCreating(true)} />
        )}
      </div>
      <p className="gate-foot subtle">
        Profiles are local to this device ({session.device.name}). Every action is recorded in the audit trail under the active profile.
      </p>
    </div>
  );
}

function ChooseProfile({ profiles, onCreate }: { profiles: Profile[]; onCreate: () => void }) {
  const loadSession = useApp((s) => s.loadSession);
  const reportError = useApp((s) => s.reportError);
  const [busy, setBusy] = useState<string | null>(null);

  const select = async (p: Profile) => {
    setBusy(p.id);
    try {
      await call('profile.select', { profileId: p.id });
      useApp.setState({ notices: [] });
      await loadSession();
    } catch (e) {
      reportError(e, 'profile.select');
      setBusy(null);
    }
  };

  return (
    <>
      <div className="gate-head">
        <h1>Choose a profile</h1>
        <p className="muted">Continue as one of the profiles on this device, or create a new one.</p>
      </div>
      <ul className="profile-list">
        {profiles.map((p) => (
          <li key={p.id}>
            <button type="button" className="profile-item" data-testid="profile-select" data-id={p.id} disabled={busy !== null} onClick={() => void select(p)}>
              <span className="avatar avatar-lg" aria-hidden="true">
                {initials(p.displayName) || '?'}
              </span>
              <span className="profile-item-text">
                <span className="profile-item-name">{p.displayName}</span>
                <span className="profile-item-meta">
                  {ROLE_LABELS[p.role]} · created {formatDateTime(p.createdAt)}
                </span>
              </span>
              {busy === p.id ? <span className="spinner" aria-hidden="true" /> : <span className="profile-item-go" aria-hidden="true">→</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="gate-actions">
        <button type="button" className="btn" onClick={onCreate} data-testid="profile-new">
          + Create a new profile
        </button>
      </div>
    </>
  );
}

function CreateProfile({ onCancel }: { onCancel?: () => void }) {
  const loadSession = useApp((s) => s.loadSession);
  const reportError = useApp((s) => s.reportError);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setIssues({});
    try {
      // The main process validates; its issues are shown next to the fields they concern.
      await call('profile.create', { displayName: name, role: role as Role });
      useApp.setState({ notices: [] });
      await loadSession();
    } catch (err) {
      setBusy(false);
      if (isCommandError(err) && err.code === 'invalid_input') {
        const next: Record<string, string> = {};
        for (const issue of err.issues ?? []) {
          const key = issue.path === 'displayName' || issue.path === 'role' ? issue.path : 'form';
          if (!next[key]) next[key] = key === 'role' && !role ? 'choose a role' : issue.message;
        }
        if (Object.keys(next).length === 0) next.form = err.message;
        setIssues(next);
      } else {
        reportError(err, 'profile.create');
      }
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="gate-head">
        <h1>Create your local profile</h1>
        <p className="muted">Your name and role decide what you can do here, and label your actions in the audit trail.</p>
      </div>

      <div className="field">
        <label className="field-label" htmlFor="profile-name">
          Display name
        </label>
        <input
          id="profile-name"
          className="input input-lg"
          data-testid="profile-name"
          autoFocus
          autoComplete="off"
          maxLength={120}
          placeholder="e.g. Dana Whitfield"
          value={name}
          aria-invalid={issues.displayName ? true : undefined}
          aria-describedby={issues.displayName ? 'profile-name-error' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            if (issues.displayName) setIssues(({ displayName: _, ...rest }) => rest);
          }}
        />
        {issues.displayName && (
          <span className="field-error" id="profile-name-error" data-testid="profile-name-error">
            {capitalizeFirst(issues.displayName)}
          </span>
        )}
      </div>

      <fieldset className="roles" aria-describedby={issues.role ? 'profile-role-error' : undefined}>
        <legend className="field-label">Role</legend>
        <div className="role-grid">
          {ROLES.map((r) => (
            <label key={r} className={`role-card${role === r ? ' checked' : ''}`}>
              <input
                type="radio"
                name="role"
                value={r}
                data-testid={`role-${r}`}
                checked={role === r}
                onChange={() => {
                  setRole(r);
                  if (issues.role) setIssues(({ role: _, ...rest }) => rest);
                }}
              />
              <span className="role-text">
                <span className="role-name">{ROLE_LABELS[r]}</span>
                <span className="role-desc">{ROLE_DESCRIPTIONS[r]}</span>
              </span>
            </label>
          ))}
        </div>
        {issues.role && (
          <span className="field-error" id="profile-role-error" data-testid="profile-role-error">
            {capitalizeFirst(issues.role)}
          </span>
        )}
      </fieldset>

      {issues.form && <div className="form-error">{issues.form}</div>}

      <div className="gate-actions">
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Back to profiles
          </button>
        )}
        <span className="topbar-spacer" />
        <button type="submit" className="btn btn-primary btn-lg" data-testid="profile-create" disabled={busy}>
          {busy ? 'Creating…' : 'Create profile'}
        </button>
      </div>
    </form>
  );
}

function capitalizeFirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
