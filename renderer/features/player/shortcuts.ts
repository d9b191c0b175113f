// The player's keyboard map: one table drives both the key handler and the help overlay (?), so the
// overlay can never list a key that does nothing.

export type PlayerAction =
  | 'toggle'
  | 'pause'
  | 'shuttleForward'
  | 'shuttleReverse'
  | 'back5'
  | 'forward5'
  | 'back1'
  | 'forward1'
  | 'start'
  | 'end'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomFit'
  | 'slower'
  | 'faster'
  | 'nextComment'
  | 'prevComment'
  | 'nextRedaction'
  | 'prevRedaction'
  | 'nextSilence'
  | 'prevSilence'
  | 'loopIn'
  | 'loopOut'
  | 'toggleLoop'
  | 'clearLoop'
  | 'muteLane1'
  | 'muteLane2'
  | 'soloLane1'
  | 'soloLane2'
  | 'findInTranscript'
  | 'help';

export interface Shortcut {
  action: PlayerAction;
  keys: string[];
  label: string;
  group: 'Playback' | 'Navigate' | 'Zoom' | 'Loop' | 'Lanes' | 'Other';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'toggle', keys: ['Space'], label: 'Play / pause', group: 'Playback' },
  { action: 'shuttleReverse', keys: ['J'], label: 'Rewind (press again: faster)', group: 'Playback' },
  { action: 'pause', keys: ['K'], label: 'Pause', group: 'Playback' },
  { action: 'shuttleForward', keys: ['L'], label: 'Play (press again: faster)', group: 'Playback' },
  { action: 'slower', keys: ['<'], label: 'Slower', group: 'Playback' },
  { action: 'faster', keys: ['>'], label: 'Faster', group: 'Playback' },
  { action: 'back5', keys: ['←'], label: 'Back 5 s', group: 'Navigate' },
  { action: 'forward5', keys: ['→'], label: 'Forward 5 s', group: 'Navigate' },
  { action: 'back1', keys: ['Shift', '←'], label: 'Back 1 s', group: 'Navigate' },
  { action: 'forward1', keys: ['Shift', '→'], label: 'Forward 1 s', group: 'Navigate' },
  { action: 'start', keys: ['Home'], label: 'Start of the call', group: 'Navigate' },
  { action: 'end', keys: ['End'], label: 'End of the call', group: 'Navigate' },
  { action: 'nextComment', keys: ['C'], label: 'Next comment', group: 'Navigate' },
  { action: 'prevComment', keys: ['Shift', 'C'], label: 'Previous comment', group: 'Navigate' },
  { action: 'nextRedaction', keys: ['R'], label: 'Next redaction', group: 'Navigate' },
  { action: 'prevRedaction', keys: ['Shift', 'R'], label: 'Previous redaction', group: 'Navigate' },
  { action: 'nextSilence', keys: ['S'], label: 'Next dead air', group: 'Navigate' },
  { action: 'prevSilence', keys: ['Shift', 'S'], label: 'Previous dead air', group: 'Navigate' },
  { action: 'zoomIn', keys: ['+'], label: 'Zoom in', group: 'Zoom' },
  { action: 'zoomOut', keys: ['−'], label: 'Zoom out', group: 'Zoom' },
  { action: 'zoomFit', keys: ['0'], label: 'Whole call', group: 'Zoom' },
  { action: 'loopIn', keys: ['I'], label: 'Loop starts here', group: 'Loop' },
  { action: 'loopOut', keys: ['O'], label: 'Loop ends here', group: 'Loop' },
  { action: 'toggleLoop', keys: ['Shift', 'L'], label: 'Loop on / off', group: 'Loop' },
  { action: 'clearLoop', keys: ['Esc'], label: 'Clear the loop region', group: 'Loop' },
  { action: 'muteLane1', keys: ['1'], label: 'Mute lane 1 (agent)', group: 'Lanes' },
  { action: 'muteLane2', keys: ['2'], label: 'Mute lane 2 (customer)', group: 'Lanes' },
  { action: 'soloLane1', keys: ['Shift', '1'], label: 'Solo lane 1', group: 'Lanes' },
  { action: 'soloLane2', keys: ['Shift', '2'], label: 'Solo lane 2', group: 'Lanes' },
  { action: 'findInTranscript', keys: ['Ctrl', 'F'], label: 'Search the transcript', group: 'Other' },
  { action: 'help', keys: ['?'], label: 'Show / hide these shortcuts', group: 'Other' },
];

export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The action a key press asks for, or null. */
export function actionForKey(e: KeyLike): PlayerAction | null {
  if (e.altKey) return null;
  if (e.ctrlKey || e.metaKey) return e.key.toLowerCase() === 'f' && !e.shiftKey ? 'findInTranscript' : null;
  // Digits by physical key: Shift+1 is "!" on some layouts and "1" on others.
  if (e.code === 'Digit1' || e.code === 'Numpad1') return e.shiftKey ? 'soloLane1' : 'muteLane1';
  if (e.code === 'Digit2' || e.code === 'Numpad2') return e.shiftKey ? 'soloLane2' : 'muteLane2';
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return 'toggle';
    case 'ArrowLeft':
      return e.shiftKey ? 'back1' : 'back5';
    case 'ArrowRight':
      return e.shiftKey ? 'forward1' : 'forward5';
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
    case '_':
      return 'zoomOut';
    case '0':
      return 'zoomFit';
    case '<':
    case ',':
      return 'slower';
    case '>':
    case '.':
      return 'faster';
    case '?':
      return 'help';
    case 'Escape':
      return 'clearLoop';
  }
  switch (e.key.toLowerCase()) {
    case 'j':
      return 'shuttleReverse';
    case 'k':
      return 'pause';
    case 'l':
      return e.shiftKey ? 'toggleLoop' : 'shuttleForward';
    case 'c':
      return e.shiftKey ? 'prevComment' : 'nextComment';
    case 'r':
      return e.shiftKey ? 'prevRedaction' : 'nextRedaction';
    case 's':
      return e.shiftKey ? 'prevSilence' : 'nextSilence';
    case 'i':
      return 'loopIn';
    case 'o':
      return 'loopOut';
  }
  return null;
}
