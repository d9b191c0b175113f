// Finds what must not leave the building in a call transcript: card numbers (13–19 digits passing
// Luhn), security codes, expiry dates, SSNs, dates of birth, phone numbers, emails and bank
// accounts / IBANs. Context matters as much as digits: a 3-digit number is a security code only
// after someone asked for one (often the agent, on the other channel), and a 16-digit order number
// that fails Luhn is not a card. Each suggestion maps to the words' timings and the speaker.
import type { Transcript } from '../../../shared/player-types';
import { FILLERS, digitRuns, isNumberWord, luhnValid, tokenize, type DigitRun, type Token } from './spoken-numbers';

export type PiiKind = 'pan' | 'cvv' | 'expiry' | 'ssn' | 'dob' | 'phone' | 'email' | 'bank_account';

export interface RedactionSuggestion {
  kind: PiiKind;
  start: number;
  end: number;
  /** The transcript's speaker id. */
  speaker: string;
  /** The speaker's audio channel, when the transcript says. */
  channel: number | null;
  /** Which words (by time) the suggestion covers, for the transcript redaction. */
  wordCount: number;
  /** Why it was flagged, for the reviewer; holds no digits of the value itself. */
  reason: string;
}

// Context phrases, matched on normalised words. A run is read in the context of what anyone said
// shortly before it (the agent asks, the customer answers) and what its own speaker said just before.
const CONTEXT: Record<'card' | 'cvv' | 'expiry' | 'ssn' | 'dob' | 'phone' | 'bank' | 'notpii', string[]> = {
  card: ['card', 'card number', 'credit card', 'debit card', 'card ending', 'long number', 'visa', 'mastercard', 'amex', 'american express', 'discover', 'number on the card', 'number on the front'],
  cvv: ['security code', 'cvv', 'cvc', 'cvv2', 'csc', 'back of the card', 'three digit', 'three-digit', 'four digit code', 'verification code', 'code on the back', 'card verification', 'security number'],
  expiry: ['expiry', 'expiration', 'expires', 'expire', 'exp date', 'valid thru', 'valid through', 'valid until', 'good thru', 'good through', 'expiry date'],
  ssn: ['social security', 'social', 'ssn', 'social insurance', 'tax id', 'taxpayer'],
  dob: ['date of birth', 'birth date', 'birthday', 'born', 'dob', 'birthdate', 'd o b'],
  phone: ['phone', 'phone number', 'mobile', 'cell', 'telephone', 'call you back', 'call back', 'reach you', 'contact number', 'callback number', 'best number', 'landline', 'text you'],
  bank: ['account number', 'routing number', 'routing', 'sort code', 'bank account', 'iban', 'checking account', 'savings account', 'bank number', 'aba', 'swift', 'transit number'],
  notpii: ['order number', 'order', 'reference number', 'reference', 'confirmation number', 'confirmation', 'tracking number', 'tracking', 'invoice', 'ticket number', 'ticket', 'case number', 'claim number', 'extension', 'ext', 'model number', 'serial number', 'policy number', 'room', 'flight', 'member number', 'zip', 'zip code', 'postcode', 'postal code', 'apartment', 'suite'],
};

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

const QUANTITY_AFTER = new Set(['minutes', 'minute', 'hours', 'hour', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'percent', '%', 'times', 'items', 'people', 'calls', 'seconds', 'miles', 'kilometers', 'pounds', 'kilos', 'gb', 'mb']);

/** How close (seconds) a label like "order number" must be to the digits it describes. */
const NOT_PII_REACH_SEC = 5;

/** How far back (seconds) a question can be and still give context to an answer. */
const CONTEXT_BEFORE_SEC = 25;

interface Found {
  kind: PiiKind;
  speaker: string;
  from: number; // token index (speaker stream)
  to: number;
  reason: string;
}

interface Phrase {
  kind: keyof typeof CONTEXT;
  start: number;
  end: number;
  speaker: string;
}

