import type { SessionInfo } from '../../shared/types';
import { useApp, SCREEN_LABELS, visibleScreens } from './store';
import { ProfileMenu } from '../features/profile/ProfileMenu';


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
        {visibleScreens(session.permissions).map((screenId, i) => (
          <button
            key={screenId}
            type="button"
            className={`nav-item${screen === screenId ? ' active' : ''}`}
            aria-current={screen === screenId ? 'page' : undefined}
            data-testid={`nav-${screenId}`}
            title={i < 9 ? `${SCREEN_LABELS[screenId]} (${isMac ? '⌘' : 'Ctrl+'}${i + 1})` : SCREEN_LABELS[screenId]}
            onClick={() => setScreen(screenId)}
          >
            {SCREEN_LABELS[screenId]}
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
