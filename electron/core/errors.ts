// Failures a handler may raise on purpose; anything else is reported as an internal error.
import type { CommandErrorCode } from '../../shared/errors';

export class HandlerError extends Error {
  constructor(
    readonly code: Exclude<CommandErrorCode, 'unknown_command' | 'invalid_input' | 'denied'>,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

export const notFound = (what: string) => new HandlerError('not_found', `${what} was not found`);
