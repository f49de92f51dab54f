import { describe, expect, it } from 'vitest';
import { beijingDate, daysInMonth } from '../dates.ts';
import { seededRandom } from '../random.ts';
import {
  computeIdNumberCheckCharacter,
  parseIdNumber,
  PROVINCE_PREFIXES,
  upgradeLegacyIdNumber,
  type IdNumberResult,
} from './id-number.ts';

/**
 * `parseIdNumber` reads canonical numbers by character codes, without normalising them or testing
 * them with expressions. This is the reading it replaced, by expressions and slices after NFKC
 * normalisation: for any input and any day, both must give the same result.
 */
function parseByExpressions(input: string, today: Date): IdNumberResult {
  const s = input.normalize('NFKC').trim().toUpperCase();
  if (s.length !== 18 && s.length !== 15) return { ok: false, reason: 'length' };
  let id18: string;
  if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return { ok: false, reason: 'format' };
    id18 = upgradeLegacyIdNumber(s);
  } else {
    if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'format' };
    id18 = s;
  }
  const regionCode = id18.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(regionCode.slice(0, 2))) return { ok: false, reason: 'region' };
  const raw = id18.slice(6, 14);
  const [y, m, d] = [raw.slice(0, 4), raw.slice(4, 6), raw.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return { ok: false, reason: 'birth-date' };
  }
  const birthDate = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  if (birthDate < '1900-01-01') return { ok: false, reason: 'birth-date' };
  if (birthDate > beijingDate(today)) return { ok: false, reason: 'future-birth-date' };
  if (computeIdNumberCheckCharacter(id18) !== id18[17]) {
    return { ok: false, reason: 'check-character' };
  }
  const sex = Number(id18[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber: id18, regionCode, birthDate, sex } };
}

describe('parseIdNumber read by character codes', () => {
  it('gives what the reading by expressions gives, for 200,000 generated inputs', () => {
    const random = seededRandom(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const digits = (n: number) =>
      Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    // Birth dates near the edges: 1899-1901, around today, leap days, day 0, month 13, day 31.
    const birth = () =>
      `${pick(['1899', '1900', '1901', '1949', '2000', '2023', '2024', '2025', '2026', '2100'])}${pad(
        Math.floor(random() * 14),
        2,
      )}${pad(pick([0, 1, 15, 28, 29, 30, 31, 32, Math.floor(random() * 40)]), 2)}`;
    const region = () => `${pick([...PROVINCE_PREFIXES, '00', '10', '99', '84'])}${digits(4)}`;
    const first17 = () => `${region()}${birth()}${digits(3)}`;
    const inputs: (() => string)[] = [
      // Canonical numbers with their correct check character, and with any other.
      () => {
        const f = first17();
        return f + computeIdNumberCheckCharacter(f);
      },
      () => first17() + pick(['0', '1', '5', '9', 'X', 'x']),
      // Legacy 15-digit numbers, and their 18-character forms.
      () => `${region()}${birth().slice(2)}${digits(3)}`,
      // Written as people type them: spaces, full-width digits, a lower-case x.
      () => {
        const f = first17();
        const n = f + computeIdNumberCheckCharacter(f);
        return pick([
          ` ${n} `,
          n.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
          n.toLowerCase(),
          `\t${n}`,
        ]);
      },
      // Malformed: wrong lengths, letters, an X in the body, other scripts.
      () => first17().slice(0, Math.floor(random() * 17)),
      () => `${first17()}${digits(1)}${digits(1)}`,
      () => {
        const f = first17();
        const at = Math.floor(random() * 17);
        return `${f.slice(0, at)}${pick(['X', 'A', '-', '٣', '０'])}${f.slice(at + 1)}0`;
      },
    ];
    // Instants around Beijing midnight and in other years, as the rule's "today".
    const days = [
      new Date('2024-06-15T04:00:00Z'),
      new Date('2024-02-28T15:59:59.999Z'),
      new Date('2024-02-28T16:00:00Z'),
      new Date('2025-12-31T16:00:00Z'),
      new Date(),
    ];
    for (let n = 0; n < 200_000; n++) {
      const input = pick(inputs)();
      const today = pick(days);
      expect(parseIdNumber(input, today), JSON.stringify({ input, today })).toEqual(
        parseByExpressions(input, today),
      );
    }
  });

  it('reads "today" anew when the day in China changes', () => {
    const born = '52030220261205' + '001';
    const id = born + computeIdNumberCheckCharacter(born);
    expect(parseIdNumber(id, new Date('2026-12-04T15:59:59.999Z'))).toMatchObject({
      ok: false,
      reason: 'future-birth-date',
    });
    expect(parseIdNumber(id, new Date('2026-12-04T16:00:00Z'))).toMatchObject({ ok: true });
    expect(parseIdNumber(id, new Date('2026-12-04T15:00:00Z'))).toMatchObject({ ok: false });
  });
});