function findPhrases(all: readonly Token[]): Phrase[] {
  const out: Phrase[] = [];
  for (const [kind, phrases] of Object.entries(CONTEXT) as [keyof typeof CONTEXT, string[]][]) {
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      for (let i = 0; i + words.length <= all.length; i++) {
        let ok = true;
        for (let k = 0; k < words.length && ok; k++) ok = all[i + k].norm === words[k];
        if (ok) out.push({ kind, start: all[i].start, end: all[i + words.length - 1].end, speaker: all[i].speaker });
      }
    }
  }
  return out;
}

/** The context kinds in force for something said at [start, end] by `speaker`, nearest first. */
function contextAt(phrases: readonly Phrase[], start: number): (keyof typeof CONTEXT)[] {
  // Either side may give the context: the agent asks, the customer answers on the other channel.
  const near = phrases.filter((p) => p.end <= start + 0.5 && p.end >= start - CONTEXT_BEFORE_SEC).sort((a, b) => b.end - a.end);
  return [...new Set(near.map((p) => p.kind))];
}

function nearest(phrases: readonly Phrase[], start: number, kinds: readonly (keyof typeof CONTEXT)[]): number {
  let best = Infinity;
  for (const p of phrases) if (kinds.includes(p.kind) && p.end <= start + 0.5 && start - p.end < best) best = Math.max(0, start - p.end);
  return best;
}

const validMonth = (m: number) => m >= 1 && m <= 12;
const validDay = (d: number) => d >= 1 && d <= 31;

function expiryDigits(d: string): boolean {
  // MMYY, MYY, MMYYYY, MYYYY
  if (d.length === 4) return validMonth(+d.slice(0, 2));
  if (d.length === 3) return validMonth(+d[0]);
  if (d.length === 6) return validMonth(+d.slice(0, 2)) && /^20\d\d$/.test(d.slice(2));
  if (d.length === 5) return validMonth(+d[0]) && /^20\d\d$/.test(d.slice(1));
  return false;
}

function dateDigits(d: string): boolean {
  // MMDDYY(YY) or DDMMYY(YY), with or without leading zeros dropped ("3 3 85").
  const forms: [number, number, string][] = [];
  if (d.length === 8) forms.push([+d.slice(0, 2), +d.slice(2, 4), d.slice(4)]);
  if (d.length === 6) forms.push([+d.slice(0, 2), +d.slice(2, 4), d.slice(4)]);
  if (d.length === 7) forms.push([+d[0], +d.slice(1, 3), d.slice(3)], [+d.slice(0, 2), +d[2], d.slice(3)]);
  if (d.length === 5) forms.push([+d[0], +d.slice(1, 3), d.slice(3)], [+d.slice(0, 2), +d[2], d.slice(3)]);
  if (d.length === 4) forms.push([+d[0], +d[1], d.slice(2)]);
  return forms.some(([a, b, y]) => ((validMonth(a) && validDay(b)) || (validDay(a) && validMonth(b))) && (y.length === 2 || /^(19|20)\d\d$/.test(y)));
}

