import { useEffect } from 'react';
import { useApp, visibleScreens } from './store';
import { TopBar } from './TopBar';
import { StatusBar } from './StatusBar';
import { NoticeBanner } from './NoticeBanner';
import { ProfileGate } from '../features/profile/ProfileGate';
import { LibraryScreen } from '../features/library/LibraryScreen';
import { PlayerScreen } from '../features/player/PlayerScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { QaScreens } from '../features/qa-common/QaScreens';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ClipsScreen } from '../features/clips/ClipsScreen';
import { LegalScreen } from '../features/legal/LegalScreen';
import { isTypingTarget } from '../lib/keys';
import './app.css';

export function App() {
  const session = useApp((s) => s.session);
  const sessionError = useApp((s) => s.sessionError);
  const screen = useApp((s) => s.screen);
  const visited = useApp((s) => s.visited);
  const loadSession = useApp((s) => s.loadSession);
  const profileId = session?.profile?.id ?? null;

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  // Global shortcuts: Ctrl/Cmd+1…9 switch between the screens the role can see, "/" jumps to the library search.
  useEffect(() => {
    if (!profileId) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && /^[1-9]$/.test(e.key)) {
        const target = visibleScreens(useApp.getState().session?.permissions ?? [])[Number(e.key) - 1];
        if (!target) return;
        e.preventDefault();
        useApp.getState().setScreen(target);
        return;
      }
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        useApp.getState().focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [profileId]);

  if (!session) {
    return (
      <div className="boot">
        {sessionError ? (
          <div className="boot-card">
            <h1>Earmark could not start</h1>
            <p className="muted">{sessionError}</p>
            <button className="btn" type="button" onClick={() => void loadSession()}>
              Try again
            </button>
          </div>
        ) : (
          <div className="boot-loading">
            <span className="spinner" aria-hidden="true" /> Starting Earmark…
          </div>
        )}
        <NoticeBanner />
      </div>
    );
  }

  if (!session.profile) {
    return (
      <>
        <ProfileGate session={session} />
        <NoticeBanner />
      </>
    );
  }

  // Screens stay mounted once visited (the library keeps its scroll position and page cache, the
  // player keeps playing); keying on the profile resets everything when someone else signs in.
  return (
    <div className="shell" key={profileId ?? 'none'}>
      <TopBar session={session} />
      <NoticeBanner />
      <main className="screens">
        <section className="screen" hidden={screen !== 'library'} aria-label="Library">
          <LibraryScreen active={screen === 'library'} />
        </section>
        {visited.player && (
          <section className="screen" hidden={screen !== 'player'} aria-label="Player">
            <PlayerScreen active={screen === 'player'} />
          </section>
        )}
        {visited.audit && (
          <section className="screen" hidden={screen !== 'audit'} aria-label="Audit trail">
            <AuditScreen active={screen === 'audit'} />
          </section>
        )}
        {visited.clips && (
          <section className="screen" hidden={screen !== 'clips'} aria-label="Training clips">
            <ClipsScreen active={screen === 'clips'} />
          </section>
        )}
        <QaScreens screen={screen} visited={visited} />
        {visited.legal && (
          <section className="screen" hidden={screen !== 'legal'} aria-label="Legal and compliance">
            <LegalScreen active={screen === 'legal'} />
          </section>
        )}
        {visited.settings && (
          <section className="screen" hidden={screen !== 'settings'} aria-label="Settings">
            <SettingsScreen active={screen === 'settings'} />
          </section>
        )}
      </main>
      <StatusBar session={session} />
    </div>
  );
}
