// Transcripts in the index: each turn stored with its time and word timings, and a full-text index
// over the turns, so a search returns the matching words in context and the moment they were said.
import type { Transcript, TranscriptHit, TranscriptSearchResult, SnippetPart } from '../../../shared/player-types';
import type { Db } from '../db/database';
import type { TranscriptFormat } from './transcript-error';

const OPEN = '\u0001';
const CLOSE = '\u0002';

export interface TranscriptStatus {
  path: string;
  format: string | null;
  segments: number;
  error: string | null;
}

/** Folds case and accents and drops punctuation, as the full-text tokenizer does. */
export function foldWord(w: string): string {
  return w
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

interface QueryPart {
  words: string[];
  phrase: boolean;
}

/** "quoted words" are a phrase, other words prefixes; punctuation can never break the FTS syntax. */
export function parseTranscriptQuery(text: string): QueryPart[] {
  const parts: QueryPart[] = [];
  text.split('"').forEach((chunk, i) => {
    const words = chunk
      .split(/\s+/)
      .map((w) => w.replace(/["\p{Cc}]/gu, '').trim())
      .filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (!words.length) return;
    if (i % 2 === 1) parts.push({ words, phrase: true });
    else for (const w of words) parts.push({ words: [w], phrase: false });
  });
  return parts;
}

export function transcriptFtsQuery(parts: QueryPart[]): string | null {
  if (!parts.length) return null;
  return parts.map((p) => (p.phrase ? `"${p.words.join(' ')}"` : `"${p.words[0]}"*`)).join(' ');
}

function snippetParts(s: string): SnippetPart[] {
  const out: SnippetPart[] = [];
  let hit = false;
  let buf = '';
  for (const ch of s) {
    if (ch === OPEN || ch === CLOSE) {
      if (buf) out.push({ text: buf, hit });
      buf = '';
      hit = ch === OPEN;
    } else buf += ch;
  }
  if (buf) out.push({ text: buf, hit });
  return out;
}

/** Where in the turn the query first matches: the start of the first matching word (or phrase). */
export function matchTime(words: [string, number, number][], parts: QueryPart[]): number | null {
  const folded = words.map((w) => foldWord(w[0]));
  let best: number | null = null;
  for (const p of parts) {
    const q = p.words.map(foldWord).filter(Boolean);
    if (!q.length) continue;
    for (let i = 0; i + q.length <= folded.length; i++) {
      const ok = p.phrase ? q.every((w, k) => folded[i + k] === w) : folded[i].startsWith(q[0]);
      if (ok) {
        if (best === null || words[i][1] < best) best = words[i][1];
        break;
      }
    }
  }
  return best;
}

export class TranscriptIndex {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      rid: db.prepare('SELECT rid FROM recordings WHERE id = ?'),
      dropFts: db.prepare('DELETE FROM transcript_fts WHERE rowid IN (SELECT id FROM transcript_segments WHERE rid = ?)'),
      dropSegments: db.prepare('DELETE FROM transcript_segments WHERE rid = ?'),
      dropTranscript: db.prepare('DELETE FROM transcripts WHERE rid = ?'),
      putTranscript: db.prepare('INSERT INTO transcripts (rid, path, format, language, segments, error) VALUES (?, ?, ?, ?, ?, ?)'),
      putSegment: db.prepare('INSERT INTO transcript_segments (rid, seg, speaker, label, start_sec, end_sec, words) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      putFts: db.prepare('INSERT INTO transcript_fts (rowid, text) VALUES (?, ?)'),
      status: db.prepare('SELECT t.path, t.format, t.segments, t.error FROM transcripts t JOIN recordings r ON r.rid = t.rid WHERE r.id = ?'),
    };
  }

  private drop(rid: number): void {
    this.stmt.dropFts.run(rid);
    this.stmt.dropSegments.run(rid);
    this.stmt.dropTranscript.run(rid);
  }

  /** Replaces what is indexed for a call: its transcript, the reason it could not be read, or nothing. */
  replace(callId: string, entry: { path: string; transcript: Transcript; format: TranscriptFormat } | { path: string; error: string } | null): void {
    const r = this.stmt.rid.get(callId) as { rid: number } | undefined;
    if (!r) return;
    this.db.transaction(() => {
      this.drop(r.rid);
      if (!entry) return;
      if ('error' in entry) {
        this.stmt.putTranscript.run(r.rid, entry.path, null, null, 0, entry.error);
        return;
      }
      const t = entry.transcript;
      const labels = new Map(t.speakers.map((s) => [s.id, s.label]));
      this.stmt.putTranscript.run(r.rid, entry.path, entry.format, t.language, t.segments.length, null);
      t.segments.forEach((s, i) => {
        const words = JSON.stringify(s.words.map((w) => [w.w, w.start, w.end]));
        const id = Number(this.stmt.putSegment.run(r.rid, i, s.speaker, labels.get(s.speaker) ?? s.speaker, s.start, s.end, words).lastInsertRowid);
        this.stmt.putFts.run(id, s.text);
      });
    })();
  }

  status(callId: string): TranscriptStatus | null {
    return (this.stmt.status.get(callId) as TranscriptStatus | undefined) ?? null;
  }

  search(text: string, offset = 0, limit = 50): TranscriptSearchResult {
    const parts = parseTranscriptQuery(text);
    const match = transcriptFtsQuery(parts);
    if (!match) return { total: 0, offset, hits: [] };
    const total = (this.db.prepare('SELECT count(*) AS n FROM transcript_fts WHERE transcript_fts MATCH ?').get(match) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT r.id, r.start_time, r.agent_name, r.queue, s.speaker, s.label, s.start_sec, s.end_sec, s.words,
                snippet(transcript_fts, 0, char(1), char(2), '…', 18) AS snip
         FROM transcript_fts f
         JOIN transcript_segments s ON s.id = f.rowid
         JOIN recordings r ON r.rid = s.rid
         WHERE transcript_fts MATCH @match
         ORDER BY f.rank, r.start_ms DESC, s.start_sec
         LIMIT @limit OFFSET @offset`,
      )
      .all({ match, limit, offset }) as {
      id: string;
      start_time: string;
      agent_name: string;
      queue: string | null;
      speaker: string;
      label: string;
      start_sec: number;
      end_sec: number;
      words: string;
      snip: string;
    }[];
    const hits: TranscriptHit[] = rows.map((r) => ({
      recordingId: r.id,
      startTime: r.start_time,
      agentName: r.agent_name,
      queue: r.queue,
      speaker: r.speaker,
      speakerLabel: r.label,
      segmentStart: r.start_sec,
      segmentEnd: r.end_sec,
      atSec: matchTime(JSON.parse(r.words) as [string, number, number][], parts) ?? r.start_sec,
      snippet: snippetParts(r.snip),
    }));
    return { total, offset, hits };
  }
}
