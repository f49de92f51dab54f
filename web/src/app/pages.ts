import type { QueryClient } from '@tanstack/react-query';
import { createElement, lazy, type ComponentType } from 'react';
import { tokenStore } from '../lib/api.ts';

/**
 * The screens, each its own chunk, with the paths that open them. The chunk of the address the
 * app opens at is fetched at once (`preloadPageOf`), beside the session check, instead of after
 * it: the first screen no longer waits for two round trips in a row.
 */
const PAGES = {
  network: [/^\/admin\/network/, () => import('../features/network/NetworkPage.tsx')],
  agreements: [/^\/admin\/agreements/, () => import('../features/agreements/AgreementsPage.tsx')],
  delegation: [/^\/admin\/delegation/, () => import('../features/delegation/DelegationPage.tsx')],
  policies: [/^\/admin\/policies/, () => import('../features/policies/PoliciesPage.tsx')],
  users: [/^\/admin\/users/, () => import('../features/users/UsersPage.tsx')],
  workstation: [/^\/workstation/, () => import('../features/workstation/WorkstationPage.tsx')],
  application: [/^\/applications\//, () => import('../features/applications/ApplicationPage.tsx')],
  supervision: [/^\/supervision/, () => import('../features/supervision/SupervisionPage.tsx')],
  publicDraw: [/^\/spot-checks\//, () => import('../features/supervision/PublicDrawPage.tsx')],
  verify: [/^\/verify/, () => import('../features/verify/VerifyPage.tsx')],
  driverFile: [/^\/drivers/, () => import('../features/drivers/DriverFilePage.tsx')],
  hospital: [/^\/hospital/, () => import('../features/drivers/HospitalPage.tsx')],
  examSite: [/^\/exam-site/, () => import('../features/drivers/ExamSitePage.tsx')],
  examSessions: [/^\/exam-sessions/, () => import('../features/drivers/ExamSessionsPage.tsx')],
  vehicleFile: [/^\/vehicles/, () => import('../features/vehicles/VehicleFilePage.tsx')],
  lane: [/^\/lane/, () => import('../features/lane/LanePage.tsx')],
  citizenRegister: [
    /^\/citizen\/register/,
    () => import('../features/citizen/CitizenRegisterPage.tsx'),
  ],
  citizenHome: [/^\/citizen\/?$/, () => import('../features/citizen/CitizenHomePage.tsx')],
  inspections: [/^\/inspections/, () => import('../features/inspections/InspectionPage.tsx')],
  antifraud: [/^\/antifraud\/?$/, () => import('../features/antifraud/AntifraudPage.tsx')],
  finding: [/^\/antifraud\/findings\//, () => import('../features/antifraud/FindingPage.tsx')],
  case: [/^\/antifraud\/cases\//, () => import('../features/antifraud/CasePage.tsx')],
  service: [/^\/service/, () => import('../features/service/ServiceQualityPage.tsx')],
} as const;

type PageName = keyof typeof PAGES;

type PageModule = {
  default: ComponentType;
  /** The first reads of the screen at `url`, asked for before it renders. */
  prefetch?: (client: QueryClient, url: URL) => void;
};

/**
 * A component for a module fetched on demand. Until the module has arrived it is lazy (the
 * Suspense fallback shows); once it has (`fetch`, as by `preloadPageOf`), it renders the
 * module's component at once. A lazy component suspends once even on a module already fetched,
 * and React then holds the revealed screen back for its fallback throttle (300 ms), so the
 * screen's data requests, sent when it mounts, left that much later.
 */
export function loadedOrLazy(load: () => Promise<PageModule>) {
  let loaded: ComponentType | undefined;
  const fetch = () =>
    load().then((m) => {
      loaded = m.default;
      return m;
    });
  const Lazy = lazy(fetch);
  const Component = () => (loaded ? createElement(loaded) : createElement(Lazy));
  return { Component, fetch };
}

const screens = new Map<PageName, ReturnType<typeof loadedOrLazy>>();
const screen = (name: PageName) => {
  let s = screens.get(name);
  if (!s) screens.set(name, (s = loadedOrLazy(PAGES[name][1] as () => Promise<PageModule>)));
  return s;
};

/** The component of a screen (the same module fetch as its preload). */
export const page = (name: PageName): ComponentType => screen(name).Component;

/** The screen the app shows at `pathname`, or null (login, home, an unknown address). */
export function pageOf(pathname: string): PageName | null {
  for (const [name, [pattern]] of Object.entries(PAGES)) {
    if (pattern.test(pathname)) return name as PageName;
  }
  return null;
}

/**
 * Starts fetching the chunk of the screen at `url`, if any, and once it has arrived, the
 * screen's first reads when there is a session to read with (the session check runs beside
 * them: a read it would not allow is refused, and the screen is not shown).
 */
export function preloadPageOf(url: URL, client: QueryClient) {
  const name = pageOf(url.pathname);
  if (!name) return;
  void screen(name)
    .fetch()
    .then((m) => {
      if (tokenStore.get()) m.prefetch?.(client, url);
    });
}
