// How a command fails, as seen from outside the main process. Messages are for people; codes are for code.

export type CommandErrorCode = 'unknown_command' | 'invalid_input' | 'denied' | 'not_found' | 'conflict' | 'unavailable' | 'failed';

export interface CommandFailure {
  code: CommandErrorCode;
  message: string;
  /** Per-field problems for invalid input: path joined with dots → message. */
  issues?: { path: string; message: string }[];
}

export type CommandEnvelope<R> = { ok: true; value: R } | { ok: false; error: CommandFailure };

export class CommandError extends Error {
  readonly code: CommandErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;
  constructor(failure: CommandFailure) {
    super(failure.message);
    this.name = 'CommandError';
    this.code = failure.code;
    this.issues = failure.issues;
  }
}
