// Builds everything into dist/: the Node side with tsc, the renderer and the sandboxed preload with
// esbuild (a sandboxed preload cannot require sibling files, so it is bundled).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// EARMARK_DIST builds elsewhere inside the checkout (dist-<name>/), so parallel work does not share dist/.
const out = join(root, process.env.EARMARK_DIST ?? 'dist');
const production = process.argv.includes('--production');

rmSync(join(out, 'renderer'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', out], { stdio: 'inherit' });

// The renderer: one classic script (loaded with <script defer>, which works from file:// and custom
// schemes alike) plus app.css, which esbuild collects from the CSS the components import.
await esbuild.build({
  entryPoints: [join(root, 'renderer/main.tsx')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  outfile: join(out, 'renderer/app.js'),
  sourcemap: !production,
  minify: production,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  logLevel: 'warning',
});
mkdirSync(join(out, 'renderer'), { recursive: true });
cpSync(join(root, 'renderer/index.html'), join(out, 'renderer/index.html'));

await esbuild.build({
  entryPoints: [join(root, 'electron/preload.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  outfile: join(out, 'electron/preload.js'),
  logLevel: 'warning',
});
console.log('build: dist/ ready');
