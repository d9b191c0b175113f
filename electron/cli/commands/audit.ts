import type { AuditVerification } from '../../../shared/types';
import { createBackend } from '../../core/backend';
import { UsageError, requireData, runCommand, type CliCommand } from '../cli-kit';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: ['earmark audit verify --data DATA_DIR [--json]'],
  valueFlags: ['data'],
  async run(a, out) {
    if (a.positional[1] !== 'verify') throw new UsageError('audit takes the subcommand verify');
    const b = await createBackend({ dataDir: requireData(a, true) });
    try {
      const v = await runCommand<AuditVerification>(b, 'audit.verify', {});
      if (a.json) out(JSON.stringify(v));
      else if (v.intact) out(`audit trail intact: ${v.checked} entries verified`);
      else out(`audit trail TAMPERED at entry #${v.firstBad?.seq}: ${v.firstBad?.reason}`);
      return v.intact ? 0 : 1;
    } finally {
      b.close();
    }
  },
};
