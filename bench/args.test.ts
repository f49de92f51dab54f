import { describe, expect, it } from 'vitest';
import { parseBenchArgs, USAGE } from './args.ts';

const parse = (...argv: string[]) => {
  const opts = parseBenchArgs(argv);
  if (opts === 'help') throw new Error('asked for help');
  return opts;
};

describe('the server log level of a bench run', () => {
  it('is silent unless asked, as the recorded runs were measured', () => {
    expect(parse().logLevel).toBe('silent');
  });

  it("takes npm start's level, or any level the server knows", () => {
    expect(parse('--log-level', 'info').logLevel).toBe('info');
    expect(parse('--log-level', 'warn').logLevel).toBe('warn');
  });

  it('refuses a level the server does not know, naming the known ones', () => {
    expect(() => parse('--log-level', 'loud')).toThrow(/unknown level "loud" \(known: .*\binfo\b/);
    expect(() => parse('--log-level', 'loud')).toThrow(/\bsilent\b/);
  });

  it('refuses a log with HTTP workers, whose lines would go into the report', () => {
    expect(() => parse('--log-level', 'info', '--workers', '2')).toThrow(/not with --workers/);
    expect(parse('--log-level', 'silent', '--workers', '2').workers).toBe(2);
  });

  it('is in the usage, which names each option once', () => {
    expect(USAGE).toContain('--log-level <level>');
    const options = [...USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(new Set(options).size).toBe(options.length);
  });
});

describe('the profiles of a bench run', () => {
  it('takes --perf beside a V8 profile, and neither unless asked', () => {
    expect(parse().perf).toBeNull();
    const opts = parse('--perf', '/tmp/perf', '--profile', '/tmp/prof');
    expect([opts.perf, opts.profile]).toEqual(['/tmp/perf', '/tmp/prof']);
    expect(USAGE).toContain('--perf <dir>');
  });
});
