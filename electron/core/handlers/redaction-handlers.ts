// Redaction marks and suggestions, the redacted transcript, training clips and playlists.
import type { PiiKind } from '../redaction/pii-detectors';
import type { RedactionReason } from '../../../shared/redaction-types';
import { ClipRepo } from '../clips/clip-repo';
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import { detectPii } from '../redaction/pii-detectors';
import { redactTranscript } from '../redaction/redact-transcript';
import { RedactionRepo } from '../redaction/redaction-repo';
import type { Services } from '../services';
import { loadTranscript } from '../transcripts/load-transcript';

export const REASON_OF_KIND: Record<PiiKind, RedactionReason> = {
  pan: 'card_number',
  cvv: 'security_code',
  expiry: 'expiry',
  ssn: 'ssn',
  dob: 'date_of_birth',
  phone: 'phone',
  email: 'email',
  bank_account: 'bank_account',
};

type Names =
  | 'redaction.list'
  | 'redaction.suggest'
  | 'redaction.add'
  | 'redaction.update'
  | 'redaction.review'
  | 'redaction.remove'
  | 'redaction.transcript'
  | 'clips.list'
  | 'clips.create'
  | 'clips.update'
  | 'clips.delete'
  | 'playlists.list'
  | 'playlists.save'
  | 'playlists.delete';

export function redactionHandlers(s: Services): Pick<Handlers, Names> {
  const marks = new RedactionRepo(s.db);
  const clips = new ClipRepo(s.db);
  const recording = (id: string) => {
    const rec = s.recordings.detail(id);
    if (!rec) throw notFound(`recording ${id}`);
    return rec;
  };
  const withinCall = (id: string, start: number, end: number) => {
    const rec = recording(id);
    // A little slack: durations from headers and from decoding may differ by a frame.
    if (start >= rec.durationSec + 0.5 || end > rec.durationSec + 0.5) {
      throw new HandlerError('conflict', `${start.toFixed(1)}–${end.toFixed(1)} s is outside the call (${rec.durationSec.toFixed(1)} s long)`);
    }
    return rec;
  };
  const channelsFit = (id: string, channels: number[] | null) => {
    const count = recording(id).audio.channels ?? 2;
    if (channels && channels.some((c) => c >= count)) throw new HandlerError('conflict', `the recording has ${count} channel(s)`);
  };
  const mark = (id: string) => {
    const m = marks.get(id);
    if (!m) throw notFound('that redaction mark');
    return m;
  };
  const clip = (id: string) => {
    const c = clips.get(id);
    if (!c) throw notFound('that clip');
    return c;
  };

  return {
    'redaction.list': ({ recordingId }) => {
      recording(recordingId);
      return marks.list(recordingId);
    },
    'redaction.suggest': async ({ recordingId }, ctx) => {
      recording(recordingId);
      const transcript = await loadTranscript(s, recordingId);
      if (!transcript) throw new HandlerError('not_found', `recording ${recordingId} has no transcript to suggest redactions from`);
      const found = detectPii(transcript);
      const r = marks.replaceSuggestions(
        recordingId,
        found.map((f) => ({
          start: f.start,
          end: f.end,
          channels: f.channel === null ? null : [f.channel],
          reason: REASON_OF_KIND[f.kind],
          note: f.reason,
          createdBy: ctx.actor.name,
          at: s.now(),
        })),
      );
      ctx.note(`${found.length} found, ${r.added} new suggestion(s)`);
      return marks.list(recordingId);
    },
    'redaction.add': (i, ctx) => {
      withinCall(i.recordingId, i.start, i.end);
      channelsFit(i.recordingId, i.channels);
      const m = marks.add({ ...i, status: 'accepted', source: 'manual', note: null, createdBy: ctx.actor.name, at: s.now() });
      ctx.note(`${m.reason} on ${m.channels === null ? 'all channels' : `channel ${m.channels.join(',')}`}`);
      return m;
    },
    'redaction.update': (i) => {
      const cur = mark(i.id);
      const start = i.start ?? cur.start;
      const end = i.end ?? cur.end;
      if (end <= start) throw new HandlerError('conflict', 'the end must be after the start');
      withinCall(cur.recordingId, start, end);
      if (i.channels !== undefined) channelsFit(cur.recordingId, i.channels);
      return marks.update(i.id, { start: i.start, end: i.end, channels: i.channels, reason: i.reason });
    },
    'redaction.review': ({ id, decision }, ctx) => {
      mark(id);
      return marks.review(id, decision === 'accept' ? 'accepted' : 'rejected', ctx.actor.name, s.now());
    },
    'redaction.remove': ({ id }) => {
      mark(id);
      marks.remove(id);
      return null;
    },
    'redaction.transcript': async ({ recordingId }) => {
      recording(recordingId);
      const t = await loadTranscript(s, recordingId);
      return t ? redactTranscript(t, marks.accepted(recordingId)) : null;
    },

    'clips.list': (q) => clips.list(q),
    'clips.create': (i, ctx) => {
      withinCall(i.recordingId, i.start, i.end);
      return clips.create({ ...i, createdBy: ctx.actor.name }, s.now());
    },
    'clips.update': (i) => {
      const cur = clip(i.id);
      const start = i.start ?? cur.start;
      const end = i.end ?? cur.end;
      if (end <= start) throw new HandlerError('conflict', 'the end must be after the start');
      withinCall(cur.recordingId, start, end);
      const { id, ...patch } = i;
      return clips.update(id, patch);
    },
    'clips.delete': ({ id }) => {
      clip(id);
      clips.remove(id);
      return null;
    },
    'playlists.list': () => clips.playlists(),
    'playlists.save': (p, ctx) => {
      if (p.id && !clips.playlist(p.id)) throw notFound('that playlist');
      for (const c of p.clipIds) clip(c);
      return clips.savePlaylist({ ...p, createdBy: ctx.actor.name }, s.now());
    },
    'playlists.delete': ({ id }) => {
      if (!clips.removePlaylist(id)) throw notFound('that playlist');
      return null;
    },
  };
}
