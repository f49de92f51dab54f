import { describe, expect, it } from 'vitest';
import { parsePerfScript, POSTGRES_PARTS, processOf, summarise } from './perf-samples.ts';

// Five samples as `perf script -F comm,ip,sym` prints them (addresses shortened).
const SCRIPT = [
  'postgres ',
  '\t          3afe39 time_overflows',
  '\t          43b40d timestamptz_in',
  '\t          479f76 OidInputFunctionCall',
  '\t          383be7 PostgresMain',
  '\t           27304 __libc_start_main_impl (inlined)',
  '',
  'postgres ',
  '\tffffffff815a7f61 next_uptodate_folio',
  '\t          12b9ae _bt_checkpage',
  '\t          2a0001 ExecInsertIndexTuples',
  '\t          2a0002 ExecInsert',
  '\t          2a0003 standard_ExecutorRun',
  '\t          383be7 PostgresMain',
  '',
  'node ',
  '\t          111111 [unknown]',
  '',
  'swapper ',
  '\tffffffff81000001 default_idle',
  '',
  'V8 DefaultWorke ',
  '\t          222222 v8::internal::ScavengerCollector::CollectGarbage',
  '',
].join('\n');

describe("a whole-machine perf file's samples", () => {
  it('are read with their threads and frames, the sampled one first', () => {
    const samples = parsePerfScript(SCRIPT);
    expect(samples.map((s) => s.comm)).toEqual([
      'postgres',
      'postgres',
      'node',
      'swapper',
      'V8 DefaultWorke',
    ]);
    expect(samples[0]!.frames).toEqual([
      'time_overflows',
      'timestamptz_in',
      'OidInputFunctionCall',
      'PostgresMain',
      '__libc_start_main_impl',
    ]);
    expect(samples[1]!.frames[0]).toBe('next_uptodate_folio');
    expect(samples[2]!.frames).toEqual(['[unknown]']);
  });

  it("give the machine's share by process and PostgreSQL's by part, inclusively", () => {
    const s = summarise(parsePerfScript(SCRIPT));
    expect(s.samples).toBe(5);
    // V8's helper threads count with the server's.
    expect(s.byProcess).toEqual([
      { process: 'PostgreSQL', samples: 2, share: 0.4 },
      { process: processOf('node'), samples: 2, share: 0.4 },
      { process: 'idle', samples: 1, share: 0.2 },
    ]);
    expect(s.postgres.samples).toBe(2);
    const part = (fn: string) => s.postgres.parts.find((p) => p.fn === fn)!;
    expect(part('OidInputFunctionCall').share).toBe(0.5);
    // The index entry is within the insert, which is within the executor's run: each counts it.
    expect(part('ExecInsertIndexTuples').share).toBe(0.5);
    expect(part('ExecInsert').share).toBe(0.5);
    expect(part('standard_ExecutorRun').share).toBe(0.5);
    expect(part('RI_FKey_check').share).toBe(0);
    expect(s.postgres.top).toEqual([
      { fn: 'time_overflows', share: 0.5 },
      { fn: 'next_uptodate_folio', share: 0.5 },
    ]);
  });

  it('name each part by a function once', () => {
    const fns = POSTGRES_PARTS.map((p) => p.fn);
    expect(new Set(fns).size).toBe(fns.length);
  });
});
