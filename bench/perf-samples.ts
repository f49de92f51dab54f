/**
 * The samples of a whole-machine `perf record -a --call-graph dwarf` (`--perf`'s files), read from
 * `perf script -F comm,ip,sym`, summed the way the write path's questions are asked: which process
 * the machine's CPU went to, and, inside PostgreSQL's backends, which part of a statement's life
 * (the Bind's parameters, the executor's start, index entries, CHECK constraints, foreign-key
 * checks, the commit…). V8's profiler (`--profile`) sees only the server's thread; this is the
 * other half of a mixed application's cost.
 */

export interface Sample {
  /** The thread's name: `postgres` for every backend, `node` for the server's threads. */
  comm: string;
  /** Function names, the sampled one first, then its callers. */
  frames: string[];
}

/**
 * `perf script -F comm,ip,sym` prints a sample as a line with the thread's name, then one
 * indented line per frame (`<address> <symbol>`, "[unknown]" when perf has none), then a blank
 * line.
 */
export function parsePerfScript(text: string): Sample[] {
  const samples: Sample[] = [];
  let current: Sample | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = null;
      continue;
    }
    if (line.startsWith('\t') || line.startsWith(' ')) {
      if (!current) continue;
      const [, symbol] = /^\s*[0-9a-f]+\s+(.*)$/i.exec(line) ?? [];
      // perf adds the DSO in parentheses when asked; an inlined frame says so after its name.
      if (symbol) current.frames.push(symbol.replace(/\s+\((inlined|[^)]*\.so[^)]*)\)$/, ''));
      continue;
    }
    // The thread's name alone (the only other field asked for is per frame); it may hold spaces.
    current = { comm: line.trim(), frames: [] };
    samples.push(current);
  }
  return samples;
}

/** Threads grouped as the bench names them: the idle loop is `swapper`. */
export function processOf(comm: string): string {
  if (comm === 'postgres') return 'PostgreSQL';
  if (comm.startsWith('node') || comm.startsWith('V8 ') || comm === 'libuv-worker')
    return 'Node (server, load generator, V8 helpers)';
  if (comm === 'swapper') return 'idle';
  if (comm === 'perf') return 'perf itself';
  return 'other (kernel workers, …)';
}

/**
 * Parts of a backend's work, each counted inclusively (a sample whose stack holds the function),
 * so the indented parts are within the one above them and the shares do not add up to 100 %.
 */
export const POSTGRES_PARTS: readonly { label: string; fn: string; depth: number }[] = [
  {
    label: 'a Bind: text parameters read by their types (jsonb, timestamptz…)',
    fn: 'OidInputFunctionCall',
    depth: 0,
  },
  { label: 'the cached plan found, its tables locked', fn: 'GetCachedPlan', depth: 0 },
  { label: 'the executor started (each plan node set up)', fn: 'standard_ExecutorStart', depth: 0 },
  { label: "a written table's indexes opened", fn: 'ExecOpenIndices', depth: 1 },
  { label: 'the executor run', fn: 'standard_ExecutorRun', depth: 0 },
  { label: 'reads (scans of tables and indexes)', fn: 'ExecScan', depth: 1 },
  { label: 'rows inserted', fn: 'ExecInsert', depth: 1 },
  { label: 'their index entries', fn: 'ExecInsertIndexTuples', depth: 2 },
  { label: 'rows updated', fn: 'ExecUpdate', depth: 1 },
  {
    label: 'CHECK constraints (read back from the catalogue each statement)',
    fn: 'ExecConstraints',
    depth: 1,
  },
  { label: 'of which their text parsed', fn: 'stringToNode', depth: 2 },
  { label: 'rows locked (FOR UPDATE)', fn: 'ExecLockRows', depth: 1 },
  { label: 'foreign keys checked (after each statement)', fn: 'RI_FKey_check', depth: 0 },
  { label: 'the executor ended', fn: 'standard_ExecutorEnd', depth: 0 },
  { label: 'commits', fn: 'CommitTransaction', depth: 0 },
  { label: 'the WAL flushed to disk', fn: 'XLogFlush', depth: 1 },
  { label: 'the socket read', fn: 'secure_read', depth: 0 },
  { label: 'the socket written', fn: 'secure_write', depth: 0 },
  {
    label: "the statement's text reported (pg_stat_activity)",
    fn: 'pgstat_report_activity',
    depth: 0,
  },
];

export interface PerfSummary {
  samples: number;
  byProcess: { process: string; samples: number; share: number }[];
  postgres: {
    samples: number;
    parts: { label: string; fn: string; depth: number; share: number }[];
    /** Where the backends' samples were taken (self time), the top functions. */
    top: { fn: string; share: number }[];
  };
}

export function summarise(samples: readonly Sample[], topRows = 25): PerfSummary {
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(processOf(s.comm), (counts.get(processOf(s.comm)) ?? 0) + 1);
  const total = samples.length;
  const pg = samples.filter((s) => s.comm === 'postgres');
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const self = new Map<string, number>();
  for (const s of pg) {
    const fn = s.frames[0] ?? '[unknown]';
    self.set(fn, (self.get(fn) ?? 0) + 1);
  }
  return {
    samples: total,
    byProcess: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([process, n]) => ({ process, samples: n, share: share(n, total) })),
    postgres: {
      samples: pg.length,
      parts: POSTGRES_PARTS.map(({ label, fn, depth }) => ({
        label,
        fn,
        depth,
        share: share(pg.filter((s) => s.frames.includes(fn)).length, pg.length),
      })),
      top: [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, topRows)
        .map(([fn, n]) => ({ fn, share: share(n, pg.length) })),
    },
  };
}
