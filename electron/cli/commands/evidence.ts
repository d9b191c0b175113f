import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EvidenceRecord } from '../../../shared/redaction-types';
import { createBackend } from '../../core/backend';
import { verifyEvidencePackage } from '../../core/evidence/evidence-verify';
import { UsageError, one, requireData, requireFile, runCommand, type CliCommand } from '../cli-kit';

export const evidenceCommand: CliCommand = {
  name: 'evidence',
  usage: [
    'earmark evidence export RECORDING_ID --data DATA_DIR --case CASE --reason TEXT --out PACKAGE.zip [--no-redacted] [--json]',
    'earmark evidence verify PACKAGE.zip [--trust FINGERPRINT]... [--json]',
  ],
  valueFlags: ['trust', 'data', 'case', 'reason', 'out'],
  booleanFlags: ['no-redacted'],
  async run(a, out) {
    const sub = a.positional[1];
    if (sub === 'export') return exportPackage(a, out);
    if (sub !== 'verify') throw new UsageError('evidence takes the subcommand export or verify');
    const file = requireFile(a.positional[2], 'PACKAGE.zip');
    const v = verifyEvidencePackage(new Uint8Array(readFileSync(file)), { trustedFingerprints: a.flags.get('trust') });
    if (a.json) out(JSON.stringify(v));
    else {
      out(v.intact ? `evidence package intact: ${v.files.length} files match the signed manifest` : `evidence package FAILS verification`);
      if (v.signer) out(`  signed by ${v.signer.name}, key ${v.signer.fingerprint}${v.trusted === null ? ' (not checked against trusted keys: pass --trust)' : v.trusted ? ' (trusted)' : ' (NOT trusted)'}`);
      if (v.caseRef) out(`  case ${v.caseRef}, recording ${v.recordingId}, package ${v.packageId}`);
      for (const f of v.files) if (f.verdict !== 'ok') out(`  ! ${f.path}: ${f.verdict}`);
      for (const p of v.problems) out(`  ! ${p}`);
    }
    return v.intact ? 0 : 1;
  },
};

async function exportPackage(a: Parameters<CliCommand['run']>[0], out: Parameters<CliCommand['run']>[1]): Promise<number> {
  const id = a.positional[2];
  if (!id) throw new UsageError('evidence export needs a RECORDING_ID');
  const caseRef = one(a, 'case');
  const reason = one(a, 'reason');
  const target = one(a, 'out');
  if (!caseRef) throw new UsageError('--case CASE is required');
  if (!reason) throw new UsageError('--reason TEXT is required');
  if (!target) throw new UsageError('--out PACKAGE.zip is required');
  const file = resolve(target);
  if (!existsSync(dirname(file))) throw new UsageError(`no such folder: ${dirname(file)}`);
  // The "save dialog" of the command line is --out: the command itself is the same one the app runs.
  const b = await createBackend({ dataDir: requireData(a, true), dialogs: async () => file });
  try {
    const rec = await runCommand<EvidenceRecord | null>(b, 'evidence.export', {
      taskId: `cli-${randomUUID()}`,
      recordingId: id,
      caseRef,
      reason,
      includeRedacted: !a.flags.has('no-redacted'),
    });
    if (!rec) throw new UsageError('the evidence export did not run');
    if (a.json) out(JSON.stringify({ ...rec, path: file }));
    else out(`wrote ${file}\n  package ${rec.id}, sha256 ${rec.packageSha256}\n  signed with ${rec.signerFingerprint}`);
    return 0;
  } finally {
    b.close();
  }
}
