import { OUTLET_CATEGORY_NAMES_ZH, type OutletCategory } from '#shared/catalog.ts';
import type { Bulletin } from '#shared/schemas/supervision.ts';
import { ruleById } from './rules.ts';

/** Chinese names of what a bulletin shows (the bulletin is an official document in Chinese). */
const PERIOD_ZH = { daily: '每日', weekly: '每周', monthly: '月度', annual: '年度' } as const;
const ACTION_ZH: Record<string, string> = {
  dismiss: '排除',
  interview: '约谈',
  rectify: '限期整改',
  suspend: '暂停委托',
  terminate: '终止委托',
  reopen: '逾期重开',
};
const SEVERITY_ZH = { low: '低', medium: '中', high: '高' } as const;
const categoryZh = (c: string) => OUTLET_CATEGORY_NAMES_ZH[c as OutletCategory] ?? c;
const ruleZh = (id: string) => ruleById(id)?.nameZh ?? id;

export const titleOf = (b: Bulletin) =>
  `${b.issuer}${PERIOD_ZH[b.period]}监管研判通报（${b.from} 至 ${b.to}）`;

const COUNT_HEADERS = ['业务总量', '办结', '退办', '延时/周末/节假日办理'];
const counts = (c: Bulletin['totals']) => [c.applications, c.completed, c.refused, c.extendedHours];

/** The tables of a bulletin: a title and rows, shared by the workbook and the printed page. */
export function bulletinTables(b: Bulletin) {
  return [
    { title: '业务总量', head: COUNT_HEADERS, rows: [counts(b.totals)] },
    {
      title: '按网点类别',
      head: ['网点类别', ...COUNT_HEADERS],
      rows: b.byCategory.map((c) => [categoryZh(c.category), ...counts(c)]),
    },
    {
      title: '按区县',
      head: ['区县', ...COUNT_HEADERS],
      rows: b.byCounty.map((c) => [c.countyName, ...counts(c)]),
    },
    {
      title: '预警',
      head: ['规则', '等级', '待处置', '处置中', '已办结'],
      rows: b.alerts.map((a) => [
        ruleZh(a.rule),
        SEVERITY_ZH[a.severity],
        a.open,
        a.assigned,
        a.closed,
      ]),
    },
    {
      title: '处置',
      head: ['处置方式', '次数'],
      rows: b.dispositions.map((d) => [ACTION_ZH[d.action] ?? d.action, d.count]),
    },
  ];
}

/** The bulletin as an .xlsx workbook: one sheet per table. */
export async function bulletinWorkbook(b: Bulletin): Promise<Buffer> {
  // Loaded on first use: the library takes about as long to load as the rest of the server's
  // dependencies together, and few requests ever ask for a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = b.issuer;
  book.title = titleOf(b);
  for (const table of bulletinTables(b)) {
    const sheet = book.addWorksheet(table.title);
    sheet.addRow([titleOf(b)]).font = { bold: true };
    sheet.addRow(table.head).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((c) => (c.width = 18));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const escape = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The bulletin as a printable A4 page (HTML with its own print styles). */
export function bulletinPage(b: Bulletin): string {
  const title = escape(titleOf(b));
  const tables = bulletinTables(b)
    .map(
      (t) => `<h2>${escape(t.title)}</h2>
<table><thead><tr>${t.head.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead>
<tbody>${
        t.rows.length
          ? t.rows.map((r) => `<tr>${r.map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`).join('')
          : `<tr><td colspan="${t.head.length}">无</td></tr>`
      }</tbody></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Songti SC", serif; color: #000; font-size: 11pt; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 8mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; }
th { background: #eee; }
</style></head>
<body><main><h1>${title}</h1>
${tables}
</main></body></html>`;
}
