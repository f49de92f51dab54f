/**
 * What every identifier validator does to its input first: trim, fold full-width characters
 * (common from Chinese IMEs: "１２３", "贵Ｃ") to ASCII via NFKC, and upper-case.
 *
 * Text of only ASCII and CJK unified ideographs (U+4E00–U+9FFF) is already in NFKC: none of
 * those characters has a decomposition, and without combining marks none composes. That is
 * nearly every input (identity numbers, VINs, codes, plates such as 贵CA8830), so the
 * normalisation is skipped for it (about 250 → 170 ns a call).
 */
export function foldInput(input: string): string {
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80 && (c < 0x4e00 || c > 0x9fff)) {
      return input.normalize('NFKC').trim().toUpperCase();
    }
  }
  return input.trim().toUpperCase();
}
