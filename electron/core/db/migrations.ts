// Every schema change, in order, in one place (one file per migration under migrations/, listed here).
// A migration is never edited once released: add a new one. The database records the highest
// version applied (PRAGMA user_version); opening runs the rest.
import { m001 } from './migrations/001-foundation';
import { m002 } from './migrations/002-cache';
import { m003 } from './migrations/003-player';
import { m004 } from './migrations/004-qa';
import { m005 } from './migrations/005-redaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Reserved versions, so features built side by side do not collide: 2 cache, 3 player (analytics,
// transcripts), 4 QA, 5 redaction/clips/exports/holds. Keep the list in ascending order.
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
