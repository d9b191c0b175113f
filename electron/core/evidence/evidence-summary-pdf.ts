// The one-page PDF a lawyer or a judge reads first: what the package is, for which case, who exported
// it, who signed it, and the SHA-256 of every file, with how to check them.
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { EvidenceFileEntry, EvidenceManifest } from './evidence-manifest';

// The standard fonts only encode WinAnsi; anything else is replaced rather than failing the export.
const winAnsi = (s: string) => s.normalize('NFKD').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** Hashes and fingerprints have no spaces; break them where they would run off the page. */
function splitLong(word: string, font: PDFFont, size: number, width: number): string[] {
  const parts: string[] = [];
  let rest = word;
  while (rest.length > 1 && font.widthOfTextAtSize(rest, size) > width) {
    let n = rest.length - 1;
    while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
    parts.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  parts.push(rest);
  return parts;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of winAnsi(text).split(/\s+/).flatMap((w) => splitLong(w, font, size, width))) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

export async function evidenceSummaryPdf(m: Omit<EvidenceManifest, 'files'>, files: readonly EvidenceFileEntry[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Evidence package ${m.packageId}`);
  doc.setProducer('Earmark');
  doc.setCreationDate(new Date(m.createdAt));
  const page = doc.addPage([595.28, 841.89]); // A4
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const left = 50;
  const width = page.getWidth() - 2 * left;
  let y = page.getHeight() - 60;
  const ink = rgb(0.1, 0.12, 0.16);
  const muted = rgb(0.4, 0.43, 0.48);

  const text = (s: string, opts: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; x?: number } = {}) => {
    const size = opts.size ?? 10;
    const font = opts.font ?? regular;
    for (const l of wrap(s, font, size, width - ((opts.x ?? left) - left))) {
      page.drawText(l, { x: opts.x ?? left, y, size, font, color: opts.color ?? ink });
      y -= size * 1.35;
    }
  };
  const field = (label: string, value: string) => {
    page.drawText(winAnsi(label), { x: left, y, size: 10, font: bold, color: muted });
    const lines = wrap(value, regular, 10, width - 130);
    for (const l of lines) {
      page.drawText(l, { x: left + 130, y, size: 10, font: regular, color: ink });
      y -= 13.5;
    }
    y -= 2;
  };

  text('EVIDENCE PACKAGE - CONFIDENTIAL', { font: bold, size: 16 });
  y -= 4;
  text(`Recording ${m.recording.id}`, { size: 12 });
  y -= 10;
  field('Case / reference', m.caseRef);
  field('Reason', m.reason);
  field('Exported by', `${m.exportedBy.name} (${m.exportedBy.role}) on ${m.exportedBy.device}`);
  field('Exported at', m.createdAt);
  field('Package id', m.packageId);
  field('Call started', m.recording.startTime ?? 'unknown');
  if (m.recording.durationSec !== null) field('Duration', `${m.recording.durationSec.toFixed(1)} s`);
  if (m.recording.agent) field('Agent', m.recording.agent);
  if (m.recording.customerRef) field('Customer', m.recording.customerRef);
  field('Store location', m.recording.storeKey);
  field('Signed with', `Ed25519 key ${m.signer.fingerprint}`);
  y -= 8;
  text('Files and their SHA-256', { font: bold, size: 11 });
  y -= 2;
  for (const f of files) {
    text(`${f.path}  (${f.role}, ${f.bytes.toLocaleString('en-US')} bytes)`, { size: 9 });
    text(f.sha256, { font: mono, size: 8, color: muted, x: left + 10 });
    y -= 2;
  }
  y -= 8;
  text('Chain of custody', { font: bold, size: 11 });
  const shown = m.custody.slice(-12);
  if (m.custody.length > shown.length) text(`(${m.custody.length - shown.length} earlier events in audit-history.json)`, { size: 8, color: muted });
  for (const c of shown) text(`${c.at}  ${c.actor} (${c.role})  ${c.action}  ${c.outcome}`, { size: 8 });
  y -= 8;
  text(
    'To verify: manifest.json lists every file with its SHA-256 and is signed (manifest.sig, Ed25519) with the key above. ' +
      'Run "earmark evidence verify PACKAGE.zip" or check the hashes and signature with any standard tool. ' +
      'Changing, adding or removing any file breaks the verification.',
    { size: 8.5, color: muted },
  );
  return doc.save();
}
