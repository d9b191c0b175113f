// Typed client over window.earmark. Every renderer→main call goes through `call`, which unwraps the
// envelope and throws a CommandError (carrying the command name) when the main process says no.
import type { CommandInput, CommandName, CommandResult } from '../../shared/commands';
import type { CommandEnvelope, CommandFailure } from '../../shared/errors';
import { CommandError } from '../../shared/errors';
import type { EarmarkBridge } from '../../shared/bridge';

/** A CommandError that also remembers which command failed (for messages and the error banner). */
export class CallError extends CommandError {
  readonly command: CommandName;
  constructor(command: CommandName, failure: CommandFailure) {
    super(failure);
    this.command = command;
  }
}

function bridge(): EarmarkBridge {
  const b = window.earmark;
  if (!b) {
    throw new CommandError({ code: 'unavailable', message: 'Earmark is not connected to its main process (window.earmark is missing).' });
  }
  return b;
}

export async function call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> {
  let envelope: CommandEnvelope<unknown>;
  try {
    envelope = await bridge().invoke(name, input);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CallError(name, { code: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  if (!envelope || typeof envelope !== 'object') {
    throw new CallError(name, { code: 'failed', message: `Unexpected reply to ${name}` });
  }
  if (!envelope.ok) throw new CallError(name, envelope.error);
  return envelope.value as CommandResult<N>;
}

export function mediaUrl(recordingId: string): string {
  return bridge().mediaUrl(recordingId);
}

export function isCommandError(e: unknown): e is CommandError {
  return e instanceof CommandError;
}
