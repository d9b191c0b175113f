// Talk analytics for a two-sided call — dead air, overtalk, talk time and ratio, the customer's
// longest monologue — as a pure function of the two channels' waveform peaks, so the bands the player
// draws and the numbers the library filters on come from exactly the same data.
import type { Peaks } from '../../../shared/types';
import type { TalkAnalytics, TimeSpan } from '../../../shared/player-types';
import { DEFAULT_SPEECH_OPTIONS, detectSpeech, type SpeechActivityOptions } from './speech-activity';
import { complement, intersect, totalLength, union } from './spans';

export interface TalkAnalyticsOptions {
  /** Both sides silent for longer than this is dead air (s); default 5. */
  deadAirThresholdSec?: number;
  /** Both sides speaking for less than this is not counted as overtalk (s); default 0.3. */
  minOvertalkSec?: number;
  /** Agent speech at least this long takes the turn from the customer (s); shorter is "mm-hm". */
  agentTurnSec?: number;
  speech?: Partial<SpeechActivityOptions>;
}

export const DEFAULT_DEAD_AIR_SEC = 5;
const DEFAULT_MIN_OVERTALK_SEC = 0.3;
const DEFAULT_AGENT_TURN_SEC = 1;

const round2 = (x: number) => Math.round(x * 100) / 100;

function rounded(spans: readonly TimeSpan[]): TimeSpan[] {
  return spans.map((s) => ({ start: round2(s.start), end: round2(s.end) })).filter((s) => s.end > s.start);
}

export interface SpeechSpans {
  agent: TimeSpan[];
  customer: TimeSpan[];
}

/** The analytics of a call whose speech has already been found (sorted, disjoint spans in seconds). */
export function analyseSpeech(speech: SpeechSpans, durationSec: number, opts: TalkAnalyticsOptions = {}): TalkAnalytics {
  const deadAirThresholdSec = opts.deadAirThresholdSec ?? DEFAULT_DEAD_AIR_SEC;
  if (!(deadAirThresholdSec >= 0)) throw new RangeError(`the dead-air threshold must be 0 s or more, got ${deadAirThresholdSec}`);
  const minOvertalk = opts.minOvertalkSec ?? DEFAULT_MIN_OVERTALK_SEC;
  const turnSec = opts.agentTurnSec ?? DEFAULT_AGENT_TURN_SEC;
  const duration = Number.isFinite(durationSec) && durationSec > 0 ? durationSec : 0;
  const clip = (spans: readonly TimeSpan[]) =>
    union(spans.map((s) => ({ start: Math.max(0, s.start), end: Math.min(duration, s.end) })));
  // Rounded first, so every number reported is the sum of the spans reported.
  const agent = rounded(clip(speech.agent));
  const customer = rounded(clip(speech.customer));

  const anyone = union([...agent, ...customer]);
  const deadAir = rounded(complement(anyone, 0, round2(duration))).filter((s) => s.end - s.start > deadAirThresholdSec + 1e-6);
  const overtalk = intersect(agent, customer).filter((s) => s.end - s.start >= minOvertalk);

  const agentTalkSec = round2(totalLength(agent));
  const customerTalkSec = round2(totalLength(customer));
  return {
    deadAir,
    deadAirTotalSec: round2(totalLength(deadAir)),
    overtalk,
    overtalkTotalSec: round2(totalLength(overtalk)),
    agentTalkSec,
    customerTalkSec,
    talkRatio: customerTalkSec > 0 ? round2(agentTalkSec / customerTalkSec) : null,
    longestCustomerMonologue: longestMonologue(customer, agent, turnSec, deadAirThresholdSec),
    deadAirThresholdSec,
  };
}

/**
 * The longest run of customer speech that the agent does not take over: customer stretches are
 * joined across pauses in which the agent says nothing of substance (a short "mm-hm" is not a turn)
 * and which are not themselves dead air.
 */
function longestMonologue(customer: readonly TimeSpan[], agent: readonly TimeSpan[], turnSec: number, deadAirSec: number): TimeSpan | null {
  const turns = agent.filter((s) => s.end - s.start >= turnSec);
  let best: TimeSpan | null = null;
  let current: TimeSpan | null = null;
  let t = 0;
  for (const c of customer) {
    if (current) {
      // Agent turns wholly inside the customer's speech so far are interruptions the customer talked through.
      while (t < turns.length && turns[t].end <= current.end) t++;
      const agentTookTurn = t < turns.length && turns[t].start <= c.start;
      if (agentTookTurn || c.start - current.end > deadAirSec) current = null;
    }
    if (current) current.end = c.end;
    else current = { start: c.start, end: c.end };
    if (!best || current.end - current.start > best.end - best.start) best = { ...current };
  }
  return best;
}

/** Talk analytics from the agent's and the customer's peak lanes (amplitudes in [0, 1]). */
export function computeTalkAnalytics(
  lanes: { agent: ArrayLike<number>; customer: ArrayLike<number> },
  durationSec: number,
  opts: TalkAnalyticsOptions = {},
): TalkAnalytics {
  const speechOpts = { ...DEFAULT_SPEECH_OPTIONS, ...opts.speech };
  return analyseSpeech(
    { agent: detectSpeech(lanes.agent, durationSec, speechOpts), customer: detectSpeech(lanes.customer, durationSec, speechOpts) },
    durationSec,
    opts,
  );
}

/**
 * Talk analytics from a recording's peaks and its channel map. A mono recording (or a map naming a
 * channel the file does not have) has no separate sides, so there is nothing to compute: null.
 */
export function analyticsFromPeaks(peaks: Peaks, channelMap: { agent: number; customer: number }, opts: TalkAnalyticsOptions = {}): TalkAnalytics | null {
  const agent = peaks.channels[channelMap.agent];
  const customer = peaks.channels[channelMap.customer];
  if (!agent || !customer || channelMap.agent === channelMap.customer) return null;
  return computeTalkAnalytics({ agent, customer }, peaks.durationSec, opts);
}
