// A store with one call carrying known secrets (a customer's name, a card number said in the call), and
// a scanner that looks for them in every file of a directory.
import fs from 'node:fs';
import path from 'node:path';
import { sidecar, writeCall } from './store-fixtures';

export const CUSTOMER_NAME = 'Zebediah Quackenbush';
export const CARD_NUMBER = '4111111111111111';
export const MARKERS = [CUSTOMER_NAME, CARD_NUMBER, 'Quackenbush'];

export function writeMarkerStore(root: string): void {
  const day = '2026/11/05';
  writeCall(root, day, 'C-MARK-1', {
    sidecar: sidecar('C-MARK-1', day, {
      customer: { id: 'cust-77', account: CARD_NUMBER, name: CUSTOMER_NAME },
      caseNumber: 'CASE-QUACK-1',
    }),
    transcript: {
      schemaVersion: 1,
      callId: 'C-MARK-1',
      language: 'en-US',
      source: 'test',
      speakers: [
        { id: 'agent', label: 'Agent', channel: 0 },
        { id: 'customer', label: 'Customer', channel: 1 },
      ],
      segments: [
        { speaker: 'customer', start: 0.1, end: 0.9, text: `My name is ${CUSTOMER_NAME} and my card is ${CARD_NUMBER}`, words: [] },
      ],
    },
  });
  writeCall(root, day, 'C-PLAIN-2');
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every (file, marker) pair where the marker's bytes occur in the file: UTF-8 and UTF-16LE. */
export function markerHits(dir: string, markers: readonly string[] = MARKERS): string[] {
  const hits: string[] = [];
  for (const f of filesUnder(dir)) {
    const bytes = fs.readFileSync(f);
    for (const m of markers) {
      if (bytes.includes(Buffer.from(m, 'utf8')) || bytes.includes(Buffer.from(m, 'utf16le'))) hits.push(`${path.basename(f)}: ${m}`);
    }
  }
  return hits;
}
