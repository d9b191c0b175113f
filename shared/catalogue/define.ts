// The building blocks every feature catalogue uses to declare its commands.
import { z } from 'zod';
import type { Permission } from '../permissions';

export interface CommandDef<I extends z.ZodType, R> {
  readonly permission: Permission;
  readonly input: I;
  readonly summary: string;
  /** What the audit entry names as the command's target, derived from valid input. */
  readonly target?: (input: z.output<I>) => string | null;
  /** Phantom: carries the result type, never read at run time. */
  readonly result?: R;
}

export function command<R>() {
  return <I extends z.ZodType>(def: Omit<CommandDef<I, R>, 'result'>): CommandDef<I, R> => def;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date like 2026-11-02 or an ISO timestamp');
export const recordingId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'not a recording id');
export const text = (max: number) => z.string().trim().max(max);
export const empty = z.object({}).strict().default({});
