// What Earmark needs from wherever recordings live. The folder store is the first implementation;
// S3-compatible storage comes later behind the same interface, so nothing above this file may assume
// a local path.
import type { Readable } from 'node:stream';
import type { SidecarRecord } from './sidecar';

export interface StoreEntry {
  /** Stable key of the recording's sidecar within the store, e.g. "2026/11/02/C1.json". */
  key: string;
  /** Changes whenever the sidecar, its audio or its transcript change. */
  version: string;
  /** Latest modification of any of the recording's files, ms since epoch. */
  modifiedMs: number;
}

export interface ListOptions {
  /** Resume after this cursor (from a previous page). */
  cursor?: string | null;
  limit?: number;
  /** Only entries modified after this instant (ms since epoch). */
  changedSince?: number;
}

export interface ListPage {
  entries: StoreEntry[];
  /** Pass back to get the next page; null when the listing is complete. */
  cursor: string | null;
}

export interface AudioRef {
  /** Key of the audio object within the store. */
  key: string;
  format: 'wav' | 'mp3' | 'opus' | 'flac';
  sizeBytes: number;
}

export interface StoredRecording {
  key: string;
  version: string;
  meta: SidecarRecord;
  audio: AudioRef;
  transcriptKey: string | null;
}

export interface RecordingStore {
  readonly kind: 'folder';
  /** Where the store is, for people (a path or a bucket URL); never used to reach files directly. */
  readonly location: string;
  list(opts?: ListOptions): Promise<ListPage>;
  /** Parse and validate one recording's metadata; throws StoreRecordError with a clear message. */
  readRecording(key: string): Promise<StoredRecording>;
  /** Bytes [start, endInclusive] of an audio object, streamed. */
  readAudio(audioKey: string, range?: { start: number; endInclusive: number }): Readable;
  audioSize(audioKey: string): Promise<number>;
  /** The transcript file's text (canonical JSON, Amazon Transcribe JSON or WebVTT: see transcripts/parse-transcript). */
  readTranscript(transcriptKey: string): Promise<string>;
}

export class StoreRecordError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreRecordError';
  }
}
