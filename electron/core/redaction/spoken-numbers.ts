// Turns speech-to-text words into digit runs, the way people actually say numbers on the phone:
// digits ("4111", "4111-1111"), words ("four one one one", "oh", "double five", "forty one eleven"),
// mixtures, fillers ("uh", "um") and punctuation in between. Every digit remembers which word it
// came from, so a detection maps back to word timings. Money ("$45.99", "forty five dollars") is
// recognised so it is never mistaken for an account or card number.

export interface Token {
  /** The word as the transcript has it. */
  raw: string;
  /** Lower case, without surrounding punctuation. */
  norm: string;
  start: number;
  end: number;
  speaker: string;
  /** Position in the speaker's word stream. */
  index: number;
  /** The turn (transcript segment) the word belongs to; a spoken number never runs across turns. */
  turn: number;
}

export interface DigitRun {
  digits: string;
  /** For every digit, the index (into the token list) of the word it came from. */
  source: number[];
  /** Token indices the run covers (first..last, fillers included). */
  first: number;
  last: number;
  /** The run was said as money (a currency word or sign next to it, or a decimal amount). */
  money: boolean;
  /** Separators written inside digit tokens, e.g. "123-45-6789" keeps ['-', '-']. */
  separators: string;
}

const UNITS: Record<string, number> = { zero: 0, oh: 0, o: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const REPEAT: Record<string, number> = { double: 2, triple: 3 };
// Words that may sit between two groups of one spoken number; a run never ends on one.
export const FILLERS = new Set(['uh', 'um', 'er', 'erm', 'ah', 'uhm', 'hmm', 'mm', 'mhm', 'like', 'so', 'and', 'then', 'dash', 'hyphen', 'space', 'slash', 'okay', 'ok', 'yeah', 'sorry', 'that', 'is', "that's", 'its', "it's"]);
const MONEY_WORDS = new Set(['dollar', 'dollars', 'cent', 'cents', 'pound', 'pounds', 'euro', 'euros', 'bucks', 'usd', 'eur', 'gbp', 'pence', 'quid']);

/** Max pause inside one spoken number, seconds: people pause between groups, not for longer. */
const MAX_GAP_SEC = 3.5;

export function normalizeWord(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^[^a-z0-9$£€@+]+|[^a-z0-9%]+$/g, '');
}

/** Splits words like "forty-one" or "4111-1111" only where that helps reading numbers. */
export function tokenize(words: readonly { w: string; start: number; end: number; turn?: number }[], speaker: string): Token[] {
  const out: Token[] = [];
  for (const word of words) {
    const parts = /^[a-z]+(-[a-z]+)+$/i.test(word.w) ? word.w.split('-') : [word.w];
    const span = (word.end - word.start) / parts.length;
    parts.forEach((p, i) => {
      const norm = normalizeWord(p);
      if (norm === '' && !/[0-9]/.test(p)) return;
      out.push({ raw: p, norm, start: word.start + span * i, end: word.start + span * (i + 1), speaker, index: out.length, turn: word.turn ?? 0 });
    });
  }
  return out;
}

type Piece = { digits: string; money?: boolean; sep?: string } | null;

/** A token's contribution when it stands alone (multi-word forms are handled by the run reader). */
function digitToken(t: Token): Piece {
  const raw = t.raw.trim();
  if (/^[$£€]/.test(raw) || /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw.replace(/[^\d.,]/g, '')) && /,/.test(raw)) {
    return { digits: raw.replace(/\D/g, ''), money: true };
  }
  if (/^\d+\.\d{2}$/.test(raw.replace(/[^\d.]/g, ''))) return { digits: raw.replace(/\D/g, ''), money: true };
  const stripped = raw.replace(/^[^\d+]+|[^\d]+$/g, '');
  if (/^\+?\d[\d\-/.() ]*$/.test(stripped) && /\d/.test(stripped)) {
    return { digits: stripped.replace(/\D/g, ''), sep: stripped.replace(/[\d+]/g, '') };
  }
  return null;
}

export function isNumberWord(norm: string): boolean {
  return norm in UNITS || norm in TEENS || norm in TENS || norm in REPEAT || norm === 'hundred' || norm === 'thousand';
}

/**
 * Reads every digit run in one speaker's tokens. `oh`/`o` count as zero only next to another number,
 * so "oh, I see" is not a number.
 */
export function digitRuns(tokens: readonly Token[]): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const run = readRun(tokens, i);
    if (run) {
      runs.push(run);
      i = run.last + 1;
    } else i++;
  }
  return runs;
}

function startsNumber(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (digitToken(t)) return true;
  if (t.norm === 'oh' || t.norm === 'o') {
    const n = tokens[i + 1];
    return !!n && (digitToken(n) !== null || isNumberWord(n.norm)) && n.start - t.end < MAX_GAP_SEC;
  }
  return isNumberWord(t.norm) && t.norm !== 'hundred' && t.norm !== 'thousand';
}

