// Every renderer→main action, declared once: name, input schema, result type, permission.
// Each feature declares its commands in shared/catalogue/<feature>.ts; this file is the one table
// the dispatcher runs, the renderer's client types itself from and the CLI calls into, so a command
// cannot exist without a permission and an audit entry.
import type { z } from 'zod';
import type { CommandDef } from './catalogue/define';
import { foundationCommands } from './catalogue/foundation';
import { vaultCommands } from './catalogue/vault';
import { cacheCommands } from './catalogue/cache';
import { playerCommands } from './catalogue/player';
import { qaCommands } from './catalogue/qa';
import { redactionCommands } from './catalogue/redaction';

export type { CommandDef } from './catalogue/define';
export { libraryQuery, librarySortFields, auditQuery, type LibraryQuery, type AuditQuery } from './catalogue/foundation';

export const commands = {
  ...foundationCommands,
  ...vaultCommands,
  ...cacheCommands,
  ...playerCommands,
  ...qaCommands,
  ...redactionCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandResult<N extends CommandName> = Commands[N] extends CommandDef<z.ZodType, infer R> ? R : never;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
