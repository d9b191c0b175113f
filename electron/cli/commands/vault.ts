// `earmark vault status|destroy`: the keychain side of a data directory. Neither needs the database to
// open: status must work precisely when it does not, and destroy must reach keys whose database is
// already unreadable.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DESTROY_CONFIRMATION, type LocalDataRemoval } from '../../../shared/vault-types';
import { createBackend } from '../../core/backend';
import { DatabaseKeyError, isPlaintextDatabase } from '../../core/db/database';
import { DB_FILE, readInstallationId, removeLocalDataFiles } from '../../core/services';
import { KeychainUnavailableError, type KeyVault } from '../../core/vault/key-vault';
import { openKeychainVault } from '../../core/vault/keychain-vault';
import { vaultStatus } from '../../core/vault/vault';
import { UsageError, has, requireData, runCommand, type CliCommand, type Out } from '../cli-kit';

function installationOf(dir: string): string {
  const id = readInstallationId(dir);
  if (!id) throw new UsageError(`${dir} is not an Earmark data directory (it has no device.json)`);
  return id;
}

function databaseState(dir: string): 'absent' | 'plaintext (encrypted on next open)' | 'encrypted' {
  const file = join(dir, DB_FILE);
  if (!existsSync(file) || statSync(file).size === 0) return 'absent';
  return isPlaintextDatabase(file) ? 'plaintext (encrypted on next open)' : 'encrypted';
}

async function status(dir: string, json: boolean, out: Out): Promise<number> {
  const id = installationOf(dir);
  const database = databaseState(dir);
  let vault: KeyVault;
  try {
    vault = await openKeychainVault(id);
  } catch (err) {
    if (!(err instanceof KeychainUnavailableError)) throw err;
    if (json) out(JSON.stringify({ keychain: 'unavailable', message: err.message, installationId: id, database }));
    else out(`keychain: UNAVAILABLE — ${err.message}`);
    return 1;
  }
  const s = await vaultStatus(vault);
  const readable = database !== 'encrypted' || s.keys.database;
  if (json) out(JSON.stringify({ ...s, database, databaseReadable: readable }));
  else {
    const mark = (b: boolean) => (b ? 'present' : 'absent');
    out(`keychain: available (${s.backend})`);
    out(`installation: ${s.installationId}`);
    out(`keys: database ${mark(s.keys.database)}, cache master ${mark(s.keys.cacheMaster)}, audit anchor ${mark(s.keys.auditAnchor)}, profile signing keys ${s.profileKeys}`);
    out(`database: ${database}${readable ? '' : ' — its key is gone: the data cannot be decrypted'}`);
  }
  return readable ? 0 : 1;
}

async function destroy(dir: string, keepFiles: boolean, json: boolean, out: Out): Promise<number> {
  const id = installationOf(dir);
  const vault = await openKeychainVault(id);
  let keysDestroyed: number;
  let audited = true;
  try {
    const b = await createBackend({ dataDir: dir, openVault: async () => vault, removeFilesOnDestroy: !keepFiles });
    try {
      keysDestroyed = (await runCommand<LocalDataRemoval>(b, 'vault.destroyLocalData', { confirm: DESTROY_CONFIRMATION })).keysDestroyed;
    } finally {
      b.close();
    }
  } catch (err) {
    // The database is already unreadable (its key is gone): destroy whatever keys remain directly.
    if (!(err instanceof DatabaseKeyError)) throw err;
    audited = false;
    keysDestroyed = await vault.deleteAll();
    if (!keepFiles) removeLocalDataFiles(dir);
  }
  if (json) out(JSON.stringify({ installationId: id, keysDestroyed, filesRemoved: !keepFiles, audited }));
  else {
    out(`destroyed ${keysDestroyed} key(s) of installation ${id}`);
    out(keepFiles ? `left the files in ${dir}: without their keys they cannot be decrypted` : `deleted the local data files in ${dir}`);
  }
  return 0;
}

export const vaultCommand: CliCommand = {
  name: 'vault',
  usage: ['earmark vault status --data DATA_DIR [--json]', 'earmark vault destroy --data DATA_DIR --yes [--keep-files] [--json]'],
  valueFlags: ['data'],
  booleanFlags: ['yes', 'keep-files'],
  async run(a, out) {
    const sub = a.positional[1];
    if (sub === 'status') return status(requireData(a, true), a.json, out);
    if (sub === 'destroy') {
      const dir = requireData(a, true);
      if (!has(a, 'yes')) {
        throw new UsageError(`vault destroy deletes every key of this installation, so the data in ${dir} can never be decrypted again; add --yes to confirm`);
      }
      return destroy(dir, has(a, 'keep-files'), a.json, out);
    }
    throw new UsageError('vault takes the subcommand status or destroy');
  },
};
