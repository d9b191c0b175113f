import { statSync } from 'node:fs';
import { AudioFormatError } from '../../core/audio/audio-error';
import { fileOpener } from '../../core/audio/byte-source';
import { probeAudio, probeSummary, type AudioProbe } from '../../core/audio/probe';
import { UsageError, requireFile, type CliCommand } from '../cli-kit';

/**
 * Runs audio work with the decoders' own diagnostics muted (mpg123 prints corrupt-frame notes
 * straight to the console), so a bad file costs exactly one line on stderr. Safe here: the CLI does
 * one thing per process.
 */
export async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, error: console.error, warn: console.warn };
  console.log = console.error = console.warn = () => {};
  try {
    return await work();
  } finally {
    Object.assign(console, saved);
  }
}

/** Opens FILE for audio work; an unreadable file or bad audio becomes a one-line usage error (exit 2). */
export async function withAudioFile<T>(path: string | undefined, work: (open: ReturnType<typeof fileOpener>, size: number, file: string) => Promise<T>): Promise<T> {
  const file = requireFile(path, 'FILE');
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`not a file: ${file}`);
    size = st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return await quietly(() => work(fileOpener(file), size, file));
  } catch (err) {
    if (err instanceof AudioFormatError) throw new UsageError(`cannot read ${file}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT') throw new UsageError(`cannot read ${file}: ${code}`);
    throw err;
  }
}

function describe(p: AudioProbe): string {
  const ch = p.channels === 1 ? 'mono' : p.channels === 2 ? 'stereo' : `${p.channels} channels`;
  return `${p.format.toUpperCase()} ${p.codec}, ${ch}, ${p.sampleRate} Hz, ${p.durationSec.toFixed(3)} s`;
}

export const probeCommand: CliCommand = {
  name: 'probe',
  usage: ['earmark probe FILE [--json]                            # codec, channels, sample rate, duration'],
  async run(a, out) {
    const probe = await withAudioFile(a.positional[1], (open, size) => probeAudio(open, size));
    out(a.json ? JSON.stringify(probeSummary(probe)) : describe(probe));
    return 0;
  },
};
