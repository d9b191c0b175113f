// Evaluation forms: the list, every version of a form, a preview with the maximum score, the editor
// (editing a published form starts a new version; evaluations keep the version they were scored
// with), publishing, and JSON import/export.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormDefinition, FormDetail, FormsImportReport, FormSummary, FormVersion } from '../../../shared/qa-types';
import { formProblems } from '../../../shared/qa-form-rules';
import { call, isCommandError } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime, plural } from '../../lib/format';
import { Dialog } from '../../components/Dialog';
import { downloadText } from '../qa-common/download';
import { localDay } from '../qa-common/qa-format';
import { blankForm } from './form-edit';
import { FormEditor } from './FormEditor';
import { FormPreview } from './FormPreview';
import './forms.css';

interface Editing {
  def: FormDefinition;
  /** The latest version when editing began; the backend refuses the save if another appeared since. */
  basedOn: number;
  dirty: boolean;
}

type Ask = null | 'publish' | 'discard' | 'duplicate';

const STATUS_LABEL: Record<FormVersion['status'], string> = { draft: 'Draft', published: 'Published', superseded: 'Superseded' };
const STATUS_CHIP: Record<FormVersion['status'], string> = { draft: 'chip-warn', published: 'chip-ok', superseded: '' };

export function FormsScreen({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<FormDetail | null>(null);
  const [viewVersion, setViewVersion] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask>(null);
  const [dupTitle, setDupTitle] = useState('');
  const [importReport, setImportReport] = useState<FormsImportReport | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const loadList = useCallback(() => {
    call('qa.forms.list', { includeArchived: showArchived }).then(
      (list) => {
        setForms(list);
        setSelectedId((cur) => (cur && list.some((f) => f.id === cur) ? cur : (list[0]?.id ?? null)));
      },
      (e) => reportError(e, 'qa.forms.list'),
    );
  }, [showArchived, reportError]);
  useEffect(loadList, [loadList]);

  const loadDetail = useCallback(
    async (id: string) => {
      try {
        const d = await call('qa.forms.get', { formId: id });
        setDetail(d);
        setViewVersion(d.summary.draftVersion ?? d.summary.publishedVersion ?? d.summary.latestVersion);
        return d;
      } catch (e) {
        reportError(e, 'qa.forms.get');
        return null;
      }
    },
    [reportError],
  );

  useEffect(() => {
    setEditing(null);
    setDetail(null);
    if (selectedId) void loadDetail(selectedId);
  }, [selectedId, loadDetail]);

  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current && !editing) loadList();
    wasActive.current = active;
  }, [active, editing, loadList]);

  const run = async <T,>(label: string, fn: () => Promise<T>, command: Parameters<typeof reportError>[1]): Promise<T | null> => {
    setBusy(label);
    try {
      return await fn();
    } catch (e) {
      if (isCommandError(e) && (e.code === 'invalid_input' || e.code === 'conflict')) setEditError(e.message);
      reportError(e, command);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const newForm = async () => {
    const d = await run('Creating…', () => call('qa.forms.create', { definition: blankForm() }), 'qa.forms.create');
    if (!d) return;
    loadList();
    setSelectedId(d.summary.id);
    setDetail(d);
    setViewVersion(d.summary.latestVersion);
    setEditing({ def: d.versions[0]!.definition, basedOn: d.summary.latestVersion, dirty: false });
  };

  const startEdit = () => {
    if (!detail) return;
    const s = detail.summary;
    const source = detail.versions.find((v) => v.version === (s.draftVersion ?? s.publishedVersion ?? s.latestVersion)) ?? detail.versions[0]!;
    setEditError(null);
    setEditing({ def: structuredClone(source.definition), basedOn: s.latestVersion, dirty: false });
  };

  /** Saves the editor's definition as the draft; returns the draft version. */
  const saveDraft = async (): Promise<FormVersion | null> => {
    if (!detail || !editing) return null;
    setEditError(null);
    const v = await run('Saving…', () => call('qa.forms.saveDraft', { formId: detail.summary.id, definition: editing.def, basedOnVersion: editing.basedOn }), 'qa.forms.saveDraft');
    if (!v) return null;
    setEditing((e) => (e ? { ...e, basedOn: v.version, dirty: false } : e));
    await loadDetail(detail.summary.id);
    loadList();
    return v;
  };

  const publish = async () => {
    if (!detail) return;
    let version = detail.summary.draftVersion;
    if (editing) {
      const v = await saveDraft();
      if (!v) return;
      version = v.version;
    }
    if (!version) return;
    const published = await run('Publishing…', () => call('qa.forms.publish', { formId: detail.summary.id, version: version! }), 'qa.forms.publish');
    setAsk(null);
    if (!published) return;
    setEditing(null);
    await loadDetail(detail.summary.id);
    loadList();
  };

  const discard = async () => {
    if (!detail) return;
    const d = await run('Discarding…', () => call('qa.forms.discardDraft', { formId: detail.summary.id }), 'qa.forms.discardDraft');
    setAsk(null);
    if (!d) return;
    setEditing(null);
    setDetail(d);
    setViewVersion(d.summary.publishedVersion ?? d.summary.latestVersion);
    loadList();
  };

  const duplicate = async () => {
    if (!detail) return;
    const d = await run('Copying…', () => call('qa.forms.duplicate', { formId: detail.summary.id, ...(viewVersion ? { version: viewVersion } : {}), title: dupTitle.trim() }), 'qa.forms.duplicate');
    setAsk(null);
    if (!d) return;
    loadList();
    setSelectedId(d.summary.id);
  };

  const archive = async (archived: boolean) => {
    if (!detail) return;
    const s = await run(archived ? 'Archiving…' : 'Restoring…', () => call('qa.forms.archive', { formId: detail.summary.id, archived }), 'qa.forms.archive');
    if (!s) return;
    await loadDetail(detail.summary.id);
    loadList();
  };

  const exportForms = async (formIds?: string[]) => {
    const file = await run('Exporting…', () => call('qa.forms.export', formIds ? { formIds } : {}), 'qa.forms.export');
    if (!file) return;
    const name = formIds?.length === 1 ? `earmark-form-${formIds[0]}-${localDay(0)}.json` : `earmark-forms-${localDay(0)}.json`;
    downloadText(name, JSON.stringify(file, null, 2), 'application/json');
  };

  const importFile = async (f: File) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await f.text());
    } catch {
      setImportReport({ formsAdded: 0, versionsAdded: 0, versionsUnchanged: 0, lines: [`${f.name} is not JSON: nothing was imported.`] });
      return;
    }
    const report = await run('Importing…', () => call('qa.forms.import', { file: parsed as never }), 'qa.forms.import');
    if (report) {
      setImportReport(report);
      loadList();
    }
  };

  // Ctrl+S saves the draft while editing.
  useEffect(() => {
    if (!active || !editing) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveDraft();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const s = detail?.summary;
  const shown = editing ? null : (detail?.versions.find((v) => v.version === viewVersion) ?? null);
  const problems = editing ? formProblems(editing.def, 'publish') : [];
  const nextVersion = s ? (s.draftVersion ?? s.latestVersion + 1) : 1;

  return (
    <div className="qa-page forms" data-testid="forms-screen">
      <div className="qa-head">
        <div className="qa-title">
          <h1>Evaluation forms</h1>
          <span className="muted">Editing a published form creates a new version; every evaluation keeps the version it was scored with.</span>
        </div>
        <div className="qa-actions">
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            tabIndex={-1}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importFile(f);
            }}
            data-testid="forms-import-file"
          />
          <button type="button" className="btn" onClick={() => fileRef.current?.click()} disabled={busy !== null}>
            Import JSON…
          </button>
          <button type="button" className="btn" onClick={() => void exportForms()} disabled={busy !== null || !forms?.length} data-testid="forms-export-all">
            Export all
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void newForm()} disabled={busy !== null} data-testid="forms-new">
            + New form
          </button>
        </div>
      </div>

      {importReport && (
        <div className="verify-banner verify-ok" role="status" data-testid="forms-import-report">
          <span className="verify-icon" aria-hidden="true">
            ✓
          </span>
          <span className="verify-text">
            <strong>
              Imported {plural(importReport.formsAdded, 'new form')}, {plural(importReport.versionsAdded, 'new version')} ({importReport.versionsUnchanged} unchanged)
            </strong>
            {importReport.lines.map((l, i) => (
              <span key={i}>{l}</span>
            ))}
          </span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setImportReport(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}

      <div className="qa-split forms-split">
        <div className="qa-card forms-side">
          <div className="qa-list" data-testid="forms-list">
            {forms === null ? (
              <p className="qa-empty-note">Loading…</p>
            ) : forms.length === 0 ? (
              <p className="qa-empty-note">No forms yet.</p>
            ) : (
              forms.map((f) => (
                <button key={f.id} type="button" className={`qa-list-item${f.id === selectedId ? ' selected' : ''}`} onClick={() => setSelectedId(f.id)} data-testid="forms-item">
                  <span className="qa-list-title">
                    <span>{f.title}</span>
                  </span>
                  <span className="form-chips">
                    {f.publishedVersion !== null ? <span className="chip chip-ok">v{f.publishedVersion} published</span> : <span className="chip">Unpublished</span>}
                    {f.draftVersion !== null && <span className="chip chip-warn">v{f.draftVersion} draft</span>}
                    {f.builtIn && <span className="chip">Built-in</span>}
                    {f.archived && <span className="chip">Archived</span>}
                  </span>
                  <span className="qa-list-sub">{plural(f.evaluationCount, 'evaluation')}</span>
                </button>
              ))
            )}
          </div>
          <label className="check forms-archived">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
            <span className="check-label">Show archived forms</span>
          </label>
        </div>

        <div className="forms-main">
          {!detail || !s ? (
            <div className="qa-card">
              <p className="qa-empty-note">{forms?.length ? 'Loading…' : 'Create a form, or import one from JSON.'}</p>
            </div>
          ) : (
            <>
              <div className={`qa-card form-head${editing ? ' form-head-sticky' : ''}`}>
                <div className="form-head-row">
                  <div className="sample-title">
                    <h2 data-testid="form-detail-title">{editing ? editing.def.title || 'Untitled form' : s.title}</h2>
                    <span className="subtle">
                      {s.publishedVersion !== null ? `Version ${s.publishedVersion} is in use` : 'Not published yet'}
                      {s.draftVersion !== null ? ` · draft v${s.draftVersion} open` : ''} · {plural(s.evaluationCount, 'evaluation')} · updated {formatDateTime(s.updatedAt)}
                    </span>
                  </div>
                  <div className="qa-actions">
                    {editing ? (
                      <>
                        <span className={`form-save-state${editing.dirty ? ' dirty' : ''}`} data-testid="form-save-state">
                          {busy ?? (editing.dirty ? 'Unsaved changes' : 'Saved')}
                        </span>
                        <button type="button" className="btn" onClick={() => setEditing(null)} disabled={busy !== null}>
                          Close editor
                        </button>
                        <button type="button" className="btn" onClick={() => void saveDraft()} disabled={busy !== null || !editing.dirty} title="Ctrl+S" data-testid="form-save">
                          Save draft
                        </button>
                        <button type="button" className="btn btn-primary" onClick={() => setAsk('publish')} disabled={busy !== null || problems.length > 0} data-testid="form-publish">
                          Publish v{nextVersion}…
                        </button>
                      </>
                    ) : (
                      <>
                        <button type="button" className="btn" onClick={() => void exportForms([s.id])} disabled={busy !== null}>
                          Export JSON
                        </button>
                        <button
                          type="button"
                          className="btn"
                          onClick={() => {
                            setDupTitle(`${s.title} (copy)`);
                            setAsk('duplicate');
                          }}
                          disabled={busy !== null}
                        >
                          Duplicate…
                        </button>
                        <button type="button" className="btn" onClick={() => void archive(!s.archived)} disabled={busy !== null}>
                          {s.archived ? 'Restore' : 'Archive'}
                        </button>
                        {s.draftVersion !== null && (
                          <button type="button" className="btn" onClick={() => setAsk('discard')} disabled={busy !== null}>
                            Discard draft
                          </button>
                        )}
                        {s.draftVersion !== null && (
                          <button type="button" className="btn" onClick={() => setAsk('publish')} disabled={busy !== null} data-testid="form-publish-draft">
                            Publish v{s.draftVersion}…
                          </button>
                        )}
                        <button type="button" className="btn btn-primary" onClick={startEdit} disabled={busy !== null || s.archived} data-testid="form-edit">
                          {s.draftVersion !== null ? `Edit draft v${s.draftVersion}` : s.publishedVersion !== null ? `Edit (creates v${s.latestVersion + 1})` : 'Edit'}
                        </button>
                      </>
                    )}
                  </div>
                </div>
                {!editing && (
                  <div className="versions" role="tablist" aria-label="Versions" data-testid="form-versions">
                    {detail.versions.map((v) => (
                      <button
                        key={v.version}
                        type="button"
                        role="tab"
                        aria-selected={v.version === viewVersion}
                        className={`version${v.version === viewVersion ? ' selected' : ''}`}
                        onClick={() => setViewVersion(v.version)}
                        data-testid="form-version"
                        data-status={v.status}
                      >
                        <span className="version-top">
                          <strong>v{v.version}</strong>
                          <span className={`chip ${STATUS_CHIP[v.status]}`}>{STATUS_LABEL[v.status]}</span>
                        </span>
                        <span className="subtle">
                          {v.publishedAt ? `${formatDateTime(v.publishedAt)} · ${v.publishedBy ?? ''}` : `${formatDateTime(v.createdAt)} · ${v.createdBy}`}
                        </span>
                        <span className="subtle">{plural(v.evaluationCount, 'evaluation')}</span>
                      </button>
                    ))}
                  </div>
                )}
              </div>

              {editing ? (
                <div className="forms-edit-layout">
                  <FormEditor
                    def={editing.def}
                    onChange={(def) => {
                      setEditError(null);
                      setEditing((e) => (e ? { ...e, def, dirty: true } : e));
                    }}
                  />
                  <aside className="forms-edit-side">
                    <div className="qa-card qa-card-body" data-testid="form-problems">
                      <h3 className="qa-section-title">{problems.length === 0 ? 'Ready to publish' : `${plural(problems.length, 'problem')} to fix before publishing`}</h3>
                      {problems.length === 0 ? (
                        <p className="subtle">Publishing makes this version the one new evaluations use. {s.evaluationCount > 0 ? `Existing evaluations keep their version.` : ''}</p>
                      ) : (
                        <ul className="problems">
                          {problems.slice(0, 12).map((p, i) => (
                            <li key={i}>{p.message}</li>
                          ))}
                        </ul>
                      )}
                      {editError && <p className="field-error">{editError}</p>}
                    </div>
                    <details className="qa-card qa-card-body preview-toggle">
                      <summary>Preview with maximum score</summary>
                      <FormPreview def={editing.def} />
                    </details>
                  </aside>
                </div>
              ) : shown ? (
                <FormPreview def={shown.definition} />
              ) : null}
            </>
          )}
        </div>
      </div>

      {ask === 'publish' && s && (
        <Dialog title={`Publish version ${editing ? nextVersion : s.draftVersion}?`} confirmLabel="Publish" busy={busy !== null} onConfirm={() => void publish()} onCancel={() => setAsk(null)} testId="publish-dialog">
          <p>New evaluations with “{editing?.def.title ?? s.title}” will use this version.</p>
          {s.publishedVersion !== null && <p>Version {s.publishedVersion} becomes superseded; the evaluations scored with it keep it.</p>}
        </Dialog>
      )}
      {ask === 'discard' && s && (
        <Dialog title={`Discard draft v${s.draftVersion}?`} confirmLabel="Discard draft" danger busy={busy !== null} onConfirm={() => void discard()} onCancel={() => setAsk(null)}>
          <p>The unpublished changes are removed. Published versions are not affected.</p>
        </Dialog>
      )}
      {ask === 'duplicate' && s && (
        <Dialog title="Duplicate the form" confirmLabel="Duplicate" confirmDisabled={!dupTitle.trim()} busy={busy !== null} onConfirm={() => void duplicate()} onCancel={() => setAsk(null)}>
          <p>Copies version {viewVersion} into a new, unpublished form.</p>
          <label className="field">
            <span className="field-label">Title of the copy</span>
            <input className="input" value={dupTitle} onChange={(e) => setDupTitle(e.target.value)} maxLength={200} />
          </label>
        </Dialog>
      )}
    </div>
  );
}
