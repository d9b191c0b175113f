// The one way in for transcripts, whatever wrote them: our canonical JSON, Amazon Transcribe JSON or
// WebVTT, told apart by content (the file name only breaks ties), always returned as the canonical
// Transcript. Used by the indexer, the player and `earmark redact suggest`.
import type { Transcript } from '../../../shared/player-types';
import { fromCanonical, looksCanonical } from './canonical';
import { fromTranscribe, looksLikeTranscribe } from './transcribe';
import { TranscriptFormatError, type TranscriptFormat } from './transcript-error';
import type { ChannelMap } from './turns';
import { fromWebVtt, looksLikeWebVtt } from './webvtt';

export { TranscriptFormatError, type TranscriptErrorCode, type TranscriptFormat } from './transcript-error';

/** Far beyond a ten-hour call's transcript; anything bigger is not one. */
export const MAX_TRANSCRIPT_CHARS = 64 * 1024 * 1024;

export interface ParseTranscriptOptions {
  /** The call the transcript belongs to: fills in formats that do not name it, and must match those that do. */
  callId?: string;
  /** Which channel is the agent's and which the customer's (the sidecar's `channels`); default 0 and 1. */
  channelMap?: ChannelMap;
}

export function detectTranscriptFormat(text: string, filenameHint?: string): TranscriptFormat | null {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (looksLikeWebVtt(body) || /\.vtt$/i.test(filenameHint ?? '')) return 'webvtt';
  if (!body.startsWith('{')) return null;
  try {
    const json: unknown = JSON.parse(body);
    return looksLikeTranscribe(json) ? 'transcribe' : looksCanonical(json) ? 'canonical' : null;
  } catch {
    return null;
  }
}

/**
 * Parses a transcript file's text. Throws TranscriptFormatError — and nothing else — for input that is
 * empty, too large, not JSON, not a format we know, or malformed.
 */
export function parseTranscript(text: string, filenameHint?: string, opts: ParseTranscriptOptions = {}): Transcript {
  if (typeof text !== 'string') throw new TranscriptFormatError('unknown_format', 'a transcript must be text');
  if (text.length > MAX_TRANSCRIPT_CHARS) throw new TranscriptFormatError('too_large', `the transcript is larger than ${MAX_TRANSCRIPT_CHARS / 1024 / 1024} MB`);
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new TranscriptFormatError('empty', 'the transcript is empty');
  const hint = filenameHint ?? '';
  const stamp = (t: Transcript): Transcript => ({ ...t, callId: opts.callId ?? t.callId });

  if (looksLikeWebVtt(body) || /\.vtt$/i.test(hint)) return stamp(fromWebVtt(body, opts));
  if (!body.startsWith('{') && !body.startsWith('[')) {
    throw new TranscriptFormatError('unknown_format', 'not a transcript: expected canonical JSON, Amazon Transcribe JSON or WebVTT');
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new TranscriptFormatError('not_json', `invalid JSON: ${(err as Error).message}`);
  }
  if (looksLikeTranscribe(json)) return stamp(fromTranscribe(json, opts));
  if (looksCanonical(json)) {
    const t = fromCanonical(json);
    if (opts.callId && t.callId !== opts.callId) {
      throw new TranscriptFormatError('invalid', `the transcript is for call "${t.callId.slice(0, 128)}", not "${opts.callId}"`, 'canonical');
    }
    return t;
  }
  throw new TranscriptFormatError('unknown_format', 'JSON, but not a transcript: expected our canonical format (schemaVersion, segments) or Amazon Transcribe output (results.items)');
}
