// The only road from a recording to the player: a Fetch Request in, a Response out, honouring HTTP
// Range. A plain function, so Electron's protocol.handle, the end-to-end harness and unit tests all
// run the same code.
import { Readable } from 'node:stream';

export interface MediaSource {
  size: number;
  contentType: string;
  /** Bytes [start, endInclusive], streamed. */
  open(start: number, endInclusive: number): Readable;
}

/** null: no such recording, or the session may not hear it (both 404, so ids cannot be probed). */
export type MediaResolver = (recordingId: string) => Promise<MediaSource | null>;

export type ByteRange = { start: number; end: number };

/** RFC 9110 single byte range; 'invalid' for anything we will not serve, null when absent. */
export function parseRange(header: string | null, size: number): ByteRange | 'invalid' | null {
  if (header === null) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'invalid';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

export function recordingIdFromUrl(url: string): string | null {
  try {
    const path = new URL(url).pathname;
    const last = path.slice(path.lastIndexOf('/') + 1);
    const id = decodeURIComponent(last);
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

export async function handleMediaRequest(request: Request, resolve: MediaResolver): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  const id = recordingIdFromUrl(request.url);
  const source = id ? await resolve(id) : null;
  if (!source) return new Response('not found', { status: 404 });
  // CORS lets the player's Web Audio graph (lane mute/solo) hear the audio; only Earmark's own window
  // can reach this scheme, so any origin is fine.
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': source.contentType, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' };
  const range = parseRange(request.headers.get('range'), source.size);
  if (range === 'invalid') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${source.size}` } });
  }
  const { start, end } = range ?? { start: 0, end: source.size - 1 };
  const length = source.size === 0 ? 0 : end - start + 1;
  const headers: Record<string, string> = { ...base, 'Content-Length': String(length) };
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${source.size}`;
  const body = request.method === 'HEAD' || length === 0 ? null : (Readable.toWeb(source.open(start, end)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
}

export const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus',
  flac: 'audio/flac',
};
