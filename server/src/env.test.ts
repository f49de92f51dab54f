import { describe, expect, it } from 'vitest';
import { loadEnv, poolSize, workerCount } from './env.ts';

describe('HTTP workers (CHEGUAN_WORKERS)', () => {
  it('are counted from the environment, `auto` being one per CPU', () => {
    expect(workerCount(loadEnv({}))).toBe(1);
    expect(workerCount(loadEnv({ CHEGUAN_WORKERS: '3' }))).toBe(3);
    expect(workerCount(loadEnv({ CHEGUAN_WORKERS: 'auto' }), 6)).toBe(6);
    expect(() => loadEnv({ CHEGUAN_WORKERS: '0' })).toThrow(/CHEGUAN_WORKERS/);
  });
});

describe('the database pool of each process (DB_POOL_SIZE)', () => {
  it('is four connections per CPU, shared among the HTTP workers, from 4 to 32', () => {
    expect(poolSize(loadEnv({}), 2)).toBe(8);
    expect(poolSize(loadEnv({}), 6)).toBe(24);
    expect(poolSize(loadEnv({}), 16)).toBe(32);
    expect(poolSize(loadEnv({ CHEGUAN_WORKERS: 'auto' }), 16)).toBe(4);
    expect(poolSize(loadEnv({ CHEGUAN_WORKERS: '3' }), 8)).toBe(11);
    expect(poolSize(loadEnv({ CHEGUAN_WORKERS: 'auto' }), 2)).toBe(4);
    expect(poolSize(loadEnv({}), 1)).toBe(4);
  });

  it('is what DB_POOL_SIZE says when set, at least two', () => {
    expect(poolSize(loadEnv({ DB_POOL_SIZE: '20' }), 2)).toBe(20);
    expect(poolSize(loadEnv({ DB_POOL_SIZE: '2', CHEGUAN_WORKERS: '4' }), 2)).toBe(2);
    expect(() => loadEnv({ DB_POOL_SIZE: '1' })).toThrow(/DB_POOL_SIZE/);
  });
});
