import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The app keeps the language and the session in the browser's storage, read when it loads, and
// names the document's language.
vi.hoisted(() => {
  const storage = () => {
    const items = new Map<string, string>();
    return {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
  };
  Object.assign(globalThis, {
    localStorage: storage(),
    sessionStorage: storage(),
    document: { documentElement: {}, title: '' },
  });
});

import { AuthProvider } from '../auth/AuthContext.tsx';
import { DashboardPanel } from './DashboardPanel.tsx';
import { prefetch } from './SupervisionPage.tsx';

/** The paths the app asked the API for, each time it asked. */
function recordRequests() {
  const paths: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    paths.push(url);
    return new Promise(() => undefined); // never answers: only what was asked counts
  });
  return paths;
}

afterEach(() => vi.unstubAllGlobals());

describe('the supervision centre opened at its address', () => {
  it('asks for the dashboard’s reads before it renders, and its render asks for nothing again', () => {
    const paths = recordRequests();
    const client = new QueryClient();
    prefetch(client, new URL('http://localhost/supervision'));
    const asked = [...paths];
    expect(asked.some((p) => p.startsWith('/api/v1/supervision/funnels/'))).toBe(true);
    expect(asked.filter((p) => p.startsWith('/api/v1/bulletins/monthly/')).length).toBe(7);
    expect(asked).toContain('/api/v1/network/summary');

    // The dashboard's cards read what was prefetched: the same keys, no second request.
    const dashboard = createElement(AuthProvider, null, createElement(DashboardPanel));
    renderToString(createElement(QueryClientProvider, { client }, dashboard));
    expect(paths).toEqual(asked);
  });

  it('on another tab asks for the counties’ names only', () => {
    const paths = recordRequests();
    prefetch(new QueryClient(), new URL('http://localhost/supervision?tab=alerts'));
    expect(paths).toEqual(['/api/v1/network/summary']);
  });
});
