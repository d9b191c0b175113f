import { readFileSync } from 'node:fs';
import { verifyEvidencePackage } from '../../core/evidence/evidence-verify';
import { UsageError, requireFile, type CliCommand } from '../cli-kit';

export const evidenceCommand: CliCommand = {
  name: 'evidence',
  usage: ['earmark evidence verify PACKAGE.zip [--trust FINGERPRINT]... [--json]'],
  valueFlags: ['trust'],
  async run(a, out) {
    const sub = a.positional[1];
    if (sub !== 'verify') throw new UsageError('evidence takes the subcommand verify');
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
