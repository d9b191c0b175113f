import type { SessionInfo } from '../../shared/types';
import { useApp, SCREEN_PERMISSION, type Screen } from './store';
import { ProfileMenu } from '../features/profile/ProfileMenu';

const NAV: { screen: Screen; label: string; key: string }[] = [
  { screen: 'library', label: 'Library', key: '1' },
  { screen: 'player', label: 'Player', key: '2' },
  { screen: 'audit', label: 'Audit', key: '3' },
  { screen: 'evaluations', label: 'Evaluations', key: '4' },
  { screen: 'calibration', label: 'Calibration', key: '5' },
  { screen: 'reports', label: 'Reports', key: '6' },
  { screen: 'forms', label: 'Forms', key: '7' },
  { screen: 'settings', label: 'Settings', key: '8' },
];

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function TopBar({ session }: { session: SessionInfo }) {
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  const signOut = useApp((s) => s.signOut);

  return (
    <header className="topbar">
      <div className="brand">
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
      <nav className="nav" aria-label="Screens">
        {NAV.filter((n) => !SCREEN_PERMISSION[n.screen] || session.permissions.includes(SCREEN_PERMISSION[n.screen]!)).map((n) => (
          <button
            key={n.screen}
            type="button"
            className={`nav-item${screen === n.screen ? ' active' : ''}`}
            aria-current={screen === n.screen ? 'page' : undefined}
            data-testid={`nav-${n.screen}`}
            title={`${n.label} (${isMac ? '⌘' : 'Ctrl+'}${n.key})`}
            onClick={() => setScreen(n.screen)}
          >
            {n.label}
          </button>
        ))}
      </nav>
      <div className="topbar-spacer" />
      {session.store.isDemo && (
        <span className="chip chip-warn demo-badge" title={session.store.root}>
          Demo store
        </span>
      )}
      <ProfileMenu session={session} />
      <button type="button" className="btn btn-sm" onClick={() => void signOut()}>
        Switch profile
      </button>
    </header>
  );
}
