// App-wide state: the session, which screen is showing, which recording is open, and the error banner.
import { create } from 'zustand';
import type { SessionInfo } from '../../shared/types';
import type { CommandName } from '../../shared/commands';
import { ROLE_LABELS, type Permission } from '../../shared/permissions';
import { call, CallError, isCommandError } from '../api/client';
import { resetLibrary } from '../features/library/store';

export type Screen = 'library' | 'player' | 'clips' | 'evaluations' | 'calibration' | 'reports' | 'forms' | 'legal' | 'audit' | 'settings';
/** In the top bar's order; Ctrl/Cmd+1…9 pick among the ones the role can see. */
export const SCREENS: readonly Screen[] = ['library', 'player', 'clips', 'evaluations', 'calibration', 'reports', 'forms', 'legal', 'audit', 'settings'];
/** Screens only some roles get (the top bar hides them, Ctrl+number skips them). */
export const SCREEN_PERMISSION: Partial<Record<Screen, Permission>> = {
  clips: 'recording.listen',
  evaluations: 'qa.evaluate',
  calibration: 'qa.calibrate',
  reports: 'qa.reports',
  forms: 'qa.forms.manage',
  legal: 'watermark.identify',
  settings: 'cache.read',
};

export const SCREEN_LABELS: Record<Screen, string> = {
  library: 'Library',
  player: 'Player',
  clips: 'Clips',
  evaluations: 'Evaluations',
  calibration: 'Calibration',
  reports: 'Reports',
  forms: 'Forms',
  legal: 'Legal',
  audit: 'Audit',
  settings: 'Settings',
};

/** The screens a session may see, in top-bar order. */
export function visibleScreens(permissions: readonly Permission[]): Screen[] {
  return SCREENS.filter((s) => !SCREEN_PERMISSION[s] || permissions.includes(SCREEN_PERMISSION[s]!));
}

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
  visited: Partial<Record<Screen, boolean>>;
  openRecordingId: string | null;
  /**
   * Where the player should start the open recording (seconds), e.g. a transcript search hit; null
   * for the beginning. `seq` changes on every openRecording call, so opening the same call at another
   * moment is a new request: the player seeks once per seq.
   */
  openAt: { atSec: number | null; seq: number };
  /** Bumped to ask the library to focus its search box. */
  focusSearchTick: number;
  notices: Notice[];

  loadSession(): Promise<void>;
  signOut(): Promise<void>;
  setScreen(screen: Screen): void;
  openRecording(id: string, opts?: { atSec?: number }): void;
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
  'recording.transcript': 'Loading the transcript',
  'transcripts.search': 'Searching transcripts',
  'cache.stats': 'Reading the recording cache',
  'cache.clear': 'Clearing the recording cache',
  'cache.setLimits': 'Saving the cache limits',
  'cache.cancelDownload': 'Cancelling the download',
  'qa.forms.list': 'Loading evaluation forms',
  'qa.forms.get': 'Opening the form',
  'qa.forms.create': 'Creating the form',
  'qa.forms.saveDraft': 'Saving the form',
  'qa.forms.publish': 'Publishing the form',
  'qa.forms.import': 'Importing forms',
  'qa.forms.export': 'Exporting forms',
  'qa.evaluations.start': 'Starting the evaluation',
  'qa.evaluations.get': 'Opening the evaluation',
  'qa.evaluations.saveDraft': 'Saving the evaluation draft',
  'qa.evaluations.submit': 'Submitting the evaluation',
  'qa.evaluations.amend': 'Amending the evaluation',
  'qa.comments.add': 'Pinning the comment',
  'qa.review.record': "Recording the agent's review",
  'qa.review.resolve': 'Resolving the dispute',
  'qa.samples.draw': 'Drawing the sample',
  'qa.calibration.create': 'Creating the calibration session',
  'qa.calibration.view': 'Loading the calibration comparison',
  'qa.reports.run': 'Running the QA report',
  'qa.reports.exportCsv': 'Exporting the CSV',
  'analytics.settings': 'Reading the talk analytics settings',
  'analytics.configure': 'Saving the dead-air threshold',
  'redaction.list': 'Loading redactions',
  'redaction.suggest': 'Suggesting redactions',
  'redaction.add': 'Marking the redaction',
  'redaction.update': 'Changing the redaction',
  'redaction.review': 'Reviewing the suggestion',
  'redaction.remove': 'Removing the redaction',
  'redaction.transcript': 'Loading the redacted transcript',
  'clips.list': 'Loading training clips',
  'clips.create': 'Saving the clip',
  'clips.update': 'Saving the clip',
  'clips.delete': 'Deleting the clip',
  'playlists.save': 'Saving the playlist',
  'playlists.delete': 'Deleting the playlist',
  'export.audio': 'Exporting audio',
  'export.cancel': 'Cancelling the export',
  'watermark.identify': 'Reading the watermark',
  'legal.holds': 'Loading legal holds',
  'legal.hold.place': 'Placing the legal hold',
  'legal.hold.release': 'Releasing the legal hold',
  'evidence.export': 'Exporting the evidence package',
  'evidence.list': 'Loading evidence packages',
  'evidence.verify': 'Verifying the evidence package',
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
  openAt: { atSec: null, seq: 0 },
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

  openRecording(id, opts) {
    const atSec = opts?.atSec !== undefined && Number.isFinite(opts.atSec) && opts.atSec >= 0 ? opts.atSec : null;
    set((s) => ({ openRecordingId: id, openAt: { atSec, seq: s.openAt.seq + 1 }, screen: 'player', visited: { ...s.visited, player: true } }));
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
