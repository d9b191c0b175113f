import { resolve } from 'node:path';
import { writeDemoStore } from '../../core/demo/demo-writer';
import { UsageError, type CliCommand } from '../cli-kit';

export const demoStoreCommand: CliCommand = {
  name: 'demo-store',
  usage: ['earmark demo-store DIR'],
  async run(a, out) {
    const dir = a.positional[1];
    if (!dir) throw new UsageError('demo-store needs a DIR');
    const r = await writeDemoStore(resolve(dir));
    out(a.json ? JSON.stringify({ dir: resolve(dir), files: r.written.length }) : `wrote the demo store (${r.written.length} files) to ${resolve(dir)}`);
    return 0;
  },
};
