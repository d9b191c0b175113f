// How audio code reads a file it never holds whole: a function that streams any byte range. The
// store, a plain file, and (later) the decrypting cache all fit behind it, so probing, decoding and
// peaks never care where the bytes live.
import { createReadStream } from 'node:fs';

/** Streams bytes [start, endInclusive] of one file; chunks may be of any size. */
export type OpenStream = (start: number, endInclusive: number) => AsyncIterable<Uint8Array>;

/** Bytes [start, endInclusive], clamped to the file; for headers and tails, never for the audio. */
export async function readRange(open: OpenStream, sizeBytes: number, start: number, endInclusive: number): Promise<Uint8Array> {
  const end = Math.min(endInclusive, sizeBytes - 1);
  if (sizeBytes <= 0 || start > end) return new Uint8Array(0);
  const out = new Uint8Array(end - start + 1);
  let at = 0;
  for await (const chunk of open(start, end)) {
    const take = Math.min(chunk.length, out.length - at);
    out.set(chunk.subarray(0, take), at);
    at += take;
    if (at >= out.length) break;
  }
  return at === out.length ? out : out.subarray(0, at);
}

export function fileOpener(path: string): OpenStream {
  return (start, endInclusive) => createReadStream(path, { start, end: endInclusive, highWaterMark: 64 * 1024 });
}

/**
 * Re-cuts a stream into pieces of at most `max` bytes, so a decoder that copies its input into a
 * fixed buffer (or returns one block per call) stays within a bounded size whatever the source yields.
 */
export async function* limitChunks(source: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += max) yield chunk.subarray(at, Math.min(chunk.length, at + max));
  }
}