function ssnValid(d: string): boolean {
  if (d.length !== 9) return false;
  const area = d.slice(0, 3);
  return area !== '000' && area !== '666' && d[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}

function routingValid(d: string): boolean {
  if (d.length !== 9) return false;
  const n = [...d].map(Number);
  return (3 * (n[0] + n[3] + n[6]) + 7 * (n[1] + n[4] + n[7]) + (n[2] + n[5] + n[8])) % 10 === 0;
}

function phoneLike(d: string): boolean {
  if (d.length === 10) return /^[2-9]\d{2}[2-9]/.test(d);
  if (d.length === 11) return /^1[2-9]\d{2}[2-9]/.test(d);
  return d.length >= 11 && d.length <= 15 && /^(44|33|49|34|39|61|91|52|86|81)/.test(d);
}

function classifyRun(run: DigitRun, ctx: (keyof typeof CONTEXT)[], dist: (kinds: (keyof typeof CONTEXT)[]) => number): { kind: PiiKind; reason: string } | null {
  if (run.money) return null;
  const d = run.digits;
  const n = d.length;
  // "order number 4111…": only a label said right before the digits makes them a non-PII identifier.
  const notPii = ctx[0] === 'notpii' && dist(['notpii']) < NOT_PII_REACH_SEC;
  const has = (k: keyof typeof CONTEXT) => ctx.includes(k);
  // Of competing contexts, the one spoken most recently wins.
  const recent = (a: keyof typeof CONTEXT, b: keyof typeof CONTEXT) => dist([a]) <= dist([b]);

  if (n >= 13 && n <= 19 && luhnValid(d) && !(notPii && !has('card'))) return { kind: 'pan', reason: `${n} digits passing the Luhn check` };
  // "123-45-6789" written by speech-to-text keeps its two dashes.
  const writtenLikeSsn = run.separators === '--';
  if (n === 9 && (has('ssn') || writtenLikeSsn) && ssnValid(d) && !(has('bank') && recent('bank', 'ssn'))) {
    return { kind: 'ssn', reason: has('ssn') ? 'nine digits after a question about the social security number' : 'written like a social security number' };
  }
  if (n === 4 && has('ssn') && !has('cvv') && dist(['ssn']) < 15) return { kind: 'ssn', reason: 'last four digits of a social security number' };
  if ((n === 3 || n === 4) && has('cvv') && (!has('expiry') || recent('cvv', 'expiry')) && !(has('dob') && recent('dob', 'cvv'))) return { kind: 'cvv', reason: 'a 3–4 digit code after a question about the security code' };
  if (has('expiry') && (!has('dob') || recent('expiry', 'dob')) && expiryDigits(d)) return { kind: 'expiry', reason: 'a month and year after a question about the expiry date' };
  if (has('dob') && (n === 4 ? /^(19|20)\d\d$/.test(d) || dateDigits(d) : dateDigits(d))) return { kind: 'dob', reason: 'a date after a question about the date of birth' };
  if (has('bank') && n >= 6 && n <= 17 && (!has('phone') || recent('bank', 'phone'))) return { kind: 'bank_account', reason: routingValid(d) ? 'a routing number (checksum valid)' : `${n} digits after a question about the bank account` };
  if (phoneLike(d) && !(notPii && !has('phone'))) return { kind: 'phone', reason: 'a phone number' };
  if (has('phone') && n >= 7 && n <= 15 && !notPii) return { kind: 'phone', reason: 'digits after a question about a phone number' };
  return null;
}

function spokenDates(tokens: readonly Token[], ctx: (i: number) => (keyof typeof CONTEXT)[], dist: (i: number, k: (keyof typeof CONTEXT)[]) => number): Found[] {
  // "March 3rd 1985", "the third of March nineteen eighty five", "December twenty six" (expiry).
  const out: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = MONTHS[tokens[i].norm];
    if (m === undefined || (tokens[i].norm === 'may' && !isDatey(tokens, i))) continue;
    let from = i;
    let to = i;
    // A day before: "third of March", "3rd of March", "the 3 March".
    let k = i - 1;
    if (tokens[k]?.norm === 'of') k--;
    if (k >= 0 && dayValue(tokens[k]) !== null) from = k;
    // A day and/or year after.
    let j = i + 1;
    if (j < tokens.length && dayValue(tokens[j]) !== null) {
      to = j;
      j++;
    }
    while (j < tokens.length && tokens[j].start - tokens[to].end < 2.5 && (isNumberWord(tokens[j].norm) || /^\d{2,4}$/.test(tokens[j].norm) || tokens[j].norm === 'oh' || FILLERS.has(tokens[j].norm))) {
      if (!FILLERS.has(tokens[j].norm)) to = j;
      j++;
    }
    if (to === i && from === i) continue;
    const c = ctx(i);
    const isExpiry = c.includes('expiry') && (!c.includes('dob') || dist(i, ['expiry']) <= dist(i, ['dob']));
    if (isExpiry) out.push({ kind: 'expiry', speaker: tokens[i].speaker, from, to, reason: 'a month and year after a question about the expiry date' });
    else if (c.includes('dob')) out.push({ kind: 'dob', speaker: tokens[i].speaker, from, to, reason: 'a date after a question about the date of birth' });
  }
  return out;
}

