// Writes a folder store of realistic demo calls (audio, sidecar, transcript) so the app can be
// tried, tested and shown without real recordings. Everything is composed here from the phrases in
// assets/speech — no audio tools needed — and is the same every time for the same seed and date.
import { mkdir, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Direction } from '../../../shared/types';
import { CHANNEL_OF, renderCallAudio } from './call-audio';
import { buildTimeline, type Timeline } from './call-timeline';
import { buildTranscript } from './call-transcript';
import { AGENTS, CUSTOMERS, OUTBOUND_CALLER_ID, QUEUE_NUMBERS, allPartyConsentRequired, type DemoAgent, type DemoCustomer } from './demo-cast';
import { createRandom, type Random } from './random';
import { SCENARIOS, type Scenario, type ScenarioOutcome } from './scenarios';
import { SPEECH_RATE, defaultAssetsDir, loadSpeechAssets, type Phrase } from './speech-assets';

export { defaultAssetsDir } from './speech-assets';

export interface DemoStoreOptions {
  /** How many calls to write (default 20). */
  count?: number;
  /** Same seed and `now`, same store, byte for byte (default 1). */
  seed?: number;
  /** Calls are spread over the 30 days before this (default: the current time). */
  now?: Date;
  /** Where the phrase WAVs and phrases.json are (default: this package's assets/speech). */
  assetsDir?: string;
}

/** The sidecar JSON, exactly as docs/store-format.md and store/sidecar.ts expect it. */
export interface DemoSidecar {
  schemaVersion: 1;
  callId: string;
  startTime: string;
  endTime: string;
  durationSec: number;
  direction: Direction;
  ani: string;
  dnis: string;
  agent: { id: string; name: string };
  team: string;
  queue: string;
  disposition: string;
  customer: { id: string; account: string; name: string } | null;
  caseNumber: string | null;
  consent: { announcementPlayed: boolean; allPartyRequired: boolean; jurisdiction: string | null };
  channels: { agent: number; customer: number };
  tags: string[];
  audio: { file: string; codec: 'pcm_mulaw'; sampleRate: number; channels: 2 };
}

const DAY_MS = 86_400_000;
const MAX_CALLS = 10_000;

/**
 * Writes `<root>/YYYY/MM/DD/<callId>.wav`, `.json` and `.transcript.json` for each call, every
 * file atomically. Returns the paths written, in order.
 */
export async function writeDemoStore(root: string, opts: DemoStoreOptions = {}): Promise<{ written: string[] }> {
  const count = opts.count ?? 20;
  if (!Number.isInteger(count) || count < 0 || count > MAX_CALLS) throw new RangeError(`count must be 0–${MAX_CALLS}, got ${count}`);
  const seed = opts.seed ?? 1;
  const now = opts.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  const phrases = await loadSpeechAssets(opts.assetsDir ?? defaultAssetsDir());

  const calls = planCalls(count, seed, now, phrases);
  const written: string[] = [];
  for (const call of calls) {
    const day = call.sidecar.startTime.slice(0, 10).split('-');
    const dir = join(root, ...day);
    await mkdir(dir, { recursive: true });
    const base = join(dir, call.sidecar.callId);
    const wav = renderCallAudio(call.timeline, phrases, call.rnd);
    const transcript = buildTranscript(call.sidecar.callId, call.timeline, {
      agent: 'Agent',
      customer: call.sidecar.direction === 'internal' ? 'Colleague' : 'Customer',
    });
    // The sidecar goes last: it is what marks a call as present, so its audio is there first.
    await writeFileAtomic(`${base}.wav`, wav);
    await writeFileAtomic(`${base}.transcript.json`, JSON.stringify(transcript, null, 2) + '\n');
    await writeFileAtomic(`${base}.json`, JSON.stringify(call.sidecar, null, 2) + '\n');
    written.push(`${base}.wav`, `${base}.transcript.json`, `${base}.json`);
  }
  return { written };
}

interface PlannedCall {
  sidecar: DemoSidecar;
  timeline: Timeline;
  /** The call's own random stream, continued by the audio renderer. */
  rnd: Random;
}

