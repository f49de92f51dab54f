import { expect } from 'vitest';
import { bearer, type TestApp } from './app.ts';

/**
 * Reads a keyset-paged list to its end as a client would: `limit` rows a page, each next page
 * asked for with the previous page's `nextCursor`, until it is null. Every page but the last is
 * full; the pages' items come back in the order they were answered.
 */
export async function readAllPages<T>(
  t: TestApp,
  login: { username: string; password?: string },
  path: string,
  limit: number,
): Promise<{ items: T[]; pages: number }> {
  const headers = bearer(await t.login(login.username, login.password));
  const glue = path.includes('?') ? '&' : '?';
  const items: T[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const cursor: string = after ? `&after=${after}` : '';
    const res = await t.app.inject({ url: `${path}${glue}limit=${limit}${cursor}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: T[]; nextCursor: string | null };
    pages += 1;
    if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
    else expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    after = page.nextCursor;
    // A list that never ends is a broken cursor, not a long list.
    expect(pages).toBeLessThan(10_000);
  } while (after !== null);
  return { items, pages };
}

/** The ids of a list, each once: a list that answered a row twice fails here. */
export function distinctIds(items: { id: string }[]) {
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

/** The sort of a uuid PostgreSQL uses (its bytes, i.e. its lowercase hex text). */
export const byId = (a: { id: string }, b: { id: string }) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
