#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'electron', 'cli', 'earmark.js');
if (!existsSync(cli)) {
  process.stderr.write('earmark: not built yet; run `npm run build` in the Earmark checkout first\n');
  process.exit(2);
}
const { main } = require(cli);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`earmark: ${String(err && err.message ? err.message : err).split('\n')[0]}\n`);
    process.exit(2);
  },
);
