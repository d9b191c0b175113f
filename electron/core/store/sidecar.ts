// The sidecar JSON that describes one recording (docs/store-format.md). Validation is strict about
// what the library needs and lenient about the rest, so one odd field never hides a whole call.
import { z } from 'zod';
import type { Direction } from '../../../shared/types';

export const CALL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const nullableText = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((v) => (v ? v : null));

const timestamp = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp like 2026-11-02T09:14:03Z');

export const sidecarSchema = z.object({
  schemaVersion: z.literal(1).optional(),
  callId: z.string().regex(CALL_ID, 'callId may only use letters, digits, ".", "_" and "-"').optional(),
  startTime: timestamp,
  endTime: timestamp.nullish(),
  durationSec: z.number().nonnegative().max(1e7).nullish(),
  direction: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(['inbound', 'outbound', 'internal'])),
  ani: nullableText,
  dnis: nullableText,
  agent: z.object({ id: z.string().trim().min(1).max(100), name: nullableText }),
  team: nullableText,
  queue: nullableText,
  disposition: nullableText,
  customer: z.object({ id: nullableText, account: nullableText, name: nullableText }).nullish(),
  caseNumber: nullableText,
  consent: z
    .object({
      announcementPlayed: z.boolean(),
      allPartyRequired: z.boolean().nullish(),
      jurisdiction: nullableText,
    })
    .nullish(),
  channels: z
    .object({ agent: z.number().int().min(0).max(63), customer: z.number().int().min(0).max(63) })
    .nullish(),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).nullish(),
  audio: z
    .object({
      file: z.string().regex(CALL_ID, 'audio.file must be a plain file name in the same folder').optional(),
      codec: nullableText,
      sampleRate: z.number().int().positive().nullish(),
      channels: z.number().int().positive().nullish(),
    })
    .nullish(),
});

export interface SidecarRecord {
  callId: string;
  startTime: string;
  endTime: string | null;
  durationSec: number | null;
  direction: Direction;
  ani: string | null;
  dnis: string | null;
  agentId: string;
  agentName: string;
  team: string | null;
  queue: string | null;
  disposition: string | null;
  customerId: string | null;
  customerAccount: string | null;
  customerName: string | null;
  caseNumber: string | null;
  consent: { announcementPlayed: boolean; allPartyRequired: boolean | null; jurisdiction: string | null } | null;
  channelMap: { agent: number; customer: number };
  tags: string[];
  audioFile: string | null;
  audioCodec: string | null;
}

export type SidecarResult = { ok: true; record: SidecarRecord } | { ok: false; message: string };

/** Parses sidecar text; the file's base name supplies the call id when the sidecar omits it. */
export function parseSidecar(text: string, baseName: string): SidecarResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'the sidecar must be a JSON object' };
  const parsed = sidecarSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, message: `invalid sidecar: ${first.join('; ')}` };
  }
  const s = parsed.data;
  const callId = s.callId ?? baseName;
  if (!CALL_ID.test(callId)) return { ok: false, message: `"${baseName}" is not a usable call id; add a callId field` };
  if (s.callId && s.callId !== baseName) return { ok: false, message: `callId "${s.callId}" does not match the file name "${baseName}.json"` };
  if (s.endTime && Date.parse(s.endTime) < Date.parse(s.startTime)) return { ok: false, message: 'endTime is before startTime' };
  const channelMap = s.channels ?? { agent: 0, customer: 1 };
  return {
    ok: true,
    record: {
      callId,
      startTime: new Date(s.startTime).toISOString(),
      endTime: s.endTime ? new Date(s.endTime).toISOString() : null,
      durationSec: s.durationSec ?? null,
      direction: s.direction,
      ani: s.ani,
      dnis: s.dnis,
      agentId: s.agent.id,
      agentName: s.agent.name ?? s.agent.id,
      team: s.team,
      queue: s.queue,
      disposition: s.disposition,
      customerId: s.customer?.id ?? null,
      customerAccount: s.customer?.account ?? null,
      customerName: s.customer?.name ?? null,
      caseNumber: s.caseNumber,
      consent: s.consent
        ? { announcementPlayed: s.consent.announcementPlayed, allPartyRequired: s.consent.allPartyRequired ?? null, jurisdiction: s.consent.jurisdiction }
        : null,
      channelMap,
      tags: [...new Set(s.tags ?? [])],
      audioFile: s.audio?.file ?? null,
      audioCodec: s.audio?.codec ?? null,
    },
  };
}
