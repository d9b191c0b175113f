// `earmark forms export|import`: evaluation forms with all their versions, as JSON, through the
// dispatcher as the CLI actor (audited like the app's own import and export).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FormsFile, FormsImportReport } from '../../../shared/qa-types';
import { createBackend } from '../../core/backend';
import { writeFileAtomic } from '../../core/fs-atomic';
import { UsageError, one, requireData, requireFile, runCommand, type CliCommand } from '../cli-kit';

export const formsCommand: CliCommand = {
  name: 'forms',
  usage: ['earmark forms export --data DATA_DIR --out FORMS.json [--form ID]...', 'earmark forms import FORMS.json --data DATA_DIR [--json]'],
  valueFlags: ['data', 'out', 'form'],
  async run(a, out) {
    const sub = a.positional[1];
    if (sub === 'export') {
      const target = one(a, 'out');
      if (!target) throw new UsageError('--out FORMS.json is required');
      const b = await createBackend({ dataDir: requireData(a, true) });
      try {
        const formIds = a.flags.get('form');
        const file = await runCommand<FormsFile>(b, 'qa.forms.export', formIds ? { formIds } : {});
        writeFileAtomic(resolve(target), JSON.stringify(file, null, 2) + '\n');
        const versions = file.forms.reduce((n, f) => n + f.versions.length, 0);
        out(a.json ? JSON.stringify({ forms: file.forms.length, versions, file: resolve(target) }) : `exported ${file.forms.length} form(s) with ${versions} version(s) to ${resolve(target)}`);
        return 0;
      } finally {
        b.close();
      }
    }
    if (sub === 'import') {
      const file = requireFile(a.positional[2], 'FORMS.json');
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
      }
      const b = await createBackend({ dataDir: requireData(a) });
      try {
        const report = await runCommand<FormsImportReport>(b, 'qa.forms.import', { file: parsed });
        if (a.json) out(JSON.stringify(report));
        else {
          for (const l of report.lines) out(l);
          out(`${report.formsAdded} form(s) added, ${report.versionsAdded} version(s) added, ${report.versionsUnchanged} already present`);
        }
        return 0;
      } finally {
        b.close();
      }
    }
    throw new UsageError('forms takes the subcommand export or import');
  },
};
