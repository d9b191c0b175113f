import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { detectPii } from '../../core/redaction/pii-detectors';
import { TranscriptFormatError, parseTranscript } from '../../core/transcripts/parse-transcript';
import { UsageError, fmtDuration, requireFile, type CliCommand } from '../cli-kit';

export const redactCommand: CliCommand = {
  name: 'redact',
  usage: ['earmark redact suggest TRANSCRIPT [--json]   (canonical JSON, Amazon Transcribe JSON or WebVTT)'],
  async run(a, out) {
    if (a.positional[1] !== 'suggest') throw new UsageError('redact takes the subcommand suggest');
    const file = requireFile(a.positional[2], 'TRANSCRIPT');
    let transcript;
    try {
      transcript = parseTranscript(readFileSync(file, 'utf8'), basename(file));
    } catch (err) {
      if (err instanceof TranscriptFormatError) throw new UsageError(`${basename(file)}: ${err.message}`);
      throw err;
    }
    const found = detectPii(transcript);
    if (a.json) out(JSON.stringify(found.map((s) => ({ kind: s.kind, start: s.start, end: s.end, speaker: s.speaker }))));
    else {
      out(`${found.length} suggestion(s) in ${basename(file)}`);
      for (const s of found) out(`  ${fmtDuration(s.start).padStart(6)}–${fmtDuration(s.end)}  ${s.kind.padEnd(12)} ${s.speaker.padEnd(10)} ${s.reason}`);
    }
    return 0;
  },
};
