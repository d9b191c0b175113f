// Training clips (a region of a call with a title, notes and tags) and playlists of clips for a class.
import { randomUUID } from 'node:crypto';
import type { Clip, Playlist } from '../../../shared/redaction-types';
import type { Db } from '../db/database';

interface ClipRow {
  id: string;
  recording_id: string;
  start_sec: number;
  end_sec: number;
  title: string;
  notes: string;
  tags: string;
  created_by: string;
  created_at: string;
}

const toClip = (r: ClipRow): Clip => ({
  id: r.id,
  recordingId: r.recording_id,
  start: r.start_sec,
  end: r.end_sec,
  title: r.title,
  notes: r.notes,
  tags: JSON.parse(r.tags) as string[],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();

export class ClipRepo {
  constructor(private readonly db: Db) {}

  list(filter: { recordingId?: string; text?: string; tag?: string } = {}): Clip[] {
    const rows = (filter.recordingId
      ? this.db.prepare('SELECT * FROM clips WHERE recording_id = ? ORDER BY start_sec').all(filter.recordingId)
      : this.db.prepare('SELECT * FROM clips ORDER BY created_at DESC').all()) as ClipRow[];
    const text = filter.text?.toLowerCase();
    return rows
      .map(toClip)
      .filter((c) => !filter.tag || c.tags.includes(filter.tag))
      .filter((c) => !text || `${c.title} ${c.notes} ${c.tags.join(' ')} ${c.recordingId}`.toLowerCase().includes(text));
  }

  get(id: string): Clip | null {
    const r = this.db.prepare('SELECT * FROM clips WHERE id = ?').get(id) as ClipRow | undefined;
    return r ? toClip(r) : null;
  }

  create(c: Omit<Clip, 'id' | 'createdAt'>, at: Date): Clip {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO clips (id, recording_id, start_sec, end_sec, title, notes, tags, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, c.recordingId, c.start, c.end, c.title, c.notes, JSON.stringify(cleanTags(c.tags)), c.createdBy, at.toISOString());
    return this.get(id)!;
  }

  update(id: string, patch: Partial<Pick<Clip, 'start' | 'end' | 'title' | 'notes' | 'tags'>>): Clip {
    const cur = this.get(id)!;
    const n = { ...cur, ...patch };
    this.db.prepare('UPDATE clips SET start_sec = ?, end_sec = ?, title = ?, notes = ?, tags = ? WHERE id = ?').run(n.start, n.end, n.title, n.notes, JSON.stringify(cleanTags(n.tags)), id);
    return this.get(id)!;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM clips WHERE id = ?').run(id).changes > 0;
  }

  playlists(): Playlist[] {
    const rows = this.db.prepare('SELECT * FROM playlists ORDER BY name COLLATE NOCASE').all() as { id: string; name: string; description: string; created_by: string; created_at: string }[];
    const items = this.db.prepare('SELECT clip_id FROM playlist_items WHERE playlist_id = ? ORDER BY position');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      clipIds: (items.all(r.id) as { clip_id: string }[]).map((i) => i.clip_id),
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  playlist(id: string): Playlist | null {
    return this.playlists().find((p) => p.id === id) ?? null;
  }

  savePlaylist(p: { id?: string; name: string; description: string; clipIds: string[]; createdBy: string }, at: Date): Playlist {
    const id = p.id ?? randomUUID();
    this.db.transaction(() => {
      if (p.id) this.db.prepare('UPDATE playlists SET name = ?, description = ? WHERE id = ?').run(p.name, p.description, id);
      else this.db.prepare('INSERT INTO playlists (id, name, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(id, p.name, p.description, p.createdBy, at.toISOString());
      this.db.prepare('DELETE FROM playlist_items WHERE playlist_id = ?').run(id);
      const add = this.db.prepare('INSERT INTO playlist_items (playlist_id, position, clip_id) VALUES (?, ?, ?)');
      p.clipIds.forEach((clipId, i) => add.run(id, i, clipId));
    })();
    return this.playlist(id)!;
  }

  removePlaylist(id: string): boolean {
    return this.db.prepare('DELETE FROM playlists WHERE id = ?').run(id).changes > 0;
  }
}
