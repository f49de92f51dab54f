import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import {
  logLostRaces,
  lostRace,
  lostRaces,
  retryingLostRaces,
  type LostRaceNotice,
} from './races.ts';

const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error(`pg ${code}`), { code, constraint });
const plateTaken = () => pgError('23505', 'vehicles_city_code_plate_key');

describe('lost races', () => {
  it('are a number taken meanwhile, a deadlock or a serialization failure; nothing else', () => {
    expect(lostRace(plateTaken())).toBe(true);
    expect(lostRace(pgError('40P01'))).toBe(true);
    expect(lostRace(pgError('40001'))).toBe(true);
    // A repeated idempotency key is answered by the earlier application, not run again.
    expect(lostRace(pgError('23505', 'applications_idempotency'))).toBe(false);
    expect(lostRace(pgError('23503', 'vehicles_city_code_plate_key'))).toBe(false);
    expect(lostRace(new Error('boom'))).toBe(false);
    expect(lostRace(null)).toBe(false);
  });

  it('run the transaction again, and answer with the run that did not lose', async () => {
    const failures = [plateTaken(), pgError('40P01')];
    let runs = 0;
    const result = await retryingLostRaces(async () => {
      runs++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'stored';
    });
    expect(result).toBe('stored');
    expect(runs).toBe(3);
  });

  it('give up after three runs with a conflict, not an internal error', async () => {
    let runs = 0;
    const lost = retryingLostRaces(async () => {
      runs++;
      throw plateTaken();
    });
    await expect(lost).rejects.toBeInstanceOf(AppError);
    await expect(lost).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(runs).toBe(3);
  });

  it('pass any other failure on at once', async () => {
    let runs = 0;
    const other = pgError('23505', 'applications_idempotency');
    await expect(
      retryingLostRaces(async () => {
        runs++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(runs).toBe(1);
  });
});

describe('lost races told', () => {
  it('publish each lost race with its run, cause and whether it was the last', async () => {
    const notices: LostRaceNotice[] = [];
    const listen = (m: unknown) => notices.push(m as LostRaceNotice);
    lostRaces.subscribe(listen);
    try {
      const failures = [plateTaken(), pgError('40001')];
      await retryingLostRaces(async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'stored';
      });
      await expect(
        retryingLostRaces(async () => {
          throw pgError('40P01');
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      // A failure that is no race is not one.
      await expect(
        retryingLostRaces(async () => {
          throw pgError('23505', 'applications_idempotency');
        }),
      ).rejects.toMatchObject({ code: '23505' });
    } finally {
      lostRaces.unsubscribe(listen);
    }
    expect(notices).toEqual([
      { attempt: 1, code: '23505', constraint: 'vehicles_city_code_plate_key', final: false },
      { attempt: 2, code: '40001', constraint: null, final: false },
      { attempt: 1, code: '40P01', constraint: null, final: false },
      { attempt: 2, code: '40P01', constraint: null, final: false },
      { attempt: 3, code: '40P01', constraint: null, final: true },
    ]);
  });

  it('are logged, a run again as info and a conflict as a warning, until unsubscribed', async () => {
    const lines: string[] = [];
    const stop = logLostRaces({
      info: (o, msg) => lines.push(`info ${msg} ${JSON.stringify(o)}`),
      warn: (o, msg) => lines.push(`warn ${msg} ${JSON.stringify(o)}`),
    });
    const once = () =>
      retryingLostRaces(async () => {
        throw pgError('40001');
      }).catch(() => undefined);
    await once();
    stop();
    await once();
    expect(lines).toEqual([
      `info a transaction lost a race and runs again {"lostRace":{"attempt":1,"code":"40001","constraint":null,"final":false}}`,
      `info a transaction lost a race and runs again {"lostRace":{"attempt":2,"code":"40001","constraint":null,"final":false}}`,
      `warn a transaction lost its last race: conflict {"lostRace":{"attempt":3,"code":"40001","constraint":null,"final":true}}`,
    ]);
  });
});
