// What the player shows besides the audio: talk analytics and the transcript. Plain data (structured
// clone and JSON safe), shared by the analytics/transcript services, the player and the library.

/** A span of the call in seconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** Talk analytics computed from the two channels' peaks (agent and customer). */
export interface TalkAnalytics {
  /** Both sides silent for longer than the threshold. */
  deadAir: TimeSpan[];
  deadAirTotalSec: number;
  /** Both sides speaking at once. */
  overtalk: TimeSpan[];
  overtalkTotalSec: number;
  agentTalkSec: number;
  customerTalkSec: number;
  /** agentTalkSec / customerTalkSec; null when the customer never speaks. */
  talkRatio: number | null;
  /** The longest stretch in which the customer spoke without the agent taking a turn. */
  longestCustomerMonologue: TimeSpan | null;
  /** The dead-air threshold these results were computed with, in seconds. */
  deadAirThresholdSec: number;
}

/** How talk analytics are computed on this device (changing them analyses every call again). */
export interface AnalyticsSettings {
  deadAirThresholdSec: number;
}

/** One word with its timing, as speech-to-text gives it. */
export interface TranscriptWord {
  w: string;
  start: number;
  end: number;
}

/** A turn: consecutive words by one speaker. */
export interface TranscriptSegment {
  speaker: string;
  start: number;
  end: number;
  text: string;
  words: TranscriptWord[];
}

export interface TranscriptSpeaker {
  /** `agent` and `customer` for the two parties (on the sidecar's channels); other ids, e.g. `spk_0`, when unknown. */
  id: string;
  label: string;
  /** The audio channel the speaker is on (0-based), when known. */
  channel: number | null;
}

/** The canonical transcript (docs/store-format.md); every imported format is converted to this. */
export interface Transcript {
  schemaVersion: 1;
  callId: string;
  language: string;
  source: string;
  speakers: TranscriptSpeaker[];
  segments: TranscriptSegment[];
}

/** A stretch of text, highlighted where it matched the search. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** One transcript turn that matches a full-text search, and the moment in the call to jump to. */
export interface TranscriptHit {
  recordingId: string;
  /** The call's start (ISO), agent and queue, so a hit can be shown without opening the call. */
  startTime: string;
  agentName: string;
  queue: string | null;
  speaker: string;
  speakerLabel: string;
  segmentStart: number;
  segmentEnd: number;
  /** Where the first matching word starts (s); the turn's start when no word timing matches. */
  atSec: number;
  snippet: SnippetPart[];
}

export interface TranscriptSearchResult {
  /** Matching turns in all transcripts (hits holds one page of them, best first). */
  total: number;
  offset: number;
  hits: TranscriptHit[];
}
