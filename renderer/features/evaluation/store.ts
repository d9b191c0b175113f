// Which evaluation the player's evaluation panel should open next. Other screens (the evaluation
// queue, calibration) ask for one and switch to the player; the panel picks the request up when the
// recording it names is open.
import { create } from 'zustand';
import { useApp } from '../../app/store';

export interface EvaluationIntent {
  recordingId: string;
  /** Open this existing evaluation. */
  evaluationId?: string;
  /** Start (or resume) an evaluation with this form… */
  formId?: string;
  /** …for this sampled call. */
  sampleItemId?: string;
  /** Join this calibration session (start or resume one's own blind evaluation). */
  calibrationSessionId?: string;
}

interface EvaluationState {
  intent: EvaluationIntent | null;
  /** Bumped whenever the panel should reload lists (something was submitted elsewhere). */
  changedTick: number;
  request(intent: EvaluationIntent): void;
  take(recordingId: string): EvaluationIntent | null;
  changed(): void;
}

export const useEvaluation = create<EvaluationState>()((set, get) => ({
  intent: null,
  changedTick: 0,
  request(intent) {
    set({ intent });
    useApp.getState().openRecording(intent.recordingId);
  },
  take(recordingId) {
    const intent = get().intent;
    if (!intent || intent.recordingId !== recordingId) return null;
    set({ intent: null });
    return intent;
  },
  changed() {
    set((s) => ({ changedTick: s.changedTick + 1 }));
  },
}));
