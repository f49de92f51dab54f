import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useQueriesNow, useQueryNow, type Read } from './queries.ts';

/** Renders a component once, without mounting it: what a screen's render alone sends. */
function renderOnce(component: () => null) {
  const client = new QueryClient();
  renderToString(createElement(QueryClientProvider, { client }, createElement(component)));
  return client;
}

const read = (key: string, calls: string[]): Read<string> => ({
  queryKey: ['test', key],
  queryFn: async () => {
    calls.push(key);
    return key;
  },
});

describe('reads that leave while a component renders', () => {
  it('useQuery sends nothing before the component mounts', () => {
    const calls: string[] = [];
    renderOnce(() => {
      useQuery(read('a', calls));
      return null;
    });
    expect(calls).toEqual([]);
  });

  it('useQueryNow sends its read during the render, once', async () => {
    const calls: string[] = [];
    const client = renderOnce(() => {
      useQueryNow(read('a', calls));
      useQueryNow(read('a', calls));
      return null;
    });
    expect(calls).toEqual(['a']);
    await expect(client.fetchQuery(read('a', calls))).resolves.toBe('a');
    expect(calls).toEqual(['a']); // answered from the cache
  });

  it('useQueriesNow sends each read during the render, none already asked for', () => {
    const calls: string[] = [];
    renderOnce(() => {
      useQueryNow(read('b', calls));
      useQueriesNow([read('a', calls), read('b', calls), read('c', calls)]);
      return null;
    });
    expect(calls).toEqual(['b', 'a', 'c']);
  });
});
