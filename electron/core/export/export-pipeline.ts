// The audio export pipeline: decode → apply accepted redactions (only on their channels) →
// forensic watermark carrying the export id → encode (WAV or MP3, with the metadata watermark).
// It runs in the backend worker, reports progress, yields between blocks so a cancel gets through,
// and never writes decoded audio to disk: the caller gets the encoded bytes.
import type { ExportFormat, RedactionMode } from '../../../shared/redaction-types';
import type { OpenStream } from '../audio/byte-source';
import { decodeBlocks } from '../audio/decode-stream';
import { probeAudio } from '../audio/probe';
import { embedWatermark } from '../watermark';
import { encodeExportMp3, encodeExportWav, MP3_RATES } from './encode-export';
import type { ExportMetadata } from './export-metadata';
import { channelSpans, redactChannels, type RedactionSpan } from './redact-audio';

export class ExportCancelledError extends Error {
  constructor() {
    super('the export was cancelled');
    this.name = 'ExportCancelledError';
  }
}

export interface AudioExportJob {
  open: OpenStream;
  sizeBytes: number;
  /** The part of the recording to export, in seconds; `to` null means to the end. */
  from: number;
  to: number | null;
  /** Accepted marks in recording time. */
  marks: RedactionSpan[];
  mode: RedactionMode;
  format: ExportFormat;
  meta: ExportMetadata;
  /** The forensic watermark's payload (the export id). */
  payload: Uint8Array;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface RenderedExport {
  bytes: Uint8Array;
  sampleRate: number;
  channels: number;
  durationSec: number;
  /** Marks that touched the exported part on at least one channel. */
  redactionsApplied: number;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function renderAudioExport(job: AudioExportJob): Promise<RenderedExport> {
  const check = () => {
    if (job.signal?.aborted) throw new ExportCancelledError();
  };
  const probe = await probeAudio(job.open, job.sizeBytes);
  const rate = probe.sampleRate;
  const first = Math.max(0, Math.floor(job.from * rate));
  const last = job.to === null ? Infinity : Math.ceil(job.to * rate);
  const totalFrames = Math.max(1, Math.min(last, Math.round(probe.durationSec * rate)) - first);
  const parts: Float32Array[][] = Array.from({ length: probe.channels }, () => []);
  let pos = 0;
  let kept = 0;
  for await (const block of decodeBlocks(job.open, job.sizeBytes, probe)) {
    check();
    const n = block[0]?.length ?? 0;
    const a = Math.max(first, pos);
    const b = Math.min(last, pos + n);
    if (b > a) {
      block.forEach((lane, c) => parts[c].push(lane.slice(a - pos, b - pos)));
      kept += b - a;
    }
    pos += n;
    job.onProgress?.(0.5 * Math.min(1, kept / totalFrames));
    await tick();
    if (pos >= last) break;
  }
  const channels = parts.map((list) => {
    const out = new Float32Array(kept);
    let at = 0;
    for (const p of list) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });
  check();
  const offset = first / rate;
  const local = job.marks.map((m) => ({ start: m.start - offset, end: m.end - offset, channels: m.channels }));
  const applied = local.filter((m) => channels.some((_, c) => channelSpans([m], c, rate, kept).length > 0)).length;
  const redacted = redactChannels(channels, rate, local, { mode: job.mode });
  job.onProgress?.(0.6);
  await tick();
  check();
  const marked = embedWatermark(redacted, rate, job.payload);
  job.onProgress?.(0.75);
  await tick();
  check();
  let bytes: Uint8Array;
  if (job.format === 'wav') bytes = encodeExportWav(marked, rate, job.meta);
  else {
    if (!MP3_RATES.includes(rate)) throw new Error(`MP3 export needs a standard sample rate; this recording is ${rate} Hz: export as WAV`);
    const stereo = marked.length > 2 ? [marked[0], marked[1]] : marked;
    bytes = await encodeExportMp3(stereo, rate, job.meta, { signal: job.signal, onProgress: (f) => job.onProgress?.(0.75 + 0.25 * f) });
  }
  job.onProgress?.(1);
  return { bytes, sampleRate: rate, channels: marked.length, durationSec: kept / rate, redactionsApplied: applied };
}
