import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GENESIS_HASH, hashEntry, seal, verifyChain, type UnsealedEntry } from '../../electron/core/audit/audit-chain';
import type { AuditEntry, AuditOutcome } from '../../shared/types';

const OUTCOMES: AuditOutcome[] = ['ok', 'denied', 'invalid', 'error'];

function buildChain(n: number, vary = (i: number) => `detail ${i}`): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = seal({
      seq: i,
      ts: new Date(Date.UTC(2026, 10, 2, 9, 0, i)).toISOString(),
      actorId: i % 3 === 0 ? null : `p-${i % 4}`,
      actorName: `Person ${i % 4}`,
      role: 'qa_supervisor',
      device: 'host (abcd1234)',
      command: i % 2 ? 'library.search' : 'recording.open',
      target: i % 2 ? null : `recording:C${i}`,
      outcome: OUTCOMES[i % 4],
      detail: vary(i),
      prevHash: prev,
    });
    prev = e.hash;
    out.push(e);
  }
  return out;
}

const head = (c: AuditEntry[]) => ({ seq: c[c.length - 1].seq, hash: c[c.length - 1].hash });

test('an untouched chain is intact, with and without its anchor', () => {
  const chain = buildChain(10);
  for (const anchor of [null, head(chain)]) {
    const v = verifyChain(chain, anchor);
    assert.equal(v.intact, true);
    assert.equal(v.firstBad, null);
    assert.equal(v.checked, 10);
    assert.equal(v.headSeq, 10);
  }
  assert.deepEqual(verifyChain([], null), { intact: true, checked: 0, headSeq: 0, firstBad: null });
});

test('the hash covers every field and the domain: hashes are distinct and deterministic', () => {
  const chain = buildChain(5);
  assert.equal(new Set(chain.map((e) => e.hash)).size, 5);
  const { hash, ...unsealed } = chain[2];
  assert.equal(hashEntry(unsealed), hash);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(chain[0].prevHash, GENESIS_HASH);
  for (let i = 1; i < chain.length; i++) assert.equal(chain[i].prevHash, chain[i - 1].hash);
});

test('altering a field of entry k names entry k', () => {
  for (const k of [1, 4, 10]) {
    const chain = buildChain(10);
    chain[k - 1] = { ...chain[k - 1], detail: 'nothing to see here' };
    const v = verifyChain(chain, head(buildChain(10)));
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, k);
    assert.match(v.firstBad!.reason, /altered/);
    assert.equal(v.checked, k - 1);
  }
});

test('an altered entry that is re-sealed is caught at the entry after it', () => {
  const chain = buildChain(10);
  const { hash: _h, ...u } = chain[4];
  chain[4] = seal({ ...u, outcome: 'ok', detail: 'rewritten' });
  const v = verifyChain(chain, null);
  assert.equal(v.intact, false);
  assert.equal(v.firstBad?.seq, 6);
  assert.match(v.firstBad!.reason, /does not follow/);
});

test('re-sealing the whole tail is caught by the anchor', () => {
  const original = buildChain(8);
  const forged = buildChain(8, (i) => (i >= 5 ? `forged ${i}` : `detail ${i}`));
  assert.equal(verifyChain(forged, null).intact, true, 'a full re-seal is self-consistent');
  const v = verifyChain(forged, head(original));
  assert.equal(v.intact, false);
  assert.equal(v.firstBad?.seq, 8);
  assert.match(v.firstBad!.reason, /rewritten/);
});

test('deleting entry k from the middle names entry k as missing', () => {
  for (const k of [1, 5, 9]) {
    const chain = buildChain(10);
    chain.splice(k - 1, 1);
    const v = verifyChain(chain, null);
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, k);
    assert.match(v.firstBad!.reason, new RegExp(`entry #${k} is missing`));
  }
});

