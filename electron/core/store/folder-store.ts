// A recording store on a local folder or a mounted network share:
//   <root>/YYYY/MM/DD/<callId>.<wav|mp3|opus|flac>, <callId>.json, optional <callId>.transcript.json or <callId>.vtt
// Keys are paths relative to the root with forward slashes; every key is re-checked before use so a
// crafted key can never reach outside the root.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseSidecar } from './sidecar';
import { StoreRecordError, type AudioRef, type ListOptions, type ListPage, type RecordingStore, type StoreEntry, type StoredRecording } from './recording-store';

const AUDIO_EXTENSIONS = ['wav', 'mp3', 'opus', 'ogg', 'flac'] as const;
const FORMAT_OF: Record<string, AudioRef['format']> = { wav: 'wav', mp3: 'mp3', opus: 'opus', ogg: 'opus', flac: 'flac' };
const KEY = /^\d{4}\/\d{2}\/\d{2}\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TRANSCRIPT_SUFFIX = '.transcript.json';
// In order of preference when a call has both.
const TRANSCRIPT_SUFFIXES = [TRANSCRIPT_SUFFIX, '.vtt'] as const;
// Beyond any real transcript (a ten-hour call's is a few MB); refusing keeps a stray file from filling memory.
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

function isSidecarName(name: string): boolean {
  return name.endsWith('.json') && !name.endsWith(TRANSCRIPT_SUFFIX) && !name.startsWith('.');
}

export class FolderStore implements RecordingStore {
  readonly kind = 'folder' as const;

  constructor(readonly location: string) {}

  private resolve(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new StoreRecordError(key, `not a key of this store: ${key}`);
    return join(this.location, ...key.split('/'));
  }

  async list(opts: ListOptions = {}): Promise<ListPage> {
    const limit = Math.max(1, Math.min(opts.limit ?? 500, 5000));
    const after = opts.cursor ?? '';
    const entries: StoreEntry[] = [];
    for await (const dayKey of this.days(after)) {
      const dir = join(this.location, ...dayKey.split('/'));
      let files: Set<string>;
      try {
        files = new Set((await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name));
      } catch {
        continue; // a folder removed while we walk is simply not there any more
      }
      const sidecars = [...files].filter(isSidecarName).sort();
      for (const name of sidecars) {
        const key = `${dayKey}/${name}`;
        if (key <= after) continue;
        const entry = await this.entryFor(dir, key, name, files);
        if (!entry) continue;
        if (opts.changedSince !== undefined && entry.modifiedMs <= opts.changedSince) continue;
        entries.push(entry);
        if (entries.length >= limit) return { entries, cursor: key };
      }
    }
    return { entries, cursor: null };
  }

  /** Day folders in key order, skipping those wholly before the cursor. */
  private async *days(after: string): AsyncGenerator<string> {
    const afterDay = after.slice(0, 10);
    for (const y of await this.subdirs(this.location, /^\d{4}$/)) {
      if (y < afterDay.slice(0, 4)) continue;
      for (const m of await this.subdirs(join(this.location, y), /^\d{2}$/)) {
        if (`${y}/${m}` < afterDay.slice(0, 7)) continue;
        for (const d of await this.subdirs(join(this.location, y, m), /^\d{2}$/)) {
          const day = `${y}/${m}/${d}`;
          if (day < afterDay) continue;
          yield day;
        }
      }
    }
  }

  private async subdirs(dir: string, pattern: RegExp): Promise<string[]> {
    try {
      return (await readdir(dir, { withFileTypes: true }))
        .filter((d) => d.isDirectory() && pattern.test(d.name))
        .map((d) => d.name)
        .sort();
    } catch (err) {
      if (dir === this.location) throw new Error(`the recording store folder cannot be read: ${this.location} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return [];
    }
  }

  private async entryFor(dir: string, key: string, sidecarName: string, files: Set<string>): Promise<StoreEntry | null> {
    const base = sidecarName.slice(0, -'.json'.length);
    const related = [sidecarName, ...TRANSCRIPT_SUFFIXES.map((t) => `${base}${t}`), ...AUDIO_EXTENSIONS.map((e) => `${base}.${e}`)].filter((n) => files.has(n));
    const h = createHash('sha256');
    let modifiedMs = 0;
    for (const name of related) {
      try {
        const s = await stat(join(dir, name));
        h.update(`${name}\0${s.size}\0${s.mtimeMs}\0`);
        modifiedMs = Math.max(modifiedMs, s.mtimeMs);
      } catch {
        if (name === sidecarName) return null;
      }
    }
    return { key, version: h.digest('hex').slice(0, 32), modifiedMs };
  }

  async readRecording(key: string): Promise<StoredRecording> {
    const file = this.resolve(key.replace(/\.json$/, ''));
    const dayKey = key.slice(0, 10);
    const base = key.slice(11, -'.json'.length);
    let text: string;
    try {
      text = await readFile(`${file}.json`, 'utf8');
    } catch (err) {
      throw new StoreRecordError(key, `cannot read the sidecar (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const parsed = parseSidecar(text, base);
    if (!parsed.ok) throw new StoreRecordError(key, parsed.message);
    const meta = parsed.record;
    const dir = join(this.location, ...dayKey.split('/'));
    const names = new Set(await readdir(dir));
    // The layout names audio <callId>.<ext>; holding to it keeps change detection complete.
    if (meta.audioFile && !AUDIO_EXTENSIONS.some((e) => meta.audioFile === `${base}.${e}`)) {
      throw new StoreRecordError(key, `audio.file "${meta.audioFile}" must be named ${base}.wav, .mp3, .opus or .flac, beside its sidecar`);
    }
    const audioName = meta.audioFile ?? AUDIO_EXTENSIONS.map((e) => `${base}.${e}`).find((n) => names.has(n));
    if (!audioName || !names.has(audioName)) {
      throw new StoreRecordError(key, `no audio file for ${meta.callId} (looked for ${base}.wav, .mp3, .opus, .flac)`);
    }
    const ext = audioName.slice(audioName.lastIndexOf('.') + 1).toLowerCase();
    const format = FORMAT_OF[ext];
    if (!format) throw new StoreRecordError(key, `unknown audio type ".${ext}" for ${meta.callId}`);
    const audioKey = `${dayKey}/${audioName}`;
    const sizeBytes = (await stat(this.resolve(audioKey))).size;
    const transcriptName = TRANSCRIPT_SUFFIXES.map((t) => `${base}${t}`).find((n) => names.has(n));
    const entry = await this.entryFor(dir, key, `${base}.json`, names);
    return {
      key,
      version: entry?.version ?? '',
      meta,
      audio: { key: audioKey, format, sizeBytes },
      transcriptKey: transcriptName ? `${dayKey}/${transcriptName}` : null,
    };
  }

  readAudio(audioKey: string, range?: { start: number; endInclusive: number }): Readable {
    return createReadStream(this.resolve(audioKey), range ? { start: range.start, end: range.endInclusive, highWaterMark: 256 * 1024 } : { highWaterMark: 256 * 1024 });
  }

  async audioSize(audioKey: string): Promise<number> {
    return (await stat(this.resolve(audioKey))).size;
  }

  async readTranscript(transcriptKey: string): Promise<string> {
    const handle = await open(this.resolve(transcriptKey), 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_TRANSCRIPT_BYTES) throw new StoreRecordError(transcriptKey, `the transcript ${transcriptKey} is larger than ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MB`);
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }
}
