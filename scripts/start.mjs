// Builds Earmark and starts it in Electron. Native modules (SQLite, keychain) are rebuilt for
// Electron's ABI once per Electron version, remembered in node_modules/.earmark-electron-abi.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const isWindows = process.platform === 'win32';
const marker = join(root, 'node_modules', '.earmark-electron-abi');

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWindows });
  if (r.status !== 0) {
    console.error(`start: ${cmd} ${args.join(' ')} failed${r.error ? `: ${r.error.message}` : ''}`);
    process.exit(r.status ?? 1);
  }
}

function electronBinary() {
  try {
    const p = require('electron'); // the binary's path; throws when the download never happened
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

sh('npm', ['run', 'build']);

const electron = electronBinary();
if (!electron) {
  console.error(
    [
      '',
      'start: the Electron binary is not installed (it is downloaded by the electron package at',
      'install time, which was skipped or had no internet: ELECTRON_SKIP_BINARY_DOWNLOAD, CI=true,',
      'or an offline machine).',
      '',
      'To install it, with internet access run:',
      '  npm install electron',
      '(or: unset ELECTRON_SKIP_BINARY_DOWNLOAD && node node_modules/electron/install.js)',
      'then run `npm start` again.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const electronVersion = require('electron/package.json').version;
const built = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
if (built !== electronVersion) {
  console.log(`start: rebuilding native modules for Electron ${electronVersion}`);
  sh('npx', ['electron-builder', 'install-app-deps']);
  writeFileSync(marker, `${electronVersion}\n`);
}

const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('error', (err) => {
  console.error(`start: could not launch Electron: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
