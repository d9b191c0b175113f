// Small pieces of SQL-building shared by every repository.

/** Escapes LIKE wildcards; use with ESCAPE '\\'. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Date-only bounds are whole days in UTC; full timestamps are used as given. */
export function startOf(d: string): string {
  return d.length === 10 ? `${d}T00:00:00.000Z` : new Date(d).toISOString();
}
export function endOf(d: string): string {
  if (d.length === 10) {
    const t = new Date(`${d}T00:00:00.000Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString();
  }
  return new Date(new Date(d).getTime() + 1).toISOString();
}
