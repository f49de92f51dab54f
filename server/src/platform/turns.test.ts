import { describe, expect, it } from 'vitest';
import { takingTurns } from './turns.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('takingTurns', () => {
  it('runs the calls of one key one after another, in order, whatever each one answers', async () => {
    const inTurn = takingTurns<object>();
    const key = {};
    const events: string[] = [];
    let running = 0;
    const work = (name: string, fail = false) =>
      inTurn(key, async () => {
        running++;
        expect(running).toBe(1);
        events.push(`start ${name}`);
        await tick();
        events.push(`end ${name}`);
        running--;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([work('a'), work('b', true), work('c')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([
      'a',
      'failed',
      'c',
    ]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets the calls of different keys run at once', async () => {
    const inTurn = takingTurns<object>();
    let running = 0;
    let most = 0;
    const work = (key: object) =>
      inTurn(key, async () => {
        most = Math.max(most, ++running);
        await tick();
        running--;
      });
    await Promise.all([work({}), work({}), work({})]);
    expect(most).toBe(3);
  });
});