test('swapping two entries is detected at the first swapped position', () => {
  const chain = buildChain(10);
  [chain[3], chain[6]] = [chain[6], chain[3]];
  const v = verifyChain(chain, head(buildChain(10)));
  assert.equal(v.intact, false);
  assert.equal(v.firstBad?.seq, 4);

  // Swapping the content but keeping the sequence numbers in place: hashes no longer match.
  const c2 = buildChain(10);
  const a = c2[2];
  const b = c2[3];
  c2[2] = { ...b, seq: 3 };
  c2[3] = { ...a, seq: 4 };
  const v2 = verifyChain(c2, null);
  assert.equal(v2.intact, false);
  assert.equal(v2.firstBad?.seq, 3);

  // Adjacent swap: entry 4 appears where 3 is expected.
  const c3 = buildChain(5);
  [c3[2], c3[3]] = [c3[3], c3[2]];
  const v3 = verifyChain(c3, null);
  assert.equal(v3.intact, false);
  assert.equal(v3.firstBad?.seq, 3);
});

test('cutting entries from the end is detected only thanks to the anchor', () => {
  const chain = buildChain(10);
  const anchor = head(chain);
  const truncated = chain.slice(0, 8);
  const withAnchor = verifyChain(truncated, anchor);
  assert.equal(withAnchor.intact, false);
  assert.equal(withAnchor.firstBad?.seq, 9);
  assert.match(withAnchor.firstBad!.reason, /removed from the end/);
  assert.equal(withAnchor.headSeq, 8);

  // Without the anchor a prefix of a valid chain is itself a valid chain: nothing inside the
  // table can tell that entries 9 and 10 ever existed. This is why the anchor is kept outside.
  const withoutAnchor = verifyChain(truncated, null);
  assert.equal(withoutAnchor.intact, true);
  assert.equal(withoutAnchor.headSeq, 8);

  // Emptying the table entirely is also caught.
  assert.equal(verifyChain([], anchor).intact, false);
});

test('an anchor older than the head is fine (the anchor may lag after a crash)', () => {
  const chain = buildChain(10);
  assert.equal(verifyChain(chain, { seq: 7, hash: chain[6].hash }).intact, true);
  assert.equal(verifyChain(chain, { seq: 7, hash: chain[5].hash }).firstBad?.seq, 7);
});

type Field = keyof UnsealedEntry;
const MUTABLE: Field[] = ['ts', 'actorId', 'actorName', 'role', 'device', 'command', 'target', 'outcome', 'detail', 'prevHash'];

function mutate(e: AuditEntry, field: Field, salt: string): AuditEntry {
  const v = e[field];
  let next: unknown;
  if (field === 'seq') next = (v as number) + 1;
  else if (v === null) next = `x${salt}`;
  else if (field === 'outcome') next = OUTCOMES[(OUTCOMES.indexOf(v as AuditOutcome) + 1) % 4];
  else if (field === 'role') next = v === 'auditor' ? 'legal' : 'auditor';
  else next = `${String(v)}${salt}`;
  return { ...e, [field]: next } as AuditEntry;
}

test('property: a single changed field of any entry is reported at exactly that entry', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 50 }).chain((n) =>
        fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.constantFrom(...MUTABLE, 'hash' as const), fc.string({ minLength: 1, maxLength: 5 }), fc.boolean()),
      ),
      ([n, k, field, salt, withAnchor]) => {
        const chain = buildChain(n, (i) => (i % 5 === 0 ? null : `d${i}`) as string);
        const anchor = withAnchor ? head(chain) : null;
        const bad = [...chain];
        bad[k - 1] = field === 'hash' ? { ...bad[k - 1], hash: bad[k - 1].hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } : mutate(bad[k - 1], field, salt);
        const v = verifyChain(bad, anchor);
        assert.equal(v.intact, false);
        assert.equal(v.firstBad?.seq, k, `n=${n} k=${k} field=${field}: ${v.firstBad?.reason}`);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: changing seq of one entry is reported at or before that entry', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 50 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0))),
      ([n, k, delta]) => {
        const chain = buildChain(n);
        chain[k - 1] = { ...chain[k - 1], seq: chain[k - 1].seq + delta };
        const v = verifyChain(chain, null);
        assert.equal(v.intact, false);
        if (delta > 0) {
          assert.equal(v.firstBad?.seq, k);
          assert.match(v.firstBad!.reason, /missing/);
        } else {
          // A lower number than expected is reported under the number it claims.
          assert.equal(v.firstBad?.seq, k + delta);
          assert.match(v.firstBad!.reason, /out of order/);
        }
        assert.equal(v.checked, k - 1);
      },
    ),
    { numRuns: 200 },
  );
});
