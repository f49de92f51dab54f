import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { lostRace, retryingLostRaces } from './races.ts';

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
