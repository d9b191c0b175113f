// Redaction marks, training clips and legal holds of the recording open in the player. One store so
// the waveform regions, the review list, the transcript highlight and the export dialog all agree;
// it is reset whenever another recording opens.
import { create } from 'zustand';
import type { CommandName } from '../../../shared/commands';
import type { Transcript } from '../../../shared/player-types';
import type { Clip, LegalHold, RedactionMark, RedactionReason } from '../../../shared/redaction-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { acceptedKey, nextAfterReview, reviewOrder } from './redaction-model';

interface RedactionState {
  recordingId: string | null;
  marks: RedactionMark[];
  clips: Clip[];
  /** Active holds, or null when the profile may not see holds. */
  holds: LegalHold[] | null;
  loaded: boolean;
  selectedId: string | null;
  selectedClipId: string | null;
  suggesting: boolean;
  /** Set after a suggestion run: how many new items it found (shown until the next run). */
  lastSuggest: { found: number } | null;
  showRedacted: boolean;
  redacted: { key: string; transcript: Transcript | null } | null;

  open(recordingId: string, opts: { holds: boolean }): Promise<void>;
  select(id: string | null): void;
  selectClip(id: string | null): void;
  suggest(): Promise<void>;
  add(input: { start: number; end: number; channels: number[] | null; reason: RedactionReason }): Promise<RedactionMark | null>;
  update(id: string, patch: { start?: number; end?: number; channels?: number[] | null; reason?: RedactionReason }): Promise<boolean>;
  review(id: string, decision: 'accept' | 'reject'): Promise<void>;
  acceptAll(): Promise<void>;
  remove(id: string): Promise<void>;
  createClip(input: { start: number; end: number; title: string; notes: string; tags: string[] }): Promise<Clip | null>;
  deleteClip(id: string): Promise<void>;
  placeHold(caseRef: string, reason: string): Promise<LegalHold | null>;
  setShowRedacted(on: boolean): void;
  refreshRedacted(): Promise<void>;
}

const report = (e: unknown, command: CommandName) => useApp.getState().reportError(e, command);

