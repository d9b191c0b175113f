// The one error type audio parsing throws: anything a file's bytes can do wrong ends up here, so
// callers can tell "this file is bad" (show the message, skip the file) from a bug in our code.

export type AudioFormatErrorCode =
  | 'empty'
  | 'not_audio'
  | 'not_wav'
  | 'truncated'
  | 'bad_header'
  | 'no_channels'
  | 'unsupported_codec'
  /** The header was fine but the audio inside could not be decoded. */
  | 'corrupt'
  /** The bytes are audio of another format than the file claims to be (e.g. MP3 data in a .wav). */
  | 'wrong_format';

export class AudioFormatError extends Error {
  readonly code: AudioFormatErrorCode;
  /** `message` is one line for people, e.g. "the WAV header says 0 channels". */
  constructor(code: AudioFormatErrorCode, message: string) {
    super(message);
    this.name = 'AudioFormatError';
    this.code = code;
  }
}
