/**
 * The machine's CPU by process and PostgreSQL's by part of a statement's life, from a
 * `--perf` file (a whole-machine `perf record` over one measured window), as Markdown tables.
 * Usage: npx tsx bench/perf-top.ts <file.perf.data> [PostgreSQL CPU ms per request] [rows]
 * Given the bench's PostgreSQL CPU per request for that window, each part is also given in µs per
 * request. Needs `perf` (Debian: linux-perf) to read the file.
 */
import { execFileSync } from 'node:child_process';
import { markdownTable, fmt } from './stats.ts';
import { parsePerfScript, summarise } from './perf-samples.ts';

const [file, perRequest, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error(
    'usage: npx tsx bench/perf-top.ts <file.perf.data> [PostgreSQL CPU ms per request] [rows]',
  );
  process.exit(2);
}
const msPerRequest = perRequest === undefined ? null : Number(perRequest);
const text = execFileSync('perf', ['script', '-i', file, '-F', 'comm,ip,sym', '--no-inline'], {
  encoding: 'utf8',
  maxBuffer: 2 ** 31 - 1,
  stdio: ['ignore', 'pipe', 'ignore'],
});
const summary = summarise(parsePerfScript(text), Number(rowsArg ?? 25));
const pct = (share: number) => `${fmt(share * 100)} %`;
const perRequestCell = (share: number) =>
  msPerRequest === null ? [] : [fmt(share * msPerRequest * 1000, 0)];
const perHeader = msPerRequest === null ? [] : ['µs per request'];

console.log(`${file}: ${summary.samples} samples over the machine's CPUs\n`);
console.log(
  markdownTable(
    ['process', 'samples', 'share of the machine'],
    summary.byProcess.map((p) => [p.process, String(p.samples), pct(p.share)]),
  ),
);
console.log(
  `\nPostgreSQL's backends: ${summary.postgres.samples} samples; each part counts the samples whose stack holds it (an indented part is within the one above)\n`,
);
console.log(
  markdownTable(
    ['part', 'function', 'share of PostgreSQL', ...perHeader],
    summary.postgres.parts.map((p) => [
      `${'↳ '.repeat(p.depth)}${p.label}`,
      `\`${p.fn}\``,
      pct(p.share),
      ...perRequestCell(p.share),
    ]),
  ),
);
console.log('');
console.log(
  markdownTable(
    ['function (self)', 'share of PostgreSQL', ...perHeader],
    summary.postgres.top.map((t) => [`\`${t.fn}\``, pct(t.share), ...perRequestCell(t.share)]),
  ),
);