export const useRedaction = create<RedactionState>()((set, get) => {
  /** Ignore answers for a recording that is no longer open. */
  const still = (id: string) => get().recordingId === id;
  const replace = (mark: RedactionMark) => set((s) => ({ marks: s.marks.some((m) => m.id === mark.id) ? s.marks.map((m) => (m.id === mark.id ? mark : m)) : [...s.marks, mark] }));
  const afterChange = () => {
    if (get().showRedacted) void get().refreshRedacted();
  };

  return {
    recordingId: null,
    marks: [],
    clips: [],
    holds: null,
    loaded: false,
    selectedId: null,
    selectedClipId: null,
    suggesting: false,
    lastSuggest: null,
    showRedacted: false,
    redacted: null,

    async open(recordingId, opts) {
      set({ recordingId, marks: [], clips: [], holds: null, loaded: false, selectedId: null, selectedClipId: null, lastSuggest: null, redacted: null, suggesting: false });
      try {
        const [marks, clips, holds] = await Promise.all([
          call('redaction.list', { recordingId }),
          call('clips.list', { recordingId }),
          opts.holds ? call('legal.holds', { recordingId, includeReleased: false }) : Promise.resolve(null),
        ]);
        if (!still(recordingId)) return;
        set({ marks, clips, holds, loaded: true });
        afterChange();
      } catch (e) {
        if (still(recordingId)) set({ loaded: true });
        report(e, 'redaction.list');
      }
    },

    select(id) {
      set({ selectedId: id });
    },
    selectClip(id) {
      set({ selectedClipId: id });
    },

    async suggest() {
      const id = get().recordingId;
      if (!id || get().suggesting) return;
      set({ suggesting: true });
      try {
        const before = new Set(get().marks.map((m) => m.id));
        await call('redaction.suggest', { recordingId: id });
        // The list holds every mark (suggest answers with the detector's, old and new).
        const marks = await call('redaction.list', { recordingId: id });
        if (!still(id)) return;
        const fresh = marks.filter((m) => !before.has(m.id) && m.status === 'suggested');
        const first = reviewOrder(marks).find((m) => m.status === 'suggested');
        set({ marks, lastSuggest: { found: fresh.length }, selectedId: first ? first.id : get().selectedId });
      } catch (e) {
        report(e, 'redaction.suggest');
      } finally {
        if (still(id)) set({ suggesting: false });
      }
    },

    async add(input) {
      const id = get().recordingId;
      if (!id) return null;
      try {
        const mark = await call('redaction.add', { recordingId: id, ...input });
        if (!still(id)) return null;
        replace(mark);
        set({ selectedId: mark.id });
        afterChange();
        return mark;
      } catch (e) {
        report(e, 'redaction.add');
        return null;
      }
    },

    async update(markId, patch) {
      try {
        const mark = await call('redaction.update', { id: markId, ...patch });
        replace(mark);
        afterChange();
        return true;
      } catch (e) {
        report(e, 'redaction.update');
        return false;
      }
    },

    async review(markId, decision) {
      const before = reviewOrder(get().marks);
      try {
        const mark = await call('redaction.review', { id: markId, decision });
        replace(mark);
        const after = get().marks;
        // Keyboard review moves on to the next pending suggestion; when none is left, nothing stays selected.
        set({ selectedId: after.some((m) => m.status === 'suggested') ? nextAfterReview(before, markId, after) : null });
        afterChange();
      } catch (e) {
        report(e, 'redaction.review');
      }
    },

    async acceptAll() {
      const pending = reviewOrder(get().marks).filter((m) => m.status === 'suggested');
      for (const m of pending) {
        try {
          replace(await call('redaction.review', { id: m.id, decision: 'accept' }));
        } catch (e) {
          report(e, 'redaction.review');
          break;
        }
      }
      afterChange();
    },

    async remove(markId) {
      try {
        await call('redaction.remove', { id: markId });
        set((s) => ({ marks: s.marks.filter((m) => m.id !== markId), selectedId: s.selectedId === markId ? null : s.selectedId }));
        afterChange();
      } catch (e) {
        report(e, 'redaction.remove');
      }
    },

    async createClip(input) {
      const id = get().recordingId;
      if (!id) return null;
      try {
        const clip = await call('clips.create', { recordingId: id, ...input });
        if (still(id)) set((s) => ({ clips: [...s.clips, clip].sort((a, b) => a.start - b.start), selectedClipId: clip.id }));
        return clip;
      } catch (e) {
        report(e, 'clips.create');
        return null;
      }
    },

    async deleteClip(clipId) {
      try {
        await call('clips.delete', { id: clipId });
        set((s) => ({ clips: s.clips.filter((c) => c.id !== clipId), selectedClipId: s.selectedClipId === clipId ? null : s.selectedClipId }));
      } catch (e) {
        report(e, 'clips.delete');
      }
    },

    async placeHold(caseRef, reason) {
      const id = get().recordingId;
      if (!id) return null;
      try {
        const hold = await call('legal.hold.place', { recordingId: id, caseRef, reason });
        if (still(id)) set((s) => ({ holds: [...(s.holds ?? []), hold] }));
        return hold;
      } catch (e) {
        report(e, 'legal.hold.place');
        return null;
      }
    },

    setShowRedacted(on) {
      set({ showRedacted: on });
      if (on) void get().refreshRedacted();
    },

    async refreshRedacted() {
      const id = get().recordingId;
      if (!id) return;
      const key = `${id}#${acceptedKey(get().marks)}`;
      if (get().redacted?.key === key) return;
      try {
        const transcript = await call('redaction.transcript', { recordingId: id });
        if (still(id) && `${id}#${acceptedKey(get().marks)}` === key) set({ redacted: { key, transcript } });
      } catch (e) {
        report(e, 'redaction.transcript');
      }
    },
  };
});
