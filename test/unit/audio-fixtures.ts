// Real-world audio files for tests, made with ffmpeg and sox (test tools only; the app never needs
// them) into a temporary folder once per test process. The signal is the same everywhere: a 440 Hz
// tone at amplitude 0.5 on the first (agent) channel and silence on the second, so a test can tell
// that the channels came out in the right order and at the right level in every format.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasTool = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
export const TOOLS_MISSING = !hasTool('ffmpeg') || !hasTool('sox') ? 'ffmpeg and sox are needed to generate audio fixtures (scripts/setup.sh installs them)' : false;

export const SECONDS = 3.3;
export const TONE = 0.5;

export interface Fixture {
  path: string;
  codec: string;
  channels: number;
  sampleRate: number;
  /** Exact duration where the format states it; lossy codecs may differ by encoder padding. */
  durationSec: number;
  lossy: boolean;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

let made: { dir: string; files: Record<string, Fixture> } | null = null;

/** Generates every fixture once; call cleanupFixtures() in an `after` hook. */
export function audioFixtures(): Record<string, Fixture> {
  if (made) return made.files;
  const dir = mkdtempSync(join(tmpdir(), 'earmark-audio-'));
  const p = (name: string) => join(dir, name);
  // ffmpeg's sine source is at 1/8 of full scale, hence the volume filter.
  const tone = (rate: number) => ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${rate}:duration=${SECONDS},volume=${TONE * 8}`];
  const stereo = (rate: number) => [...tone(rate), '-f', 'lavfi', '-i', `anullsrc=r=${rate}:cl=mono`, '-filter_complex', '[0][1]amerge=inputs=2[a]', '-map', '[a]', '-t', String(SECONDS)];
  const ff = (out: string, ...args: string[]) => run('ffmpeg', ['-v', 'error', '-y', ...args, p(out)]);
  const files: Record<string, Fixture> = {};
  const add = (name: string, f: Omit<Fixture, 'path'>) => (files[name] = { path: p(name), ...f });
  const wav = (codec: string, lossy = false) => ({ codec, channels: 2, sampleRate: 8000, durationSec: SECONDS, lossy });

  for (const codec of ['pcm_u8', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le', 'pcm_f64le', 'pcm_alaw', 'pcm_mulaw']) {
    ff(`${codec}.wav`, ...stereo(8000), '-c:a', codec);
    add(`${codec}.wav`, wav(codec, codec === 'pcm_u8' || codec === 'pcm_alaw' || codec === 'pcm_mulaw'));
  }
  ff('rf64.wav', ...stereo(8000), '-c:a', 'pcm_s16le', '-rf64', 'always');
  add('rf64.wav', wav('pcm_s16le'));
  // sox writes WAVE_FORMAT_EXTENSIBLE for 24-bit audio.
  run('sox', [p('pcm_s16le.wav'), '-b', '24', p('extensible24.wav')]);
  add('extensible24.wav', wav('pcm_s24le'));
  ff('six-channel.wav', ...tone(16000), '-af', `pan=5.1|c0=c0`, '-c:a', 'pcm_s16le', '-t', String(SECONDS));
  add('six-channel.wav', { codec: 'pcm_s16le', channels: 6, sampleRate: 16000, durationSec: SECONDS, lossy: false });
  // A recorder that crashed before finalising: both sizes left at 0, and at 0xFFFFFFFF.
  for (const [name, fill] of [['unfinalised-0.wav', 0], ['unfinalised-ff.wav', 0xff]] as const) {
    const bytes = readFileSync(p('pcm_s16le.wav'));
    const data = bytes.indexOf('data');
    bytes.fill(fill, 4, 8);
    bytes.fill(fill, data + 4, data + 8);
    writeFileSync(p(name), bytes);
    add(name, wav('pcm_s16le'));
  }

  ff('cbr.mp3', ...stereo(8000), '-c:a', 'libmp3lame', '-b:a', '32k');
  add('cbr.mp3', { codec: 'mp3', channels: 2, sampleRate: 8000, durationSec: SECONDS, lossy: true });
  // No Xing/Info header: the duration comes from walking the frames (whole frames of 576 samples).
  ff('no-xing.mp3', ...stereo(8000), '-c:a', 'libmp3lame', '-b:a', '32k', '-write_xing', '0');
  add('no-xing.mp3', { codec: 'mp3', channels: 2, sampleRate: 8000, durationSec: SECONDS, lossy: true });
  ff('vbr-id3.mp3', ...stereo(44100), '-c:a', 'libmp3lame', '-q:a', '4', '-id3v2_version', '3', '-metadata', 'title=Call 17');
  add('vbr-id3.mp3', { codec: 'mp3', channels: 2, sampleRate: 44100, durationSec: SECONDS, lossy: true });
  ff('stereo.opus', ...stereo(48000), '-c:a', 'libopus', '-b:a', '48k');
  add('stereo.opus', { codec: 'opus', channels: 2, sampleRate: 48000, durationSec: SECONDS, lossy: true });
  ff('mono.opus', ...tone(16000), '-c:a', 'libopus', '-b:a', '16k');
  add('mono.opus', { codec: 'opus', channels: 1, sampleRate: 48000, durationSec: SECONDS, lossy: true });
  ff('stereo.flac', ...stereo(8000), '-c:a', 'flac');
  add('stereo.flac', { codec: 'flac', channels: 2, sampleRate: 8000, durationSec: SECONDS, lossy: false });
  // Written to a pipe, so ffmpeg cannot go back and fill in STREAMINFO's sample count: length unknown.
  const piped = spawnSync('ffmpeg', ['-v', 'error', ...stereo(8000), '-c:a', 'flac', '-f', 'flac', 'pipe:1'], { maxBuffer: 64 << 20 });
  if (piped.status !== 0) throw new Error(`ffmpeg (piped flac) failed: ${piped.stderr}`);
  writeFileSync(p('unknown-length.flac'), piped.stdout);
  add('unknown-length.flac', { codec: 'flac', channels: 2, sampleRate: 8000, durationSec: SECONDS, lossy: false });
  made = { dir, files };
  return files;
}

export function cleanupFixtures(): void {
  if (made) rmSync(made.dir, { recursive: true, force: true });
  made = null;
}
