// The pre-recorded phrases demo calls are built from (assets/speech, made by
// scripts/make-speech-assets.sh). Loaded and decoded with our own WAV code, so writing a demo
// store needs no audio tools on the machine.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { decodeAlaw, decodeMulaw } from '../audio/g711';
import { parseWavHeader } from '../audio/wav';

export type Speaker = 'agent' | 'customer';

export interface PhraseEntry {
  id: string;
  file: string;
  speaker: Speaker;
  text: string;
  durationSec: number;
  topic: string;
}

export interface Phrase extends PhraseEntry {
  /** Mono 16-bit samples at SPEECH_RATE. */
  samples: Int16Array;
}

export const SPEECH_RATE = 8000;

/**
 * The assets/speech folder of this package, found by walking up from this file, so it works both
 * from source (electron/core/demo) and compiled (dist/electron/core/demo).
 */
export function defaultAssetsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'assets', 'speech');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find assets/speech above ${__dirname}`);
    dir = parent;
  }
}

export async function loadSpeechAssets(dir: string): Promise<Map<string, Phrase>> {
  const listPath = join(dir, 'phrases.json');
  const entries = parseEntries(JSON.parse(await readFile(listPath, 'utf8')), listPath);
  const phrases = new Map<string, Phrase>();
  for (const entry of entries) {
    const bytes = new Uint8Array(await readFile(join(dir, entry.file)));
    const info = parseWavHeader(bytes, bytes.length);
    if (info.channels !== 1 || info.sampleRate !== SPEECH_RATE) {
      throw new Error(`${entry.file}: expected ${SPEECH_RATE} Hz mono, found ${info.sampleRate} Hz with ${info.channels} channels`);
    }
    const data = bytes.subarray(info.dataOffset, info.dataOffset + info.dataLength);
    let samples: Int16Array;
    if (info.codec === 'pcm_mulaw') samples = decodeMulaw(data);
    else if (info.codec === 'pcm_alaw') samples = decodeAlaw(data);
    else if (info.codec === 'pcm_s16le') {
      samples = new Int16Array(info.frames);
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
    } else throw new Error(`${entry.file}: expected µ-law, A-law or 16-bit PCM, found ${info.codec}`);
    phrases.set(entry.id, { ...entry, samples });
  }
  return phrases;
}

function parseEntries(raw: unknown, where: string): PhraseEntry[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a JSON array`);
  return raw.map((e: unknown, i) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const ok =
      typeof o.id === 'string' &&
      typeof o.file === 'string' &&
      /^[A-Za-z0-9][A-Za-z0-9._-]*\.wav$/.test(o.file) &&
      (o.speaker === 'agent' || o.speaker === 'customer') &&
      typeof o.text === 'string' &&
      typeof o.durationSec === 'number' &&
      typeof o.topic === 'string';
    if (!ok) throw new Error(`${where}: entry ${i} is not { id, file, speaker, text, durationSec, topic }`);
    return { id: o.id, file: o.file, speaker: o.speaker, text: o.text, durationSec: o.durationSec, topic: o.topic } as PhraseEntry;
  });
}
