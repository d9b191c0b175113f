// The player's plug-in points for other features. Comments (pins at a moment) and redactions
// (spans, optionally on one channel) are published here by the feature that owns them, keyed by that
// feature's name; the player draws them on the waveform, makes them clickable and lets the keyboard
// jump between them. Features also get a small handle on the open player (current time, seek).
//
//   usePlayerOverlays.getState().setLayer('comments', { recordingId, markers: [...] })
//   usePlayerOverlays.getState().setLayer('comments', null)          // on unmount
//   playerHandle()?.seek(134.2, { play: true })
import { create } from 'zustand';

export type MarkerKind = 'comment' | 'bookmark';
export type RegionKind = 'redaction' | 'dead-air' | 'overtalk' | 'monologue' | 'highlight';

/** A pin at one moment (issue 5: time-stamped comments). */
export interface WaveformMarker {
  id: string;
  time: number;
  kind: MarkerKind;
  /** Shown as the pin's tooltip and accessible name. */
  label: string;
  /** CSS colour; defaults by kind. */
  color?: string;
}

/** A span of the call, on one channel or on all of them (issue 6: redactions per channel). */
export interface WaveformRegion {
  id: string;
  start: number;
  end: number;
  kind: RegionKind;
  /** 0-based audio channel, or null for every lane. */
  channel: number | null;
  label?: string;
  color?: string;
  /** Extra CSS classes for the drawn band (issue 6: accepted vs suggested vs selected redactions). */
  className?: string;
}

/** A feature's keyboard shortcut, listed in the player's "?" overlay under its group. */
export interface FeatureShortcut {
  keys: string[];
  label: string;
  group: string;
}

export interface OverlayLayer {
  /** The recording these belong to; layers for another recording are ignored. */
  recordingId: string;
  markers?: WaveformMarker[];
  regions?: WaveformRegion[];
  /** Called when a marker or region of this layer is clicked (after the player seeks to it). */
  onActivate?: (item: { marker?: WaveformMarker; region?: WaveformRegion }) => void;
  /** Keys this feature handles while the player shows (issue 6), for the help overlay. */
  shortcuts?: FeatureShortcut[];
}

/** The span selected on the waveform (the loop region), for features that act on a selection. */
export interface PlayerSelection {
  recordingId: string;
  start: number;
  end: number;
}

interface OverlayState {
  layers: Record<string, OverlayLayer>;
  setLayer(key: string, layer: OverlayLayer | null): void;
  selection: PlayerSelection | null;
  setSelection(selection: PlayerSelection | null): void;
}

export const usePlayerOverlays = create<OverlayState>()((set) => ({
  layers: {},
  setLayer(key, layer) {
    set((s) => {
      const layers = { ...s.layers };
      if (layer) layers[key] = layer;
      else delete layers[key];
      return { layers };
    });
  },
  selection: null,
  setSelection(selection) {
    set({ selection });
  },
}));

export interface PlayerHandle {
  recordingId: string;
  getTime(): number;
  getDuration(): number;
  seek(sec: number, opts?: { play?: boolean }): void;
  /** Select (and loop) a span of the call, or clear the selection. */
  select(span: { start: number; end: number } | null): void;
}

let current: PlayerHandle | null = null;

/** The open player, if a recording is open (for features that pin things to "now"). */
export function playerHandle(): PlayerHandle | null {
  return current;
}

export function setPlayerHandle(handle: PlayerHandle | null): void {
  current = handle;
}
