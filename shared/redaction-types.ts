// Redaction marks, training clips and playlists, exports, legal holds and evidence packages: the
// data trainers and legal staff work with. Plain data (structured clone and JSON safe).

export const REDACTION_REASONS = ['card_number', 'security_code', 'expiry', 'ssn', 'date_of_birth', 'bank_account', 'address', 'phone', 'email', 'other'] as const;
export type RedactionReason = (typeof REDACTION_REASONS)[number];

export const REDACTION_REASON_LABELS: Record<RedactionReason, string> = {
  card_number: 'Card number',
  security_code: 'Security code',
  expiry: 'Expiry date',
  ssn: 'Social security number',
  date_of_birth: 'Date of birth',
  bank_account: 'Bank account',
  address: 'Address',
  phone: 'Phone number',
  email: 'Email address',
  other: 'Other',
};

/** What the transcript shows in place of redacted words. */
export const REDACTION_PLACEHOLDER: Record<RedactionReason, string> = {
  card_number: '[card number]',
  security_code: '[security code]',
  expiry: '[expiry date]',
  ssn: '[SSN]',
  date_of_birth: '[date of birth]',
  bank_account: '[bank account]',
  address: '[address]',
  phone: '[phone number]',
  email: '[email]',
  other: '[redacted]',
};

export type RedactionStatus = 'suggested' | 'accepted' | 'rejected';

export interface RedactionMark {
  id: string;
  recordingId: string;
  start: number;
  end: number;
  /** 0-based audio channels; null means every channel. */
  channels: number[] | null;
  reason: RedactionReason;
  status: RedactionStatus;
  source: 'manual' | 'detector';
  /** For detector suggestions: why it was flagged (never the value itself). */
  note: string | null;
  createdBy: string;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface Clip {
  id: string;
  recordingId: string;
  start: number;
  end: number;
  title: string;
  notes: string;
  tags: string[];
  createdBy: string;
  createdAt: string;
}

export interface Playlist {
  id: string;
  name: string;
  description: string;
  clipIds: string[];
  createdBy: string;
  createdAt: string;
}

export type ExportFormat = 'wav' | 'mp3';
export type RedactionMode = 'silence' | 'tone';

export interface ExportRecord {
  /** Also the watermark payload, as hex. */
  id: string;
  recordingId: string;
  clipId: string | null;
  start: number;
  end: number;
  format: ExportFormat;
  redactionMode: RedactionMode;
  redactionsApplied: number;
  reason: string;
  caseRef: string;
  exportedById: string | null;
  exportedBy: string;
  exportedAt: string;
  fileName: string;
  sha256: string;
  bytes: number;
}

/** What "identify a leaked file" says about a file. */
export interface LeakIdentification {
  found: boolean;
  /** The watermark payload found, hex. */
  payload: string | null;
  /** The export it names, when this device made it. */
  export: ExportRecord | null;
  fileName: string;
  confidence: number | null;
}

export interface LegalHold {
  id: string;
  recordingId: string;
  caseRef: string;
  reason: string;
  placedById: string | null;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
}

export interface EvidenceRecord {
  id: string;
  recordingId: string;
  caseRef: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  fileName: string;
  packageSha256: string;
  signerFingerprint: string;
  includesRedacted: boolean;
}

export interface EvidenceCheck {
  intact: boolean;
  signatureValid: boolean;
  signer: { fingerprint: string; name: string } | null;
  /** Whether the signer is a profile key of this device (null: not checked). */
  trusted: boolean | null;
  packageId: string | null;
  recordingId: string | null;
  caseRef: string | null;
  files: { path: string; verdict: 'ok' | 'modified' | 'missing' }[];
  unexpected: string[];
  problems: string[];
  fileName: string;
}