function planCalls(count: number, seed: number, now: Date, phrases: ReadonlyMap<string, Phrase>): PlannedCall[] {
  const rnd = createRandom(seed);
  const scenarios = chooseScenarios(count, rnd);
  const external = scenarios.map((s, i) => (s.direction === 'internal' ? -1 : i)).filter((i) => i >= 0);
  // A couple of calls where the agent forgot the recording announcement, for compliance review.
  const silentOnConsent = new Set<number>();
  const missing = count >= 10 ? 2 : count >= 4 ? 1 : 0;
  while (silentOnConsent.size < Math.min(missing, external.length)) silentOnConsent.add(rnd.pick(external));

  const drafts = scenarios.map((scenario, i) => {
    const agentId = rnd.pick(scenario.agents);
    const agent = AGENTS.find((a) => a.id === agentId);
    if (!agent) throw new Error(`scenario ${scenario.name} names unknown agent ${agentId}`);
    const customer = scenario.direction === 'internal' ? null : rnd.pick(CUSTOMERS);
    const announcement = scenario.direction !== 'internal' && !silentOnConsent.has(i);
    // Each call draws from its own stream so that one call's script can change length without
    // reshuffling every call after it.
    const callRnd = createRandom((seed * 0x9e3779b1 + i * 0x85ebca6b) >>> 0);
    let outcome: ScenarioOutcome | undefined;
    const timeline = buildTimeline(phrases, callRnd, announcement, (s) => {
      outcome = scenario.script(s);
    });
    const durationSec = timeline.totalFrames / SPEECH_RATE;
    const start = pickStart(rnd, now, durationSec);
    const caseNumber = outcome?.withCase ? `CASE-${new Date(start).getUTCFullYear()}-${rnd.int(1000, 9999)}` : null;
    return { scenario, agent, customer, announcement, timeline, callRnd, outcome: outcome as ScenarioOutcome, start, durationSec, caseNumber };
  });

  drafts.sort((a, b) => a.start - b.start);
  const perDay = new Map<string, number>();
  return drafts.map((d) => {
    const day = isoSeconds(d.start).slice(0, 10).replaceAll('-', '');
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    const callId = `C${day}-${String(n).padStart(4, '0')}`;
    return { sidecar: sidecarFor(callId, d), timeline: d.timeline, rnd: d.callRnd };
  });
}

/** Every scenario at least once when there is room, the rest by weight, in shuffled order. */
function chooseScenarios(count: number, rnd: Random): Scenario[] {
  const chosen: Scenario[] = count >= SCENARIOS.length ? [...SCENARIOS] : [];
  const weights = SCENARIOS.map((s) => [s, s.weight] as const);
  while (chosen.length < count) chosen.push(rnd.weighted(weights));
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
  }
  return chosen;
}

/** A start during US business hours (13:00–22:59 UTC) on one of the 30 days before `now`. */
function pickStart(rnd: Random, now: Date, durationSec: number): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let start = today - rnd.int(0, 28) * DAY_MS + rnd.int(13, 22) * 3_600_000 + rnd.int(0, 59) * 60_000 + rnd.int(0, 59) * 1000;
  // A call must have ended before now.
  if (start + durationSec * 1000 + 60_000 > now.getTime()) start -= DAY_MS;
  return start;
}

interface Draft {
  scenario: Scenario;
  agent: DemoAgent;
  customer: DemoCustomer | null;
  announcement: boolean;
  outcome: ScenarioOutcome;
  start: number;
  durationSec: number;
  caseNumber: string | null;
}

function sidecarFor(callId: string, d: Draft): DemoSidecar {
  const { scenario, agent, customer } = d;
  const queueNumber = QUEUE_NUMBERS[scenario.queue] ?? QUEUE_NUMBERS.Billing;
  const colleagueLine = '+18005551188';
  const [ani, dnis] =
    scenario.direction === 'inbound'
      ? [customer?.phone ?? '', queueNumber]
      : scenario.direction === 'outbound'
        ? [OUTBOUND_CALLER_ID, customer?.phone ?? '']
        : [agent.line, colleagueLine];
  const jurisdiction = customer?.jurisdiction ?? null;
  return {
    schemaVersion: 1,
    callId,
    startTime: isoSeconds(d.start),
    endTime: isoSeconds(d.start + d.durationSec * 1000),
    durationSec: d.durationSec,
    direction: scenario.direction,
    ani,
    dnis,
    agent: { id: agent.id, name: agent.name },
    team: agent.team,
    queue: scenario.queue,
    disposition: d.outcome.disposition,
    customer: customer ? { id: customer.id, account: customer.account, name: customer.name } : null,
    caseNumber: d.caseNumber,
    consent: {
      announcementPlayed: d.announcement,
      allPartyRequired: jurisdiction ? allPartyConsentRequired(jurisdiction) : false,
      jurisdiction,
    },
    channels: { agent: CHANNEL_OF.agent, customer: CHANNEL_OF.customer },
    tags: d.outcome.tags,
    audio: { file: `${callId}.wav`, codec: 'pcm_mulaw', sampleRate: SPEECH_RATE, channels: 2 },
  };
}

/** ISO 8601 in UTC without milliseconds, e.g. 2026-11-02T09:14:03Z (sub-seconds dropped). */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Write-then-rename, so a reader sees the old file or the whole new one, never part of one. */
async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // A leading dot and a .tmp suffix keep a half-written file out of the store's listings.
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
