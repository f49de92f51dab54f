import { describe, expect, it } from 'vitest';
import { foldInput } from './fold.ts';

/** What the validators did before the fast path: NFKC always. */
const folded = (s: string) => s.normalize('NFKC').trim().toUpperCase();

describe('foldInput', () => {
  it('skips only characters NFKC leaves as they are: ASCII and CJK unified ideographs', () => {
    const stable: string[] = [];
    for (let c = 0; c < 0x80; c++) stable.push(String.fromCharCode(c));
    for (let c = 0x4e00; c <= 0x9fff; c++) stable.push(String.fromCharCode(c));
    expect(stable.filter((s) => s.normalize('NFKC') !== s)).toEqual([]);
    // Whole strings of them too: nothing composes without a combining mark.
    expect(foldInput('贵ca8830 ')).toBe('贵CA8830');
    expect(foldInput(' 52030219850512011x')).toBe('52030219850512011X');
  });

  it('folds everything else as NFKC does: full-width, compatibility ideographs, combining marks', () => {
    for (const s of [
      '贵Ｃ８８３０',
      '５２０３０２１９８５０５１２０１１ｘ',
      'ＬＳＪＡ２４Ｕ６２ＪＧ２６９２２５',
      '豈C12345', // U+F900, a compatibility ideograph
      'e\u0301', // e and a combining acute accent: one character in NFKC
      '\u3000贵C12345\u3000', // ideographic spaces, trimmed
      'ⅷ',
    ]) {
      expect(foldInput(s), s).toBe(folded(s));
    }
  });
});
