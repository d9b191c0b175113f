// WebVTT captions with voice tags (`<v Agent>Hello</v>`). Cues carry a time span; words get their
// times from inline timestamps (`<00:00:01.500>`) when the file has them, otherwise the cue's time
// is shared out over its words in proportion to their length.
import type { Transcript, TranscriptSpeaker } from '../../../shared/player-types';
import { TranscriptFormatError } from './transcript-error';
import { DEFAULT_CHANNEL_MAP, groupTurns, namedSpeaker, spreadWords, type ChannelMap, type SpokenWord } from './turns';

export function looksLikeWebVtt(text: string): boolean {
  return /^WEBVTT(?:[ \t]|\r|\n|$)/.test(text);
}

function fail(line: number, message: string): never {
  throw new TranscriptFormatError('invalid', `invalid WebVTT, line ${line}: ${message}`, 'webvtt');
}

const TIMESTAMP = /^(?:(\d{1,9}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function timestamp(s: string): number | null {
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  return (m[1] ? Number(m[1]) * 3600 : 0) + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** One voice's text within a cue, split at inline timestamps. */
interface Run {
  voice: string | null;
  pieces: { at: number | null; text: string }[];
}

function parsePayload(payload: string): Run[] {
  const runs: Run[] = [];
  let run: Run = { voice: null, pieces: [{ at: null, text: '' }] };
  runs.push(run);
  const piece = () => run.pieces[run.pieces.length - 1];
  const re = /<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(payload); m; m = re.exec(payload)) {
    piece().text += payload.slice(last, m.index);
    last = re.lastIndex;
    const tag = m[1].trim();
    const at = timestamp(tag);
    if (at !== null) {
      run.pieces.push({ at, text: '' });
    } else if (/^v[.\s]/.test(tag) || tag === 'v') {
      const name = tag.replace(/^v(\.[^\s]*)?\s*/, '');
      run = { voice: decode(name).trim() || null, pieces: [{ at: null, text: '' }] };
      runs.push(run);
    }
    // Other tags (c, i, b, u, lang, ruby, rt), closing tags and unknown ones only style the text.
  }
  piece().text += payload.slice(last);
  return runs.filter((r) => r.pieces.some((p) => p.text.trim()));
}

export function fromWebVtt(input: string, opts: { callId?: string; channelMap?: ChannelMap } = {}): Transcript {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!looksLikeWebVtt(text)) throw new TranscriptFormatError('invalid', 'invalid WebVTT: the file must start with "WEBVTT"', 'webvtt');
  const map = opts.channelMap ?? DEFAULT_CHANNEL_MAP;
  const lines = text.split('\n');
  let language = 'und';
  let i = 1;
  // Header lines run to the first blank line; an old-style "Language: en-US" names the language.
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    const m = /^Language:\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\s*$/.exec(lines[i]);
    if (m) language = m[1];
  }
  const speakers = new Map<string, TranscriptSpeaker>();
  const words: SpokenWord[] = [];
  let lastVoice: string | null = null;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block[0])) continue;
    const t = block[0].includes('-->') ? 0 : 1;
    if (t >= block.length || !block[t].includes('-->')) fail(blockStart + 1, 'expected a cue timing like "00:00:01.000 --> 00:00:04.000"');
    const timing = /^\s*(\S+)\s+-->\s+(\S+)/.exec(block[t]);
    const start = timing ? timestamp(timing[1]) : null;
    const end = timing ? timestamp(timing[2]) : null;
    if (start === null || end === null) fail(blockStart + t + 1, `"${block[t].slice(0, 60)}" is not a cue timing like "00:00:01.000 --> 00:00:04.000"`);
    if (end < start) fail(blockStart + t + 1, 'the cue ends before it starts');
    const runs = parsePayload(block.slice(t + 1).join('\n'));
    // Every word of the cue, with an inline timestamp's time where there is one.
    const cueWords: { w: string; at: number | null; voice: string | null }[] = [];
    for (const r of runs) {
      const voice: string | null = r.voice ?? lastVoice;
      lastVoice = voice;
      for (const p of r.pieces) {
        decode(p.text)
          .split(/\s+/)
          .filter((w) => w.length > 0)
          .forEach((w, k) => cueWords.push({ w, at: k === 0 ? p.at : null, voice }));
      }
    }
    if (cueWords.length === 0) continue;
    // Anchors: the cue's start, each inline timestamp, the cue's end. The words between two anchors
    // share the time between them by length (with no timestamps, that is the whole cue).
    const times: { start: number; end: number }[] = new Array(cueWords.length);
    let from = 0;
    const firstAt = cueWords[0].at;
    let fromAt = firstAt === null ? start : Math.min(end, Math.max(start, firstAt));
    for (let k = 1; k <= cueWords.length; k++) {
      const at = k === cueWords.length ? end : cueWords[k].at;
      if (at === null) continue;
      const to = Math.min(end, Math.max(fromAt, at));
      spreadWords(cueWords.slice(from, k).map((w) => w.w), fromAt, to).forEach((t, j) => (times[from + j] = t));
      from = k;
      fromAt = to;
    }
    cueWords.forEach((w, k) => {
      const speaker = w.voice === null ? { id: 'speaker', label: 'Speaker', channel: null } : namedSpeaker(w.voice, map);
      if (!speakers.has(speaker.id)) speakers.set(speaker.id, speaker);
      words.push({ w: w.w, start: times[k].start, end: times[k].end, speaker: speaker.id });
    });
  }
  return {
    schemaVersion: 1,
    callId: opts.callId ?? 'unknown',
    language,
    source: 'webvtt',
    speakers: [...speakers.values()].sort((a, b) => (a.channel ?? 99) - (b.channel ?? 99) || a.id.localeCompare(b.id)),
    segments: groupTurns(words),
  };
}
