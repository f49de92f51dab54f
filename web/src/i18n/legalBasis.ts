/**
 * A legal basis as an English reader sees it. The server cites the law in Chinese only
 * ("机动车登记规定 第十三条"), as the rules carry it; in English the regulations' usual English names
 * and the article numbers are given, and any part this map does not know stays as cited.
 */
const REGULATIONS: [string, string][] = [
  // Longest first: one name may contain another.
  [
    '中华人民共和国道路交通安全法实施条例',
    'Regulations for the Implementation of the Road Traffic Safety Law',
  ],
  ['中华人民共和国道路交通安全法', 'Road Traffic Safety Law'],
  ['道路交通安全法实施条例', 'Regulations for the Implementation of the Road Traffic Safety Law'],
  ['中华人民共和国行政处罚法', 'Administrative Penalty Law'],
  [
    '机动车驾驶证申领和使用规定',
    'Provisions on the Application for and Use of Motor Vehicle Driving Licences',
  ],
  ['道路交通安全违法行为记分管理办法', 'Measures for Scoring Road Traffic Safety Violations'],
  [
    '道路交通安全违法行为处理程序规定',
    'Provisions on the Procedures for Handling Road Traffic Safety Violations',
  ],
  ['机动车强制报废标准规定', 'Provisions on Mandatory Scrapping Standards for Motor Vehicles'],
  ['机动车登记规定', 'Provisions on Motor Vehicle Registration'],
];

const DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A Chinese numeral below 1000 (一百二十三, 十五, 四十) as a number. */
export function chineseNumber(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else {
      const unit = ch === '百' ? 100 : ch === '十' ? 10 : 0;
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

const N = '[零一二两三四五六七八九十百]+';

/** The basis in English: the regulations named, the articles, paragraphs and items numbered. */
export function legalBasisEn(basis: string): string {
  let out = basis;
  for (const [zh, en] of REGULATIONS) out = out.split(zh).join(en);
  return (
    out
      .replace(new RegExp(`第(${N})条`, 'g'), (_, n: string) => ` Art. ${chineseNumber(n)}`)
      .replace(new RegExp(`第(${N})款`, 'g'), (_, n: string) => ` para. ${chineseNumber(n)}`)
      .replace(new RegExp(`第（(${N})）项`, 'g'), (_, n: string) => ` item (${chineseNumber(n)})`)
      // The decree a regulation was issued by ("机动车登记规定（公安部令第164号）").
      .replace(/（公安部令第(\d+)号）/g, ' (Ministry of Public Security Order No. $1)')
      // A range of articles ("第二十五条至第二十七条", numbered above).
      .replace(/(Art\. \d+)至 Art\./g, '$1 to')
      .replace(/；/g, '; ')
      .replace(/、/g, ', ')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}
