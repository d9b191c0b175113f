// The one table that says who may do what. Every command names exactly one permission from here.

export const ROLES = ['qa_supervisor', 'trainer', 'legal', 'administrator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Someone at the machine with no active profile yet. */
export type Principal = Role | 'guest';

export const ROLE_LABELS: Record<Principal, string> = {
  qa_supervisor: 'QA supervisor',
  trainer: 'Trainer',
  legal: 'Legal / compliance',
  administrator: 'Administrator',
  auditor: 'Auditor',
  guest: 'No profile',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  qa_supervisor: 'Reviews and scores calls, coaches agents.',
  trainer: 'Finds example moments and builds training clips.',
  legal: 'Finds calls for disputes, places legal holds, exports evidence.',
  administrator: 'Connects the recording store, sets retention and roles.',
  auditor: 'Reviews who listened to or exported what. Cannot play audio.',
};

export const PERMISSIONS = [
  'session.read', // who am I, which profiles exist
  'session.switch', // create, select or leave a local profile
  'library.read', // recording metadata: search, facets
  'recording.listen', // open a recording's audio and waveform
  'audit.read.own', // the trail of one's own actions
  'audit.read.all', // everybody's trail
  'audit.verify', // check the hash chain
  'store.manage', // re-index, connect stores
  'cache.read', // the local cache's size, items and downloads
  'cache.manage', // clear the local cache, change its limits
  'profile.manage', // remove any local profile (crypto-shredding its keys)
  'qa.evaluate', // score calls, pin comments, record agent review
  'qa.forms.manage', // edit and publish evaluation forms
  'qa.calibrate', // run and take part in calibration sessions
  'qa.reports', // QA reports and their CSV export
  'redaction.mark', // mark and review redactions
  'clips.manage', // training clips and playlists
  'export.audio', // redacted, watermarked exports
  'legal.hold', // place and release legal holds
  'evidence.export', // signed evidence packages
  'watermark.identify', // identify a leaked file
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERY_PROFILE: readonly Permission[] = ['session.read', 'session.switch', 'library.read', 'audit.read.own', 'audit.verify'];

const LISTENER: readonly Permission[] = [...EVERY_PROFILE, 'recording.listen', 'cache.read', 'cache.manage', 'redaction.mark'];

export const ROLE_PERMISSIONS: Readonly<Record<Principal, readonly Permission[]>> = {
  guest: ['session.read', 'session.switch'],
  qa_supervisor: [...LISTENER, 'qa.evaluate', 'qa.forms.manage', 'qa.calibrate', 'qa.reports'],
  trainer: [...LISTENER, 'clips.manage', 'export.audio'],
  legal: [...LISTENER, 'export.audio', 'legal.hold', 'evidence.export', 'watermark.identify'],
  administrator: [
    ...LISTENER,
    'audit.read.all',
    'store.manage',
    'profile.manage',
    'qa.evaluate',
    'qa.forms.manage',
    'qa.calibrate',
    'qa.reports',
    'clips.manage',
    'export.audio',
    'legal.hold',
    'evidence.export',
    'watermark.identify',
  ],
  // Need-to-know: auditors review access to recordings, they do not listen to them.
  auditor: [...EVERY_PROFILE, 'audit.read.all', 'cache.read', 'qa.reports', 'watermark.identify'],
};

export function can(principal: Principal, permission: Permission): boolean {
  return ROLE_PERMISSIONS[principal].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
