// Turns a call script ("agent says X, customer says Y, hold…") into a timeline of who speaks when,
// with the small irregularities of real calls: uneven turn gaps, someone starting before the
// other has finished, the odd pause while an agent types.
import type { Random } from './random';
import { SPEECH_RATE, type Phrase, type Speaker } from './speech-assets';

export interface Placement {
  phraseId: string;
  speaker: Speaker;
  text: string;
  startFrame: number;
  frames: number;
}

export interface Timeline {
  placements: Placement[];
  /** Stretches (in frames) when neither side says anything on purpose: holds and long pauses. */
  silences: { startFrame: number; endFrame: number }[];
  /** Always a whole number of tenths of a second, so the duration is exact to one decimal. */
  totalFrames: number;
}

export interface ScriptBuilder {
  readonly rnd: Random;
  /** Whether the recording announcement is played on this call. */
  readonly announcement: boolean;
  /** Adds a phrase; `overtalk` starts it before the other speaker has finished. */
  say(phraseId: string, opts?: { overtalk?: boolean }): void;
  /** Both sides silent for a while, as on hold (a muted line rather than hold music). */
  hold(minSec: number, maxSec: number): void;
  pause(minSec: number, maxSec: number): void;
}

const TENTH = SPEECH_RATE / 10;

export function buildTimeline(
  phrases: ReadonlyMap<string, Phrase>,
  rnd: Random,
  announcement: boolean,
  script: (s: ScriptBuilder) => void,
): Timeline {
  const sec = (s: number) => Math.round(s * SPEECH_RATE);
  const placements: Placement[] = [];
  const silences: Timeline['silences'] = [];
  // When the line is next free: the end of the latest phrase, or of a hold.
  let free = sec(rnd.range(0.3, 0.9));
  let first = true;

  const builder: ScriptBuilder = {
    rnd,
    announcement,
    say(phraseId, opts) {
      const phrase = phrases.get(phraseId);
      if (!phrase) throw new Error(`demo script uses unknown phrase "${phraseId}"`);
      const prev = placements[placements.length - 1];
      let start: number;
      if (first || !prev) {
        start = free;
      } else if (opts?.overtalk && prev.speaker !== phrase.speaker) {
        // Cut in during the last second or so, but never before the other has really started.
        start = Math.max(prev.startFrame + sec(0.6), free - sec(rnd.range(0.5, 1.4)));
      } else {
        const sameSpeaker = prev.speaker === phrase.speaker;
        let gap = sameSpeaker ? rnd.range(0.15, 0.45) : rnd.range(0.3, 1.1);
        // Now and then someone takes a moment: reading a screen, finding a card.
        if (rnd.chance(0.12)) gap += rnd.range(1.2, 3);
        start = free + sec(gap);
      }
      first = false;
      const frames = phrase.samples.length;
      placements.push({ phraseId, speaker: phrase.speaker, text: phrase.text, startFrame: start, frames });
      free = Math.max(free, start + frames);
    },
    hold(minSec, maxSec) {
      const length = sec(rnd.range(minSec, maxSec));
      const startFrame = free + sec(rnd.range(0.3, 0.8));
      silences.push({ startFrame, endFrame: startFrame + length });
      free = startFrame + length;
    },
    pause(minSec, maxSec) {
      free += sec(rnd.range(minSec, maxSec));
    },
  };
  script(builder);
  const end = free + sec(rnd.range(0.4, 1.0));
  return { placements, silences, totalFrames: Math.ceil(end / TENTH) * TENTH };
}
