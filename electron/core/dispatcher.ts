// The one way in: validate → authorize → run → audit, for every command, whatever the outcome.
import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandParsedInput, type CommandResult } from '../../shared/commands';
import type { CommandEnvelope, CommandFailure } from '../../shared/errors';
import { ROLE_LABELS } from '../../shared/permissions';
import type { AuditOutcome } from '../../shared/types';
import type { AuditLog } from './audit/audit-log';
import { HandlerError } from './errors';
import { authorized, type Actor } from './session/session';

export interface CommandContext {
  actor: Actor;
  /** Adds a short, secret-free note to this command's audit entry (e.g. how many rows matched). */
  note(detail: string): void;
}

export type Handler<N extends CommandName> = (input: CommandParsedInput<N>, ctx: CommandContext) => CommandResult<N> | Promise<CommandResult<N>>;
export type Handlers = { [N in CommandName]: Handler<N> };

export interface DispatcherDeps {
  handlers: Handlers;
  audit: AuditLog;
  /** The actor right now; read before and after the handler (profile commands change it). */
  currentActor(): Actor;
  onInternalError?(command: string, err: unknown): void;
}

/** `as` is for in-process callers only (the CLI, start-up indexing); IPC never passes it. */
export type Dispatch = (name: unknown, input: unknown, as?: Actor) => Promise<CommandEnvelope<unknown>>;

function issuesOf(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const record = (actor: Actor, command: string, target: string | null, outcome: AuditOutcome, detail: string | null) => {
    deps.audit.append({
      actorId: actor.profile?.id ?? null,
      actorName: actor.name,
      role: actor.principal,
      command,
      target,
      outcome,
      detail,
    });
  };
  const fail = (failure: CommandFailure): CommandEnvelope<unknown> => ({ ok: false, error: failure });

  return async (name, rawInput, as) => {
    const actor = as ?? deps.currentActor();
    // Attribute to whoever was signed in when the command began; a guest creating a profile is
    // attributed to the profile it created.
    const who = () => (as || actor.profile ? actor : deps.currentActor());
    if (!isCommandName(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 80) : typeof name;
      record(who(), 'unknown', null, 'invalid', `unknown command ${JSON.stringify(shown)}`);
      return fail({ code: 'unknown_command', message: `there is no command called ${JSON.stringify(shown)}` });
    }
    const def = commands[name];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      record(who(), name, null, 'invalid', summary);
      return fail({ code: 'invalid_input', message: `invalid input for ${name}: ${summary}`, issues });
    }
    const target = (def.target as ((i: unknown) => string | null) | undefined)?.(parsed.data) ?? null;
    if (!authorized(actor, def.permission)) {
      const roleName = actor.principal === 'system' ? 'system' : ROLE_LABELS[actor.principal];
      record(who(), name, target, 'denied', `${roleName} lacks ${def.permission}`);
      return fail({ code: 'denied', message: `your role (${roleName}) cannot do this: ${def.summary.toLowerCase()} needs the ${def.permission} permission` });
    }
    let note: string | null = null;
    const ctx: CommandContext = { actor, note: (d) => void (note = d) };
    try {
      const handler = deps.handlers[name] as Handler<CommandName>;
      const value = await handler(parsed.data as never, ctx);
      record(who(), name, target, 'ok', note);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof HandlerError) {
        record(who(), name, target, 'error', err.message);
        return fail({ code: err.code, message: err.message });
      }
      deps.onInternalError?.(name, err);
      record(who(), name, target, 'error', 'internal error');
      return fail({ code: 'failed', message: `${name} failed because of an internal error; the details are in the application log` });
    }
  };
}
