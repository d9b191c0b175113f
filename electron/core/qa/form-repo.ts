// Evaluation forms and their versions. A version is a draft until published; once published it is
// frozen (the schema refuses changes), so every evaluation keeps exactly the form it was scored with.
// Editing a published form therefore starts a new draft version.
import { createHash, randomUUID } from 'node:crypto';
import type {
  FormDefinition,
  FormDetail,
  FormsFile,
  FormsImportReport,
  FormSummary,
  FormVersion,
  FormVersionStatus,
} from '../../../shared/qa-types';
import type { Db } from '../db/database';
import { HandlerError, notFound } from '../errors';
import { formProblems } from './scoring';
import type { Who } from './who';

interface VersionRow {
  form_id: string;
  version: number;
  status: FormVersionStatus;
  title: string;
  definition: string;
  content_hash: string;
  created_at: string;
  created_by: string;
  published_at: string | null;
  published_by: string | null;
  evaluations?: number;
}

interface FormRow {
  id: string;
  archived: number;
  built_in: number;
  created_at: string;
  updated_at: string;
}

/** JSON with sorted keys: the same definition always hashes the same, whatever order keys came in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const contentHash = (def: FormDefinition): string => createHash('sha256').update(canonicalJson(def)).digest('hex');

function toVersion(r: VersionRow): FormVersion {
  return {
    formId: r.form_id,
    version: r.version,
    status: r.status,
    definition: JSON.parse(r.definition) as FormDefinition,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    createdBy: r.created_by,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    evaluationCount: r.evaluations ?? 0,
  };
}

const VERSION_SELECT = `SELECT v.*, (SELECT count(*) FROM qa_evaluations e WHERE e.form_id = v.form_id AND e.form_version = v.version) AS evaluations
  FROM qa_form_versions v`;

export class FormRepo {
  constructor(private readonly db: Db) {}

  private formRow(id: string): FormRow | undefined {
    return this.db.prepare('SELECT * FROM qa_forms WHERE id = ?').get(id) as FormRow | undefined;
  }

  private requireForm(id: string): FormRow {
    const f = this.formRow(id);
    if (!f) throw notFound(`form ${id}`);
    return f;
  }

  isEmpty(): boolean {
    return !this.db.prepare('SELECT 1 FROM qa_forms LIMIT 1').get();
  }

  list(includeArchived: boolean): FormSummary[] {
    const rows = this.db.prepare(`SELECT * FROM qa_forms ${includeArchived ? '' : 'WHERE archived = 0'}`).all() as FormRow[];
    return rows.map((f) => this.summary(f)).sort((a, b) => a.title.localeCompare(b.title));
  }

  private summary(f: FormRow): FormSummary {
    const versions = this.db
      .prepare("SELECT version, status, title, json_extract(definition, '$.description') AS description FROM qa_form_versions WHERE form_id = ? ORDER BY version DESC")
      .all(f.id) as (Pick<VersionRow, 'version' | 'status' | 'title'> & { description: string | null })[];
    const published = versions.find((v) => v.status === 'published');
    const draft = versions.find((v) => v.status === 'draft');
    const count = (this.db.prepare('SELECT count(*) AS n FROM qa_evaluations WHERE form_id = ?').get(f.id) as { n: number }).n;
    return {
      id: f.id,
      title: (published ?? versions[0])?.title ?? f.id,
      description: (published ?? versions[0])?.description ?? null,
      publishedVersion: published?.version ?? null,
      draftVersion: draft?.version ?? null,
      latestVersion: versions[0]?.version ?? 0,
      archived: f.archived === 1,
      builtIn: f.built_in === 1,
      updatedAt: f.updated_at,
      evaluationCount: count,
    };
  }

  detail(id: string): FormDetail {
    const f = this.requireForm(id);
    const versions = (this.db.prepare(`${VERSION_SELECT} WHERE v.form_id = ? ORDER BY v.version DESC`).all(id) as VersionRow[]).map(toVersion);
    return { summary: this.summary(f), versions };
  }

  version(id: string, version: number): FormVersion {
    const r = this.db.prepare(`${VERSION_SELECT} WHERE v.form_id = ? AND v.version = ?`).get(id, version) as VersionRow | undefined;
    if (!r) throw notFound(`version ${version} of form ${id}`);
    return toVersion(r);
  }

  /** The version new evaluations use. */
  published(id: string): FormVersion {
    const f = this.requireForm(id);
    if (f.archived) throw new HandlerError('conflict', `form ${id} is archived; restore it to evaluate with it`);
    const r = this.db.prepare(`${VERSION_SELECT} WHERE v.form_id = ? AND v.status = 'published'`).get(id) as VersionRow | undefined;
    if (!r) throw new HandlerError('conflict', `form ${id} has not been published yet`);
    return toVersion(r);
  }

  private insertVersion(formId: string, version: number, status: FormVersionStatus, def: FormDefinition, at: string, by: string, publishedAt: string | null = null, publishedBy: string | null = null): void {
    this.db
      .prepare(
        `INSERT INTO qa_form_versions (form_id, version, status, title, definition, content_hash, created_at, created_by, published_at, published_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(formId, version, status, def.title, JSON.stringify(def), contentHash(def), at, by, publishedAt, publishedBy);
  }

  private touch(id: string, at: string): void {
    this.db.prepare('UPDATE qa_forms SET updated_at = ? WHERE id = ?').run(at, id);
  }

  create(def: FormDefinition, who: Who, at: string, opts: { id?: string; builtIn?: boolean } = {}): string {
    const id = opts.id ?? randomUUID();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO qa_forms (id, archived, built_in, created_at, updated_at) VALUES (?, 0, ?, ?, ?)').run(id, opts.builtIn ? 1 : 0, at, at);
      this.insertVersion(id, 1, 'draft', def, at, who.name);
    })();
    return id;
  }

  /** Saves the draft; when the latest version is published, the draft becomes a new version. */
  saveDraft(id: string, def: FormDefinition, basedOn: number, who: Who, at: string): FormVersion {
    return this.db.transaction(() => {
      this.requireForm(id);
      const latest = this.db.prepare('SELECT version, status FROM qa_form_versions WHERE form_id = ? ORDER BY version DESC LIMIT 1').get(id) as { version: number; status: FormVersionStatus };
      if (basedOn !== latest.version) {
        throw new HandlerError('conflict', `form ${id} changed since you opened it (now at version ${latest.version}); reopen it and apply your edits again`);
      }
      let version = latest.version;
      if (latest.status === 'draft') {
        this.db.prepare("UPDATE qa_form_versions SET definition = ?, title = ?, content_hash = ?, created_at = ?, created_by = ? WHERE form_id = ? AND version = ? AND status = 'draft'")
          .run(JSON.stringify(def), def.title, contentHash(def), at, who.name, id, version);
      } else {
        version = latest.version + 1;
        this.insertVersion(id, version, 'draft', def, at, who.name);
      }
      this.touch(id, at);
      return this.version(id, version);
    })();
  }

  publish(id: string, version: number, who: Who, at: string): FormVersion {
    return this.db.transaction(() => {
      const v = this.version(id, version);
      if (v.status !== 'draft') throw new HandlerError('conflict', `version ${version} of form ${id} is already ${v.status}`);
      const problems = formProblems(v.definition, 'publish');
      if (problems.length) throw new HandlerError('conflict', `the form cannot be published yet: ${problems.map((p) => p.message).join('; ')}`);
      this.db.prepare("UPDATE qa_form_versions SET status = 'superseded' WHERE form_id = ? AND status = 'published'").run(id);
      this.db.prepare("UPDATE qa_form_versions SET status = 'published', published_at = ?, published_by = ? WHERE form_id = ? AND version = ?").run(at, who.name, id, version);
      this.touch(id, at);
      return this.version(id, version);
    })();
  }

  discardDraft(id: string, at: string): void {
    this.db.transaction(() => {
      this.requireForm(id);
      const draft = this.db.prepare("SELECT version FROM qa_form_versions WHERE form_id = ? AND status = 'draft'").get(id) as { version: number } | undefined;
      if (!draft) throw new HandlerError('conflict', `form ${id} has no draft to discard`);
      const versions = (this.db.prepare('SELECT count(*) AS n FROM qa_form_versions WHERE form_id = ?').get(id) as { n: number }).n;
      if (versions === 1) throw new HandlerError('conflict', 'this form was never published, so its draft is all there is: archive the form instead');
      this.db.prepare("DELETE FROM qa_form_versions WHERE form_id = ? AND status = 'draft'").run(id);
      this.touch(id, at);
    })();
  }

  exists(id: string): boolean {
    return this.formRow(id) !== undefined;
  }

  setArchived(id: string, archived: boolean, at: string): void {
    this.requireForm(id);
    this.db.prepare('UPDATE qa_forms SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, at, id);
  }

  exportFile(ids: string[] | undefined, at: string): FormsFile {
    const forms = ids ? ids.map((id) => this.requireForm(id)) : (this.db.prepare('SELECT * FROM qa_forms ORDER BY created_at, id').all() as FormRow[]);
    return {
      format: 'earmark-forms',
      schemaVersion: 1,
      exportedAt: at,
      forms: forms.map((f) => ({
        id: f.id,
        archived: f.archived === 1,
        builtIn: f.built_in === 1,
        versions: (this.db.prepare('SELECT * FROM qa_form_versions WHERE form_id = ? ORDER BY version').all(f.id) as VersionRow[]).map((r) => ({
          version: r.version,
          status: r.status,
          definition: JSON.parse(r.definition) as FormDefinition,
          createdAt: r.created_at,
          createdBy: r.created_by,
          publishedAt: r.published_at,
          publishedBy: r.published_by,
        })),
      })),
    };
  }

  /**
   * A new form arrives with all its versions as they were. For a form that exists, versions whose
   * content is already there are skipped and the others are appended as new versions (never
   * overwriting history); the file's published version becomes the published one.
   */
  importFile(file: FormsFile, who: Who, at: string): FormsImportReport {
    const report: FormsImportReport = { formsAdded: 0, versionsAdded: 0, versionsUnchanged: 0, lines: [] };
    this.db.transaction(() => {
      for (const f of file.forms) {
        const versions = [...f.versions].sort((a, b) => a.version - b.version);
        const title = versions.at(-1)!.definition.title;
        const published = versions.filter((v) => v.status === 'published');
        const drafts = versions.filter((v) => v.status === 'draft');
        if (published.length > 1 || drafts.length > 1) throw new HandlerError('conflict', `form ${f.id} ("${title}") in the file has more than one published or draft version`);
        for (const v of versions) {
          if (v.status !== 'draft') {
            const problems = formProblems(v.definition, 'publish');
            if (problems.length) throw new HandlerError('conflict', `form ${f.id} version ${v.version} in the file is not a complete form: ${problems[0].message}`);
          }
        }
        if (!this.formRow(f.id)) {
          if (new Set(versions.map((v) => v.version)).size !== versions.length) throw new HandlerError('conflict', `form ${f.id} in the file lists a version twice`);
          this.db.prepare('INSERT INTO qa_forms (id, archived, built_in, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(f.id, f.archived ? 1 : 0, f.builtIn ? 1 : 0, versions[0].createdAt, at);
          for (const v of versions) this.insertVersion(f.id, v.version, v.status, v.definition, v.createdAt, v.createdBy, v.publishedAt, v.publishedBy);
          report.formsAdded++;
          report.versionsAdded += versions.length;
          report.lines.push(`added "${title}" (${f.id}) with ${versions.length} version(s)`);
          continue;
        }
        const known = new Set((this.db.prepare('SELECT content_hash FROM qa_form_versions WHERE form_id = ?').all(f.id) as { content_hash: string }[]).map((r) => r.content_hash));
        const hasDraft = !!this.db.prepare("SELECT 1 FROM qa_form_versions WHERE form_id = ? AND status = 'draft'").get(f.id);
        let added = 0;
        let unchanged = 0;
        for (const v of versions) {
          if (known.has(contentHash(v.definition))) {
            unchanged++;
            continue;
          }
          if (hasDraft) throw new HandlerError('conflict', `form ${f.id} ("${title}") has an unpublished draft here; publish or discard it before importing new versions`);
          const next = (this.db.prepare('SELECT max(version) AS m FROM qa_form_versions WHERE form_id = ?').get(f.id) as { m: number }).m + 1;
          if (v.status === 'published') {
            this.db.prepare("UPDATE qa_form_versions SET status = 'superseded' WHERE form_id = ? AND status = 'published'").run(f.id);
            this.insertVersion(f.id, next, 'published', v.definition, v.createdAt, v.createdBy, v.publishedAt ?? at, v.publishedBy ?? who.name);
          } else {
            // Appended history: earlier published versions arrive superseded, a draft as the draft.
            this.insertVersion(f.id, next, v.status === 'draft' ? 'draft' : 'superseded', v.definition, v.createdAt, v.createdBy, v.publishedAt, v.publishedBy);
          }
          known.add(contentHash(v.definition));
          added++;
        }
        if (added) this.touch(f.id, at);
        report.versionsAdded += added;
        report.versionsUnchanged += unchanged;
        report.lines.push(added ? `updated "${title}" (${f.id}): ${added} new version(s), ${unchanged} already present` : `"${title}" (${f.id}) unchanged`);
      }
    })();
    return report;
  }
}
