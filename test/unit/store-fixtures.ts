// Hand-made folder stores for the store, indexer and media tests: a sidecar and a tiny µ-law WAV per
// call, with any field overridable or removable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleWav } from './wav-fixtures';

export interface TempStore {
  root: string;
  dir: string;
  done(): void;
}

export function tempStore(prefix = 'earmark-store-'): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const root = path.join(dir, 'store');
  fs.mkdirSync(root);
  return { root, dir, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A stereo 8 kHz µ-law WAV of `seconds`, with a recognisable byte pattern in its data. */
export function mulawWav(seconds = 1): Uint8Array {
  const data = new Uint8Array(Math.round(seconds * 8000) * 2);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + 3) & 0xff;
  return simpleWav({ formatCode: 7, channels: 2, sampleRate: 8000, bits: 8 }, data);
}

export function sidecar(callId: string, day: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    callId,
    startTime: `${day.replaceAll('/', '-')}T14:00:00Z`,
    direction: 'inbound',
    agent: { id: 'a-1', name: 'Alice Able' },
    queue: 'Billing',
    tags: ['billing'],
    ...over,
  };
}

export interface CallFiles {
  key: string;
  sidecar: string;
  audio: string | null;
}

/** Writes <root>/<day>/<base>.json (and <base>.<ext> audio unless audio is null). */
export function writeCall(
  root: string,
  day: string,
  base: string,
  opts: { sidecar?: Record<string, unknown> | string; audio?: Uint8Array | null; ext?: string; transcript?: unknown } = {},
): CallFiles {
  const dir = path.join(root, ...day.split('/'));
  fs.mkdirSync(dir, { recursive: true });
  const side = path.join(dir, `${base}.json`);
  const content = opts.sidecar ?? sidecar(base, day);
  fs.writeFileSync(side, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  let audio: string | null = null;
  if (opts.audio !== null) {
    audio = path.join(dir, `${base}.${opts.ext ?? 'wav'}`);
    fs.writeFileSync(audio, opts.audio ?? mulawWav());
  }
  if (opts.transcript !== undefined) fs.writeFileSync(path.join(dir, `${base}.transcript.json`), JSON.stringify(opts.transcript));
  return { key: `${day}/${base}.json`, sidecar: side, audio };
}
