// The one error transcript importers throw: whatever a file does wrong ends up here with a one-line
// message for people, so callers can tell "this transcript is bad" from a bug in our code.

export type TranscriptErrorCode =
  | 'empty' // nothing but whitespace
  | 'too_large' // beyond what any real call produces
  | 'not_json' // looked like JSON and did not parse
  | 'unknown_format' // valid JSON or text, but none of the formats we import
  | 'invalid'; // the right format with wrong content (a bad time, a missing field)

export type TranscriptFormat = 'canonical' | 'transcribe' | 'webvtt';

export class TranscriptFormatError extends Error {
  readonly code: TranscriptErrorCode;
  /** The format the input was read as, once known. */
  readonly format: TranscriptFormat | null;
  constructor(code: TranscriptErrorCode, message: string, format: TranscriptFormat | null = null) {
    super(message);
    this.name = 'TranscriptFormatError';
    this.code = code;
    this.format = format;
  }
}
