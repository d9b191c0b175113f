// The training library: clips trainers cut from calls (title, notes, tags), playlists for a class,
// in-app playback with redactions muted, and redacted, watermarked exports.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Clip, Playlist } from '../../../shared/redaction-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatClock, formatDateTime, plural } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { ExportDialog } from '../export/ExportDialog';
import { Dialog } from '../../components/Dialog';
import { ClipPlayer } from './ClipPlayer';
import './clips.css';

type View = { kind: 'all' } | { kind: 'playlist'; id: string };

export function ClipsScreen({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const openRecording = useApp((s) => s.openRecording);
  const canManage = useApp((s) => s.session?.permissions.includes('clips.manage') ?? false);
  const canExport = useApp((s) => s.session?.permissions.includes('export.audio') ?? false);
  const [clips, setClips] = useState<Clip[] | null>(null);
  const [playlists, setPlaylists] = useState<Playlist[]>([]);
  const [view, setView] = useState<View>({ kind: 'all' });
  const [text, setText] = useState('');
  const query = useDebounced(text, 200);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [playing, setPlaying] = useState<{ list: Clip[]; index: number } | null>(null);
  const [exporting, setExporting] = useState<Clip | null>(null);
  const [naming, setNaming] = useState<null | { id?: string; name: string; description: string }>(null);
  const [confirmDelete, setConfirmDelete] = useState<Clip | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, p] = await Promise.all([call('clips.list', {}), call('playlists.list', {})]);
      setClips(c);
      setPlaylists(p);
    } catch (e) {
      reportError(e, 'clips.list');
    }
  }, [reportError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const byId = useMemo(() => new Map((clips ?? []).map((c) => [c.id, c])), [clips]);
  const playlist = view.kind === 'playlist' ? playlists.find((p) => p.id === view.id) ?? null : null;
  const shown = useMemo(() => {
    const base = playlist ? playlist.clipIds.map((id) => byId.get(id)).filter((c): c is Clip => !!c) : (clips ?? []);
    const q = query.trim().toLowerCase();
    return q ? base.filter((c) => `${c.title} ${c.notes} ${c.tags.join(' ')} ${c.recordingId}`.toLowerCase().includes(q)) : base;
  }, [playlist, byId, clips, query]);
  const selected = selectedId ? byId.get(selectedId) ?? null : null;

  const savePlaylist = async (p: { id?: string; name: string; description: string; clipIds: string[] }) => {
    try {
      const saved = await call('playlists.save', { id: p.id, name: p.name, description: p.description, clipIds: p.clipIds });
      setPlaylists((all) => [...all.filter((x) => x.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
      return saved;
    } catch (e) {
      reportError(e, 'playlists.save');
      return null;
    }
  };

  const move = (i: number, by: number) => {
    if (!playlist) return;
    const ids = [...playlist.clipIds];
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    void savePlaylist({ ...playlist, clipIds: ids });
  };

  const onListKey = (e: React.KeyboardEvent) => {
    const i = shown.findIndex((c) => c.id === selectedId);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = shown[Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setSelectedId(next.id);
    } else if (e.key === 'Enter' && i >= 0) {
      e.preventDefault();
      setPlaying({ list: shown, index: i });
    }
  };

  return (
    <div className="clips">
      <aside className="clips-side" aria-label="Playlists">
        <button type="button" className={`clips-side-item${view.kind === 'all' ? ' active' : ''}`} onClick={() => setView({ kind: 'all' })}>
          All clips <span className="subtle">{clips?.length ?? ''}</span>
        </button>
        <div className="clips-side-head">
          <span className="field-label">Playlists</span>
          {canManage && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setNaming({ name: '', description: '' })} data-testid="playlist-new">
              New
            </button>
          )}
        </div>
        {playlists.length === 0 && <p className="subtle clips-side-empty">No playlists yet. Gather clips for a class here.</p>}
        {playlists.map((p) => (
          <button key={p.id} type="button" className={`clips-side-item${view.kind === 'playlist' && view.id === p.id ? ' active' : ''}`} onClick={() => setView({ kind: 'playlist', id: p.id })}>
            {p.name} <span className="subtle">{p.clipIds.length}</span>
          </button>
        ))}
      </aside>

      <section className="clips-main">
        <header className="clips-head">
          <div>
            <h1>{playlist ? playlist.name : 'Training clips'}</h1>
            <p className="subtle">
              {playlist?.description || (playlist ? plural(playlist.clipIds.length, 'clip') : 'Moments cut from calls for coaching and classes. Exports are always redacted and watermarked.')}
            </p>
          </div>
          <div className="clips-actions">
            <input className="input" type="search" placeholder="Search titles, notes, tags…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search clips" />
            {shown.length > 0 && (
              <button type="button" className="btn btn-primary" onClick={() => setPlaying({ list: shown, index: 0 })} data-testid="clips-play-all">
                Play all
              </button>
            )}
            {playlist && canManage && (
              <>
                <button type="button" className="btn" onClick={() => setNaming({ id: playlist.id, name: playlist.name, description: playlist.description })}>
                  Rename
                </button>
                <button
                  type="button"
                  className="btn btn-ghost"
                  onClick={() =>
                    void call('playlists.delete', { id: playlist.id }).then(
                      () => {
                        setView({ kind: 'all' });
                        void load();
                      },
                      (e) => reportError(e, 'playlists.delete'),
                    )
                  }
                >
                  Delete playlist
                </button>
              </>
            )}
          </div>
        </header>

        {playing && <ClipPlayer clips={playing.list} startIndex={playing.index} onClose={() => setPlaying(null)} />}

        <div className="clips-body">
          <div className="clips-list" role="listbox" aria-label="Clips" tabIndex={0} onKeyDown={onListKey} data-testid="clips-list">
            {clips === null && <p className="subtle clips-empty">Loading…</p>}
            {clips !== null && shown.length === 0 && (
              <p className="subtle clips-empty">{query ? 'No clip matches.' : playlist ? 'This playlist is empty: add clips from “All clips”.' : 'No clips yet. In the player, select a moment and choose “Save as clip”.'}</p>
            )}
            {shown.map((c, i) => (
              <div key={`${c.id}-${i}`} role="option" aria-selected={c.id === selectedId} className={`clip-row${c.id === selectedId ? ' selected' : ''}`} onClick={() => setSelectedId(c.id)} onDoubleClick={() => setPlaying({ list: shown, index: i })}>
                <div className="clip-row-main">
                  <strong>{c.title}</strong>
                  <span className="subtle">
                    {c.recordingId} · {formatClock(c.start)}–{formatClock(c.end)} ({formatClock(c.end - c.start)})
                  </span>
                </div>
                <div className="chips">
                  {c.tags.map((t) => (
                    <span key={t} className="chip">
                      {t}
                    </span>
                  ))}
                </div>
                {playlist && canManage && (
                  <div className="clip-row-order">
                    <button type="button" className="btn btn-ghost btn-sm" aria-label="Move up" disabled={i === 0} onClick={(e) => (e.stopPropagation(), move(i, -1))}>
                      ↑
                    </button>
                    <button type="button" className="btn btn-ghost btn-sm" aria-label="Move down" disabled={i === shown.length - 1} onClick={(e) => (e.stopPropagation(), move(i, 1))}>
                      ↓
                    </button>
                    <button type="button" className="btn btn-ghost btn-sm" aria-label="Remove from playlist" onClick={(e) => (e.stopPropagation(), void savePlaylist({ ...playlist, clipIds: playlist.clipIds.filter((_, k) => k !== i) }))}>
                      ✕
                    </button>
                  </div>
                )}
              </div>
            ))}
          </div>

          <aside className="clip-detail" aria-label="Clip details">
            {!selected ? (
              <p className="subtle">Select a clip to see its notes, play it, add it to a playlist or export it.</p>
            ) : (
              <ClipDetail
                key={selected.id}
                clip={selected}
                canManage={canManage}
                canExport={canExport}
                playlists={playlists}
                onPlay={() => setPlaying({ list: [selected], index: 0 })}
                onOpen={() => openRecording(selected.recordingId, { atSec: selected.start })}
                onExport={() => setExporting(selected)}
                onDelete={() => setConfirmDelete(selected)}
                onSaved={(c) => setClips((all) => (all ?? []).map((x) => (x.id === c.id ? c : x)))}
                onAddTo={(p) => void savePlaylist({ ...p, clipIds: [...p.clipIds, selected.id] })}
              />
            )}
          </aside>
        </div>
      </section>

      {exporting && <ExportDialog recordingId={exporting.recordingId} clip={exporting} onClose={() => setExporting(null)} />}
      {naming && (
        <Dialog
          title={naming.id ? 'Rename playlist' : 'New playlist'}
          confirmLabel={naming.id ? 'Save' : 'Create'}
          confirmDisabled={!naming.name.trim()}
          onCancel={() => setNaming(null)}
          onConfirm={() => {
            const p = playlists.find((x) => x.id === naming.id);
            void savePlaylist({ id: naming.id, name: naming.name.trim(), description: naming.description.trim(), clipIds: p?.clipIds ?? [] }).then((saved) => {
              setNaming(null);
              if (saved) setView({ kind: 'playlist', id: saved.id });
            });
          }}
          testId="playlist-dialog"
        >
          <label className="field">
            <span className="field-label">Name</span>
            <input className="input" value={naming.name} maxLength={120} onChange={(e) => setNaming({ ...naming, name: e.target.value })} placeholder="e.g. New hires — week 1" />
          </label>
          <label className="field">
            <span className="field-label">Description</span>
            <textarea className="input" rows={2} value={naming.description} maxLength={2000} onChange={(e) => setNaming({ ...naming, description: e.target.value })} />
          </label>
        </Dialog>
      )}
      {confirmDelete && (
        <Dialog
          title="Delete this clip?"
          confirmLabel="Delete clip"
          danger
          onCancel={() => setConfirmDelete(null)}
          onConfirm={() =>
            void call('clips.delete', { id: confirmDelete.id }).then(
              () => {
                setConfirmDelete(null);
                setSelectedId(null);
                void load();
              },
              (e) => reportError(e, 'clips.delete'),
            )
          }
        >
          <p>“{confirmDelete.title}” is removed from the library and from every playlist. The call itself is not touched.</p>
        </Dialog>
      )}
    </div>
  );
}

interface DetailProps {
  clip: Clip;
  canManage: boolean;
  canExport: boolean;
  playlists: Playlist[];
  onPlay(): void;
  onOpen(): void;
  onExport(): void;
  onDelete(): void;
  onSaved(c: Clip): void;
  onAddTo(p: Playlist): void;
}

function ClipDetail({ clip, canManage, canExport, playlists, onPlay, onOpen, onExport, onDelete, onSaved, onAddTo }: DetailProps) {
  const reportError = useApp((s) => s.reportError);
  const [title, setTitle] = useState(clip.title);
  const [notes, setNotes] = useState(clip.notes);
  const [tags, setTags] = useState(clip.tags.join(', '));
  const [saving, setSaving] = useState(false);
  const dirty = title !== clip.title || notes !== clip.notes || tags !== clip.tags.join(', ');
  const save = async () => {
    setSaving(true);
    try {
      onSaved(await call('clips.update', { id: clip.id, title: title.trim(), notes, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) }));
    } catch (e) {
      reportError(e, 'clips.update');
    } finally {
      setSaving(false);
    }
  };
  const addable = playlists.filter((p) => !p.clipIds.includes(clip.id));
  return (
    <div className="clip-detail-body">
      <div className="clip-detail-actions">
        <button type="button" className="btn btn-primary" onClick={onPlay}>
          Play
        </button>
        <button type="button" className="btn" onClick={onOpen}>
          Open in player
        </button>
        {canExport && (
          <button type="button" className="btn" onClick={onExport} data-testid="clip-export">
            Export…
          </button>
        )}
      </div>
      <dl className="clip-facts">
        <dt>Call</dt>
        <dd className="mono">{clip.recordingId}</dd>
        <dt>Moment</dt>
        <dd>
          {formatClock(clip.start)}–{formatClock(clip.end)} ({formatClock(clip.end - clip.start)})
        </dd>
        <dt>Saved by</dt>
        <dd>
          {clip.createdBy}, {formatDateTime(clip.createdAt)}
        </dd>
      </dl>
      <label className="field">
        <span className="field-label">Title</span>
        <input className="input" value={title} maxLength={200} disabled={!canManage} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Notes</span>
        <textarea className="input" rows={5} value={notes} maxLength={4000} disabled={!canManage} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Tags (comma separated)</span>
        <input className="input" value={tags} disabled={!canManage} onChange={(e) => setTags(e.target.value)} />
      </label>
      {canManage && (
        <div className="clip-detail-actions">
          <button type="button" className="btn btn-primary" disabled={!dirty || !title.trim() || saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          {addable.length > 0 && (
            <select className="select" value="" onChange={(e) => { const p = addable.find((x) => x.id === e.target.value); if (p) onAddTo(p); }} aria-label="Add to playlist">
              <option value="">Add to playlist…</option>
              {addable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="btn btn-ghost" onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
