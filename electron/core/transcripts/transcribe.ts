// Amazon Transcribe's output JSON: `results.items` (words and punctuation, times as strings), with
// speakers from `speaker_labels.segments` (diarisation) or `channel_labels.channels` (channel
// identification), or a label on each item as newer jobs write it.
import type { Transcript, TranscriptSpeaker } from '../../../shared/player-types';
import { TranscriptFormatError } from './transcript-error';
import { channelSpeaker, DEFAULT_CHANNEL_MAP, groupTurns, type ChannelMap, type SpokenWord } from './turns';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function looksLikeTranscribe(json: unknown): boolean {
  return isObj(json) && isObj(json.results);
}

function fail(message: string): never {
  throw new TranscriptFormatError('invalid', `invalid Amazon Transcribe JSON: ${message}`, 'transcribe');
}

function seconds(v: unknown, where: string): number {
  const n = typeof v === 'string' ? Number(v.trim() === '' ? NaN : v) : typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1e7) fail(`${where} is not a time in seconds (${JSON.stringify(v)?.slice(0, 40)})`);
  return n;
}

function array(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(`${where} must be an array`);
  return v;
}

interface Item {
  type: 'pronunciation' | 'punctuation';
  content: string;
  start: number | null;
  end: number | null;
  label: string | null;
}

function readItem(raw: unknown, where: string, channelLabel: string | null): Item {
  if (!isObj(raw)) fail(`${where} must be an object`);
  const type = raw.type;
  if (type !== 'pronunciation' && type !== 'punctuation') fail(`${where}.type must be "pronunciation" or "punctuation"`);
  const alts = array(raw.alternatives, `${where}.alternatives`);
  const best = alts[0];
  if (!isObj(best) || typeof best.content !== 'string') fail(`${where}.alternatives[0].content must be a string`);
  if (type === 'punctuation') return { type, content: best.content, start: null, end: null, label: null };
  const start = seconds(raw.start_time, `${where}.start_time`);
  const end = seconds(raw.end_time, `${where}.end_time`);
  if (end < start) fail(`${where} ends before it starts`);
  const label = typeof raw.speaker_label === 'string' ? raw.speaker_label : typeof raw.channel_label === 'string' ? raw.channel_label : channelLabel;
  return { type, content: best.content, start, end, label };
}

const key = (start: number, end: number) => `${start.toFixed(3)}-${end.toFixed(3)}`;

function speakerFor(label: string, map: ChannelMap): TranscriptSpeaker {
  const ch = /^ch_(\d{1,2})$/.exec(label);
  if (ch) return channelSpeaker(Number(ch[1]), map);
  const spk = /^spk_(\d{1,3})$/.exec(label);
  if (spk) return { id: label, label: `Speaker ${Number(spk[1]) + 1}`, channel: null };
  return { id: label.slice(0, 64), label: label.slice(0, 200), channel: null };
}

export function fromTranscribe(json: unknown, opts: { callId?: string; channelMap?: ChannelMap } = {}): Transcript {
  if (!isObj(json) || !isObj(json.results)) fail('no "results" object');
  const results = json.results;
  const map = opts.channelMap ?? DEFAULT_CHANNEL_MAP;

  // Who said the word at each time, from whichever labelling the job used.
  const labelAt = new Map<string, string>();
  const speakerSegments: { start: number; end: number; label: string }[] = [];
  if (isObj(results.speaker_labels)) {
    array(results.speaker_labels.segments, 'speaker_labels.segments').forEach((seg, i) => {
      if (!isObj(seg) || typeof seg.speaker_label !== 'string') fail(`speaker_labels.segments[${i}].speaker_label must be a string`);
      speakerSegments.push({ start: seconds(seg.start_time, `speaker_labels.segments[${i}].start_time`), end: seconds(seg.end_time, `speaker_labels.segments[${i}].end_time`), label: seg.speaker_label });
      array(seg.items, `speaker_labels.segments[${i}].items`).forEach((it, j) => {
        if (!isObj(it)) fail(`speaker_labels.segments[${i}].items[${j}] must be an object`);
        const w = `speaker_labels.segments[${i}].items[${j}]`;
        labelAt.set(key(seconds(it.start_time, `${w}.start_time`), seconds(it.end_time, `${w}.end_time`)), typeof it.speaker_label === 'string' ? it.speaker_label : (seg.speaker_label as string));
      });
    });
  }
  let items: Item[];
  const topItems = array(results.items, 'results.items');
  if (topItems.length > 0) {
    items = topItems.map((raw, i) => readItem(raw, `results.items[${i}]`, null));
  } else {
    // Channel identification without a merged list: each channel's items, interleaved by time.
    items = [];
    const channels = isObj(results.channel_labels) ? array(results.channel_labels.channels, 'channel_labels.channels') : [];
    channels.forEach((ch, c) => {
      if (!isObj(ch) || typeof ch.channel_label !== 'string') fail(`channel_labels.channels[${c}].channel_label must be a string`);
      array(ch.items, `channel_labels.channels[${c}].items`).forEach((raw, i) => items.push(readItem(raw, `channel_labels.channels[${c}].items[${i}]`, ch.channel_label as string)));
    });
  }
  if (isObj(results.channel_labels) && topItems.length > 0) {
    array(results.channel_labels.channels, 'channel_labels.channels').forEach((ch, c) => {
      if (!isObj(ch) || typeof ch.channel_label !== 'string') fail(`channel_labels.channels[${c}].channel_label must be a string`);
      for (const raw of array(ch.items, `channel_labels.channels[${c}].items`)) {
        if (isObj(raw) && raw.type === 'pronunciation' && raw.start_time !== undefined && raw.end_time !== undefined) {
          const s = Number(raw.start_time);
          const e = Number(raw.end_time);
          if (Number.isFinite(s) && Number.isFinite(e) && !labelAt.has(key(s, e))) labelAt.set(key(s, e), ch.channel_label as string);
        }
      }
    });
  }

  const speakers = new Map<string, TranscriptSpeaker>();
  const words: SpokenWord[] = [];
  let seg = 0;
  for (const it of items) {
    if (it.type === 'punctuation') {
      const last = words[words.length - 1];
      if (last) last.w += it.content;
      continue;
    }
    const start = it.start as number;
    const end = it.end as number;
    let label = it.label ?? labelAt.get(key(start, end)) ?? null;
    if (label === null && speakerSegments.length) {
      while (seg < speakerSegments.length - 1 && speakerSegments[seg].end <= start) seg++;
      const s = speakerSegments[seg];
      if (s && s.start <= start + 0.01) label = s.label;
    }
    const speaker = label === null ? { id: 'speaker', label: 'Speaker', channel: null } : speakerFor(label, map);
    if (!speakers.has(speaker.id)) speakers.set(speaker.id, speaker);
    if (it.content.trim()) words.push({ w: it.content.trim(), start, end, speaker: speaker.id });
  }
  const jobName = typeof json.jobName === 'string' && json.jobName.trim() ? json.jobName.trim().slice(0, 128) : null;
  const language = typeof results.language_code === 'string' ? results.language_code : typeof json.language_code === 'string' ? json.language_code : 'und';
  return {
    schemaVersion: 1,
    callId: opts.callId ?? jobName ?? 'unknown',
    language,
    source: 'amazon-transcribe',
    speakers: [...speakers.values()].sort((a, b) => (a.channel ?? 99) - (b.channel ?? 99) || a.id.localeCompare(b.id)),
    segments: groupTurns(words),
  };
}