function isDatey(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  return (next !== undefined && (dayValue(next) !== null || /^\d{4}$/.test(next.norm))) || (prev !== undefined && (prev.norm === 'of' || dayValue(prev) !== null));
}

function dayValue(t: Token): number | null {
  if (t.norm in ORDINALS) return ORDINALS[t.norm];
  const m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(t.norm);
  if (m && validDay(+m[1])) return +m[1];
  return null;
}

function emails(tokens: readonly Token[]): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(tokens[i].raw.replace(/[.,;!?]+$/, ''))) {
      out.push({ kind: 'email', speaker: tokens[i].speaker, from: i, to: i, reason: 'an email address' });
      continue;
    }
    // Spoken: "jane dot doe at example dot com" / "jane doe at gmail.com".
    if (tokens[i].norm !== 'at') continue;
    let j = i + 1;
    let sawDot = false;
    while (j < tokens.length && j - i < 8) {
      const n = tokens[j].norm;
      if (n === 'dot' || n === 'period') sawDot = true;
      else if (/\.[a-z]{2,}$/.test(tokens[j].raw.toLowerCase().replace(/[,;!?]+$/, ''))) {
        sawDot = true;
        j++;
        break;
      } else if (sawDot && /^(com|net|org|edu|gov|io|co|uk|us|ca|de|fr|info|biz|me)$/.test(n)) {
        j++;
        break;
      }
      j++;
    }
    const end = j - 1;
    if (!sawDot || end <= i) continue;
    // The local part: up to 4 words before "at" joined by "dot"/"underscore" or a single word.
    let from = i - 1;
    while (from > 0 && i - from < 5 && ['dot', 'underscore', 'dash', 'period'].includes(tokens[from - 1]?.norm ?? '')) from -= 2;
    if (from < 0 || !/^[a-z0-9._-]+$/.test(tokens[from].norm)) continue;
    if (!/\b(com|net|org|edu|gov|io|co|uk|us|ca|de|fr|info|biz|me)$/.test(tokens[end].norm.replace(/^.*\./, ''))) continue;
    out.push({ kind: 'email', speaker: tokens[i].speaker, from, to: end, reason: 'a spoken email address' });
  }
  return out;
}

function ibans(tokens: readonly Token[]): Found[] {
  // Written IBANs, possibly in groups: "GB82 WEST 1234 5698 7654 32".
  const out: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]*$/i.test(tokens[i].raw)) continue;
    let text = tokens[i].raw.toUpperCase();
    let j = i;
    while (j + 1 < tokens.length && /^[A-Z0-9]{1,4}$/i.test(tokens[j + 1].raw) && text.length < 34) text += tokens[++j].raw.toUpperCase();
    for (let end = text.length; end >= 15; end--) {
      if (ibanValid(text.slice(0, end))) {
        out.push({ kind: 'bank_account', speaker: tokens[i].speaker, from: i, to: j, reason: 'an IBAN (check digits valid)' });
        i = j;
        break;
      }
    }
  }
  return out;
}

export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const c of v) rem = (rem * 10 + Number(c)) % 97;
  }
  return rem === 1;
}

/** Groups of runs said by one speaker with short pauses, tried together for split card numbers. */
function joinedCandidates(runs: readonly DigitRun[], tokens: readonly Token[]): DigitRun[] {
  const out: DigitRun[] = [];
  for (let a = 0; a < runs.length; a++) {
    let digits = runs[a].digits;
    let source = [...runs[a].source];
    for (let b = a + 1; b < runs.length && b - a < 4; b++) {
      if (runs[b].money || tokens[runs[b].first].start - tokens[runs[b - 1].last].end > 8 || runs[b].first - runs[b - 1].last > 8) break;
      digits += runs[b].digits;
      source = source.concat(runs[b].source);
      if (digits.length > 19) break;
      if (digits.length >= 13) out.push({ digits, source, first: runs[a].first, last: runs[b].last, money: false, separators: '' });
    }
  }
  return out;
}

