// `earmark` — the same services as the app, for administrators, scripts and tests.
// Exit codes: 0 success, 1 a check failed, 2 bad usage or bad input (one line on stderr).
// Each top-level word lives in its own file under commands/ and is listed here once.
import { UsageError, parseArgs, type CliCommand, type Out } from './cli-kit';
import { auditCommand } from './commands/audit';
import { cacheCommand } from './commands/cache';
import { demoStoreCommand } from './commands/demo-store';
import { evidenceCommand } from './commands/evidence';
import { evaluationsCommand } from './commands/evaluations';
import { formsCommand } from './commands/forms';
import { redactCommand } from './commands/redact';
import { indexCommand } from './commands/index-store';
import { peaksCommand } from './commands/peaks';
import { probeCommand } from './commands/probe';
import { searchCommand } from './commands/search';
import { vaultCommand } from './commands/vault';
import { watermarkCommand } from './commands/watermark';

export { parseArgs } from './cli-kit';

const COMMANDS: readonly CliCommand[] = [demoStoreCommand, indexCommand, searchCommand, auditCommand, evidenceCommand, redactCommand, vaultCommand, watermarkCommand, probeCommand, peaksCommand, cacheCommand, formsCommand, evaluationsCommand];

export const USAGE = `usage:\n${COMMANDS.flatMap((c) => c.usage.map((u) => `  ${u}`)).join('\n')}`;

export async function main(argv: string[], out: Out = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const name = argv[0];
  if (name === undefined || name.startsWith('--')) throw new UsageError(USAGE);
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) throw new UsageError(`unknown command "${name}"\n${USAGE}`);
  return cmd.run(parseArgs(argv, cmd.valueFlags ?? [], cmd.booleanFlags ?? []), out);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`earmark: ${err instanceof UsageError ? err.message : err.message.split('\n')[0]}\n`);
      process.exit(2);
    },
  );
}
