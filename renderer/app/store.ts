// App-wide state: the session, which screen is showing, which recording is open, and the error banner.
import { create } from 'zustand';
import type { SessionInfo } from '../../shared/types';
import type { CommandName } from '../../shared/commands';
import { ROLE_LABELS } from '../../shared/permissions';
import { call, CallError, isCommandError } from '../api/client';
import { resetLibrary } from '../features/library/store';

export type Screen = 'library' | 'player' | 'audit';
export const SCREENS: readonly Screen[] = ['library', 'player', 'audit'];

export interface Notice {
  id: number;
  kind: 'error' | 'denied';
  title: string;
  message: string;
  command: CommandName | null;
}

interface AppState {
  session: SessionInfo | null;
  sessionError: string | null;
  screen: Screen;
  /** Screens that have been shown at least once (they stay mounted afterwards). */
  visited: Record<Screen, boolean>;
  openRecordingId: string | null;
  /** Bumped to ask the library to focus its search box. */
  focusSearchTick: number;
  notices: Notice[];

  loadSession(): Promise<void>;
  signOut(): Promise<void>;
  setScreen(screen: Screen): void;
  openRecording(id: string): void;
  focusSearch(): void;
  reportError(error: unknown, fallbackCommand?: CommandName): void;
  dismissNotice(id: number): void;
}

let noticeSeq = 0;

export const COMMAND_LABELS: Partial<Record<CommandName, string>> = {
  'session.get': 'Reading the session',
  'profile.create': 'Creating the profile',
  'profile.select': 'Switching profile',
  'profile.signOut': 'Switching profile',
  'library.search': 'Searching the library',
  'library.facets': 'Loading library filters',
  'recording.open': 'Opening the recording',
  'recording.play': 'Starting playback',
  'audit.list': 'Loading the audit trail',
  'audit.facets': 'Loading audit filters',
  'audit.verify': 'Verifying the audit trail',
  'store.status': 'Reading the store status',
  'store.reindex': 'Re-indexing the store',
};

export function deniedMessage(roleLabel: string): string {
  return `Your role (${roleLabel}) cannot do this`;
}

export const useApp = create<AppState>()((set, get) => ({
  session: null,
  sessionError: null,
  screen: 'library',
  visited: { library: true, player: false, audit: false },
  openRecordingId: null,
  focusSearchTick: 0,
  notices: [],

  async loadSession() {
    try {
      const session = await call('session.get', {});
      set({ session, sessionError: null });
    } catch (e) {
      set({ sessionError: e instanceof Error ? e.message : String(e) });
    }
  },

  async signOut() {
    try {
      await call('profile.signOut', {});
    } catch (e) {
      get().reportError(e, 'profile.signOut');
      return;
    }
    resetLibrary();
    set({ notices: [], openRecordingId: null, screen: 'library', visited: { library: true, player: false, audit: false } });
    await get().loadSession();
  },

  setScreen(screen) {
    set((s) => ({ screen, visited: { ...s.visited, [screen]: true } }));
  },

  openRecording(id) {
    set((s) => ({ openRecordingId: id, screen: 'player', visited: { ...s.visited, player: true } }));
  },

  focusSearch() {
    set((s) => ({ screen: 'library', focusSearchTick: s.focusSearchTick + 1 }));
  },

  reportError(error, fallbackCommand) {
    const command = error instanceof CallError ? error.command : (fallbackCommand ?? null);
    const what = (command && COMMAND_LABELS[command]) || 'The last action';
    let notice: Notice;
    if (isCommandError(error) && error.code === 'denied') {
      const role = get().session?.principal ?? 'guest';
      notice = { id: ++noticeSeq, kind: 'denied', title: deniedMessage(ROLE_LABELS[role]), message: `${what} was refused: ${error.message}`, command };
    } else {
      const message = error instanceof Error ? error.message : String(error);
      notice = { id: ++noticeSeq, kind: 'error', title: `${what} failed`, message, command };
    }
    // Keep the banner short: the newest three.
    set((s) => ({ notices: [...s.notices.filter((n) => n.message !== notice.message || n.title !== notice.title), notice].slice(-3) }));
  },

  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));