export function detectPii(transcript: Transcript): RedactionSuggestion[] {
  const channelOf = new Map(transcript.speakers.map((s) => [s.id, s.channel]));
  const bySpeaker = new Map<string, { w: string; start: number; end: number; turn: number }[]>();
  [...transcript.segments]
    .sort((a, b) => a.start - b.start)
    .forEach((seg, turn) => {
      const list = bySpeaker.get(seg.speaker) ?? [];
      for (const w of seg.words) list.push({ ...w, turn });
      bySpeaker.set(seg.speaker, list);
    });
  const streams = [...bySpeaker].map(([speaker, words]) => tokenize([...words].sort((a, b) => a.start - b.start), speaker));
  const all = streams.flat().sort((a, b) => a.start - b.start);
  const phrases = findPhrases(all);

  const suggestions: RedactionSuggestion[] = [];
  for (const tokens of streams) {
    if (tokens.length === 0) continue;
    const speaker = tokens[0].speaker;
    const ctxOf = (i: number) => contextAt(phrases, tokens[i].start);
    const distOf = (i: number, kinds: (keyof typeof CONTEXT)[]) => nearest(phrases, tokens[i].start, kinds);
    const found: Found[] = [];
    const used = new Set<number>();
    const overlaps = (from: number, to: number) => {
      for (let i = from; i <= to; i++) if (used.has(i)) return true;
      return false;
    };
    const take = (f: Found) => {
      found.push(f);
      for (let i = f.from; i <= f.to; i++) used.add(i);
    };
    // Dates said with a month name first, so "the fourth of March nineteen eighty two" is one date of
    // birth rather than a bare year.
    for (const f of spokenDates(tokens, ctxOf, distOf)) if (!overlaps(f.from, f.to)) take(f);
    const runs = digitRuns(tokens);
    for (const run of runs) {
      // "45 minutes", "12 percent", "3 times": a quantity, not an identifier.
      if (overlaps(run.first, run.last) || QUANTITY_AFTER.has(tokens[run.last + 1]?.norm ?? '')) continue;
      const c = classifyRun(run, ctxOf(run.first), (k) => distOf(run.first, k));
      if (c) take({ kind: c.kind, speaker, from: run.first, to: run.last, reason: c.reason });
    }
    // A card number read in groups with pauses, or interrupted by "uh huh" from the other side.
    for (const cand of joinedCandidates(runs.filter((r) => !used.has(r.first)), tokens)) {
      const c = ctxOf(cand.first);
      const labelled = c[0] === 'notpii' && distOf(cand.first, ['notpii']) < NOT_PII_REACH_SEC;
      if (luhnValid(cand.digits) && (c.includes('card') || /^[3-6]/.test(cand.digits)) && !(labelled && !c.includes('card')) && !overlaps(cand.first, cand.last)) {
        take({ kind: 'pan', speaker, from: cand.first, to: cand.last, reason: `${cand.digits.length} digits said in groups, passing the Luhn check` });
      }
    }
    for (const f of [...emails(tokens), ...ibans(tokens)]) if (!overlaps(f.from, f.to)) take(f);
    for (const f of found) {
      suggestions.push({
        kind: f.kind,
        start: round3(tokens[f.from].start),
        end: round3(tokens[f.to].end),
        speaker: f.speaker,
        channel: channelOf.get(f.speaker) ?? null,
        wordCount: f.to - f.from + 1,
        reason: f.reason,
      });
    }
  }
  return suggestions.sort((a, b) => a.start - b.start || a.end - b.end);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
