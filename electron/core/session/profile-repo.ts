import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/permissions';
import type { Profile } from '../../../shared/types';
import type { Db } from '../db/database';

interface Row {
  id: string;
  display_name: string;
  role: Role;
  created_at: string;
}
const toProfile = (r: Row): Profile => ({ id: r.id, displayName: r.display_name, role: r.role, createdAt: r.created_at });

export class ProfileRepo {
  constructor(private readonly db: Db) {}

  list(): Profile[] {
    return (this.db.prepare('SELECT * FROM profiles ORDER BY last_used_at DESC, created_at').all() as Row[]).map(toProfile);
  }

  get(id: string): Profile | null {
    const r = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as Row | undefined;
    return r ? toProfile(r) : null;
  }

  byName(displayName: string): Profile | null {
    const r = this.db.prepare('SELECT * FROM profiles WHERE display_name = ? COLLATE NOCASE').get(displayName) as Row | undefined;
    return r ? toProfile(r) : null;
  }

  create(displayName: string, role: Role, now: Date): Profile {
    const p: Profile = { id: randomUUID(), displayName, role, createdAt: now.toISOString() };
    this.db.prepare('INSERT INTO profiles (id, display_name, role, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)').run(p.id, displayName, role, p.createdAt, p.createdAt);
    return p;
  }

  /** Deletes the profile (its audit entries stay: the trail is append-only and keeps the name). */
  remove(id: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare("DELETE FROM meta WHERE key = 'active_profile' AND value = ?").run(id);
      return this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes > 0;
    })();
  }

  /** The profile resumed at the next start, or null after signing out. */
  setActive(id: string | null, now: Date): void {
    this.db.transaction(() => {
      if (id) this.db.prepare('UPDATE profiles SET last_used_at = ? WHERE id = ?').run(now.toISOString(), id);
      if (id) this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('active_profile', ?)").run(id);
      else this.db.prepare("DELETE FROM meta WHERE key = 'active_profile'").run();
    })();
  }

  active(): Profile | null {
    const r = this.db.prepare("SELECT value FROM meta WHERE key = 'active_profile'").get() as { value: string } | undefined;
    return r ? this.get(r.value) : null;
  }
}