function readRun(tokens: readonly Token[], from: number): DigitRun | null {
  if (!startsNumber(tokens, from)) return null;
  let digits = '';
  const source: number[] = [];
  let money = false;
  let separators = '';
  let i = from;
  let lastNumberToken = from;
  const push = (d: string, tokenIndex: number) => {
    for (const ch of d) {
      digits += ch;
      source.push(tokenIndex);
    }
  };
  while (i < tokens.length) {
    const t = tokens[i];
    if (i > from && (t.start - tokens[lastNumberToken].end > MAX_GAP_SEC || t.turn !== tokens[from].turn)) break;
    const piece = digitToken(t);
    if (piece) {
      push(piece.digits, i);
      money ||= !!piece.money;
      separators += piece.sep ?? '';
      lastNumberToken = i;
      i++;
      continue;
    }
    const n = t.norm;
    if (n in REPEAT) {
      const next = tokens[i + 1];
      const d = next ? (UNITS[next.norm] ?? (digitToken(next)?.digits.length === 1 ? digitToken(next)!.digits : undefined)) : undefined;
      if (d === undefined) break;
      push(String(d).repeat(REPEAT[n]), i + 1);
      lastNumberToken = i + 1;
      i += 2;
      continue;
    }
    if (n in TENS) {
      const next = tokens[i + 1];
      const unit = next && next.norm in UNITS && next.norm !== 'oh' && next.norm !== 'o' && next.norm !== 'zero' ? UNITS[next.norm] : undefined;
      if (unit !== undefined) {
        push(String(TENS[n] + unit), i);
        source[source.length - 1] = i + 1;
        lastNumberToken = i + 1;
        i += 2;
      } else {
        push(String(TENS[n]), i);
        lastNumberToken = i;
        i++;
      }
      continue;
    }
    if (n in TEENS) {
      push(String(TEENS[n]), i);
      lastNumberToken = i;
      i++;
      continue;
    }
    if (n in UNITS) {
      const next = tokens[i + 1];
      if (next?.norm === 'hundred') {
        // "four hundred" → 400; "four hundred and five" / "four hundred twenty" → 405 / 420.
        const rest = readBelowHundred(tokens, i + 2);
        push(String(UNITS[n]) + (rest ? rest.value.toString().padStart(2, '0') : '00'), i);
        lastNumberToken = rest ? rest.last : i + 1;
        i = lastNumberToken + 1;
        continue;
      }
      if (next?.norm === 'thousand') {
        const rest = readBelowThousand(tokens, i + 2);
        push(String(UNITS[n] * 1000 + (rest?.value ?? 0)), i);
        lastNumberToken = rest ? rest.last : i + 1;
        i = lastNumberToken + 1;
        continue;
      }
      push(String(UNITS[n]), i);
      lastNumberToken = i;
      i++;
      continue;
    }
    if (MONEY_WORDS.has(n) || n === '%' || n === 'percent') {
      money = true;
      lastNumberToken = i;
      i++;
      break;
    }
    if (FILLERS.has(n) || n === '' || /^[^a-z0-9]+$/.test(t.raw)) {
      // A filler continues the run only if another number follows soon.
      let j = i + 1;
      while (j < tokens.length && (FILLERS.has(tokens[j].norm) || tokens[j].norm === '')) j++;
      if (j < tokens.length && startsNumberInside(tokens, j) && tokens[j].start - tokens[lastNumberToken].end <= MAX_GAP_SEC) {
        i = j;
        continue;
      }
      break;
    }
    break;
  }
  if (digits.length === 0) return null;
  // Money said after the number ("forty five dollars") or before it ("$45").
  const after = tokens[lastNumberToken + 1];
  if (after && MONEY_WORDS.has(after.norm)) money = true;
  const before = tokens[from - 1];
  if (before && /^[$£€]$/.test(before.raw.trim())) money = true;
  return { digits, source, first: from, last: lastNumberToken, money, separators };
}

function startsNumberInside(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return digitToken(t) !== null || isNumberWord(t.norm) || (t.norm in UNITS);
}

function readBelowHundred(tokens: readonly Token[], i: number): { value: number; last: number } | null {
  let k = i;
  if (tokens[k]?.norm === 'and') k++;
  const t = tokens[k];
  if (!t) return null;
  if (t.norm in TEENS) return { value: TEENS[t.norm], last: k };
  if (t.norm in TENS) {
    const u = tokens[k + 1];
    if (u && u.norm in UNITS && u.norm !== 'oh' && u.norm !== 'o' && u.norm !== 'zero') return { value: TENS[t.norm] + UNITS[u.norm], last: k + 1 };
    return { value: TENS[t.norm], last: k };
  }
  if (t.norm in UNITS && t.norm !== 'oh' && t.norm !== 'o') return { value: UNITS[t.norm], last: k };
  return null;
}

function readBelowThousand(tokens: readonly Token[], i: number): { value: number; last: number } | null {
  let k = i;
  if (tokens[k]?.norm === 'and') k++;
  const t = tokens[k];
  if (t && t.norm in UNITS && tokens[k + 1]?.norm === 'hundred') {
    const rest = readBelowHundred(tokens, k + 2);
    return { value: UNITS[t.norm] * 100 + (rest?.value ?? 0), last: rest ? rest.last : k + 1 };
  }
  return readBelowHundred(tokens, i);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
