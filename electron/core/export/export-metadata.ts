// The metadata watermark every export carries in plain sight: who exported it, when, for which case,
// and that it is confidential. Written as RIFF LIST/INFO in WAV and as ID3v2.3 in MP3, which common
// players and forensic tools show.

export interface ExportMetadata {
  title: string;
  exportedBy: string;
  exportedAt: string;
  caseRef: string;
  reason: string;
  exportId: string;
  recordingId: string;
}

export function metadataComment(m: ExportMetadata): string {
  return `CONFIDENTIAL. Exported by ${m.exportedBy} at ${m.exportedAt} for case ${m.caseRef} (${m.reason}). Recording ${m.recordingId}, export ${m.exportId}.`;
}

const latin1 = (s: string) => s.normalize('NFKD').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** A RIFF `LIST` chunk of type `INFO` (each value NUL-terminated, chunks padded to even sizes). */
export function riffInfoChunk(m: ExportMetadata): Uint8Array {
  const fields: [string, string][] = [
    ['INAM', m.title],
    ['IART', m.exportedBy],
    ['ICRD', m.exportedAt],
    ['ICMT', metadataComment(m)],
    ['ICOP', `Confidential - case ${m.caseRef}`],
    ['ISFT', 'Earmark'],
    ['ISRC', `earmark-export:${m.exportId}`],
  ];
  const parts: Uint8Array[] = [];
  for (const [id, value] of fields) {
    const text = Buffer.from(latin1(value) + '\0', 'latin1');
    const head = Buffer.alloc(8);
    head.write(id, 0, 'ascii');
    head.writeUInt32LE(text.length, 4);
    parts.push(head, text);
    if (text.length & 1) parts.push(Buffer.alloc(1));
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('LIST', 0, 'ascii');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('INFO', 8, 'ascii');
  return Buffer.concat([head, body]);
}

/** An ID3v2.3 tag with title, artist (exporter), comment, copyright and the export id (TXXX). */
export function id3v23Tag(m: ExportMetadata): Uint8Array {
  const frame = (id: string, payload: Buffer) => {
    const h = Buffer.alloc(10);
    h.write(id, 0, 'ascii');
    h.writeUInt32BE(payload.length, 4);
    return Buffer.concat([h, payload]);
  };
  // Encoding byte 1 = UTF-16 with BOM, so names in any script survive.
  const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const textFrame = (id: string, s: string) => frame(id, Buffer.concat([Buffer.from([1]), utf16(s)]));
  const frames = Buffer.concat([
    textFrame('TIT2', m.title),
    textFrame('TPE1', m.exportedBy),
    textFrame('TCOP', `Confidential - case ${m.caseRef}`),
    textFrame('TENC', 'Earmark'),
    frame('COMM', Buffer.concat([Buffer.from([1]), Buffer.from('eng'), utf16(''), Buffer.from([0, 0]), utf16(metadataComment(m))])),
    frame('TXXX', Buffer.concat([Buffer.from([1]), utf16('EARMARK_EXPORT_ID'), Buffer.from([0, 0]), utf16(m.exportId)])),
  ]);
  const header = Buffer.alloc(10);
  header.write('ID3', 0, 'ascii');
  header[3] = 3; // version 2.3
  header[4] = 0;
  header[5] = 0; // flags
  // Synchsafe size: 7 bits per byte.
  const n = frames.length;
  header[6] = (n >> 21) & 0x7f;
  header[7] = (n >> 14) & 0x7f;
  header[8] = (n >> 7) & 0x7f;
  header[9] = n & 0x7f;
  return Buffer.concat([header, frames]);
}
