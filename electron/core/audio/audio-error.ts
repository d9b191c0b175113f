// The one error type audio parsing throws: anything a file's bytes can do wrong ends up here, so
// callers can tell "this file is bad" (show the message, skip the file) from a bug in our code.

export type AudioFormatErrorCode =
  | 'empty'
  | 'not_audio'
  | 'not_wav'
  | 'truncated'
  | 'bad_header'
  | 'no_channels'
  | 'unsupported_codec';

export class AudioFormatError extends Error {
  readonly code: AudioFormatErrorCode;
  /** `message` is one line for people, e.g. "the WAV header says 0 channels". */
  constructor(code: AudioFormatErrorCode, message: string) {
    super(message);
    this.name = 'AudioFormatError';
    this.code = code;
  }
}
