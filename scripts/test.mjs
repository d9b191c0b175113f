// The whole test suite: build, typecheck, lint, then every compiled test file under dist/test with
// node's test runner (spec output). The last line is always "N passed, N failed", where build,
// typecheck and lint count as one check each; the exit code is 1 when anything failed.
//
// Keychain tests need a Secret Service on D-Bus, so without a session bus this re-runs itself under
// dbus-run-session with a throwaway, unlocked gnome-keyring (EARMARK_NO_DBUS=1 disables that).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const isWindows = process.platform === 'win32';
const DIST = process.env.EARMARK_DIST ?? 'dist';

function onPath(cmd) {
  if (isWindows) return false;
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// ---- (0) a session bus with a Secret Service for the keychain tests --------------------------------
if (!process.env.DBUS_SESSION_BUS_ADDRESS && !process.env.EARMARK_NO_DBUS && onPath('dbus-run-session') && onPath('gnome-keyring-daemon')) {
  const script = 'echo throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec node scripts/test.mjs "$@"';
  // A keyring of its own in a fresh folder: a login keyring left in the home folder by an earlier
  // run (with another password) would stay locked and fail every keychain test.
  const keyringHome = mkdtempSync(join(tmpdir(), 'earmark-keyring-'));
  const r = spawnSync('dbus-run-session', ['--', 'bash', '-c', script, 'test.mjs', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { EARMARK_KEYCHAIN_TIMEOUT_MS: '30000', ...process.env, EARMARK_NO_DBUS: '1', XDG_DATA_HOME: keyringHome },
  });
  rmSync(keyringHome, { recursive: true, force: true });
  if (r.error) {
    console.error(`test: could not start dbus-run-session (${r.error.message}); running without it`);
  } else {
    process.exit(r.status ?? 1);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

function npm(args, opts = {}) {
  return spawnSync('npm', args, { stdio: 'inherit', shell: isWindows, ...opts });
}

function check(name, args) {
  console.log(`\n=== ${name} ===`);
  const r = npm(args);
  if (r.status === 0) {
    passed++;
    console.log(`--- ${name}: ok`);
  } else {
    failed++;
    console.log(`--- ${name}: FAILED${r.error ? ` (${r.error.message})` : ` (exit ${r.status ?? r.signal})`}`);
  }
}

// ---- (a) native modules built for Node, not Electron's ABI -----------------------------------------
// Requiring better-sqlite3 alone does not load its addon (it loads on first open), so open a database.
const probe = "new (require('better-sqlite3-multiple-ciphers'))(':memory:').close(); require('keytar');";
if (spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status !== 0) {
  console.log('=== native modules do not load in Node (built for Electron?): npm rebuild ===');
  const r = npm(['rebuild', 'better-sqlite3-multiple-ciphers', 'keytar']);
  // They are now built for Node, so `npm start` must rebuild them for Electron again.
  rmSync(join(root, 'node_modules', '.earmark-electron-abi'), { force: true });
  if (r.status !== 0) console.log('--- npm rebuild failed; tests that use the database or keychain will fail');
}

// ---- (b) build, typecheck, lint ----------------------------------------------------------------------
check('build', ['run', 'build']);
check('typecheck', ['run', 'typecheck']);
check('lint', ['run', 'lint']);

// ---- (c) tests ---------------------------------------------------------------------------------------
function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...findTests(p));
    else if (d.isFile() && d.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

/** Leaves out compiled tests whose source is gone (dist/ is not cleaned between builds). */
function hasSource(file) {
  const rel = relative(join(root, DIST), file).split(sep).join('/');
  const base = rel.slice(0, -'.js'.length);
  return ['.ts', '.tsx', '.mts', '.js', '.mjs'].some((ext) => existsSync(join(root, base + ext)));
}

const files = findTests(join(root, DIST, 'test')).filter(hasSource).sort();
if (files.length === 0) {
  console.log('\nno test files under dist/test');
} else {
  console.log(`\n=== tests (${files.length} files) ===`);
  const stream = run({ files, concurrency: 1, timeout: 15 * 60_000 });

  // Events arrive children first, so a test is a leaf unless something one level deeper was reported
  // since the last event at its own level.
  const childSeen = [];
  const tally = (kind, data) => {
    const n = data.nesting ?? 0;
    const isParent = childSeen[n + 1] === true;
    childSeen[n + 1] = false;
    childSeen[n] = true;
    if (data.details?.type === 'suite' || isParent) return;
    if (data.skip || data.todo) skipped++;
    else if (kind === 'pass') passed++;
    else failed++;
  };
  stream.on('test:pass', (data) => tally('pass', data));
  stream.on('test:fail', (data) => tally('fail', data));

  const reporter = typeof spec === 'function' && spec.prototype ? new spec() : spec;
  const out = stream.compose(reporter);
  out.pipe(process.stdout, { end: false });
  await new Promise((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
}

// ---- (d) summary -------------------------------------------------------------------------------------
if (skipped > 0) console.log(`(${skipped} skipped or todo, not counted)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
