import type { EvidenceItem, FindingKind, GraphLink } from '#shared/schemas/antifraud.ts';
import { partyKind } from '#shared/validators/index.ts';

/**
 * The evidence graph as the detectors see it (pure data, loaded in bounded batches by
 * `graph.service.ts`): handlings (who took whose points) and agency (who applied for whom).
 */
export interface PointsEvent {
  id: string;
  at: Date;
  /** The driver who took the points. */
  driver: string;
  /** The vehicle's owner: an identity number or an organisation's credit code. */
  owner: string;
  plate: string;
  points: number;
  phone: string | null;
  device: string | null;
  channel: string;
  outletCode: string | null;
  staffId: string | null;
  countyCode: string;
}

export interface AgencyEvent {
  id: string;
  at: Date;
  agent: string;
  applicant: string;
  agentPhone: string | null;
  applicantPhone: string | null;
  device: string | null;
  channel: string;
  outletCode: string | null;
  outletCategory: string | null;
  staffId: string | null;
  countyCode: string;
  businessType: string;
  status: string;
}

/** Names the registries (or the imported history) give to parties, by identity number. */
export type Names = ReadonlyMap<string, string>;

/** Phones the registries give to parties (a vehicle owner's registered phone), by identity number. */
export type Phones = ReadonlyMap<string, string>;

/** What a detector proposes; `core` identifies the ring across runs (its fingerprint). */
export interface FindingDraft {
  kind: FindingKind;
  score: number;
  core: string[];
  countyCode: string;
  people: string[];
  plates: string[];
  staff: string[];
  phones: string[];
  devices: string[];
  evidence: EvidenceItem[];
  links: GraphLink[];
}

export const isOrganisation = (id: string) => partyKind(id) === 'organisation';

/**
 * An undeclared agent is known only by the contact he gives (`undeclared.ts`): `phone:<n>` or
 * `device:<id>` stands in for his identity (identity numbers never hold a colon).
 */
export const isContactIdentity = (id: string) => id.includes(':');

/** Business the caller sent from its own device (the internet channel, a partner's API). */
export const isOnline = (channel: string) => channel === 'internet' || channel === 'api';

/**
 * An event's device as a contact key: the caller's own device only, online; a window terminal is
 * shared by every customer of the window.
 */
export const ownDeviceKey = (e: { device: string | null; channel: string }) =>
  e.device && isOnline(e.channel) ? `device:${e.device}` : null;

/** A phone number with its middle four digits hidden, as identity numbers are masked. */
export const maskPhone = (phone: string) =>
  phone.length >= 11
    ? `${phone.slice(0, 3)}****${phone.slice(-4)}`
    : phone.replace(/\d(?=\d{2})/g, '*');

/** Compound surnames (复姓) that are common enough to matter; anything else is one character. */
const COMPOUND = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
];

export const surnameOf = (name: string) => {
  const n = name.trim();
  return COMPOUND.find((c) => n.startsWith(c)) ?? [...n][0] ?? '';
};

/** Beijing hour of an instant. */
export const beijingHour = (at: Date) => (at.getUTCHours() + 8) % 24;

/**
 * Night (22:00–06:00 Beijing): when no window is open, even at an extended-hours outlet; used as
 * evidence, never as a criterion on its own (night-shift outlets are a hard negative).
 */
export const atNight = (at: Date) => {
  const h = beijingHour(at);
  return h >= 22 || h < 6;
};

/** The most frequent value (ties: the smallest), for the county a ring mostly belongs to. */
export function modeOf(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return (
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
  );
}

/** Counts of each key, for links. */
export function tally<T>(items: readonly T[], key: (item: T) => string | null) {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Items grouped by a key, in their order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Sets of strings by key, a key's one value kept as the string itself until a second comes: most
 * drivers have one phone and most phones one user, and at a city's year (1.39 M handlings) the
 * millions of one-element Sets kept the garbage collector busy for a third of detection.
 */
export class SmallSets {
  private readonly byKey = new Map<string, string | Set<string>>();
  add(key: string, value: string) {
    const cur = this.byKey.get(key);
    if (cur === undefined) this.byKey.set(key, value);
    else if (typeof cur !== 'string') cur.add(value);
    else if (cur !== value) this.byKey.set(key, new Set([cur, value]));
  }
  /** How many values the key has (0 for a key never added). */
  size(key: string) {
    const cur = this.byKey.get(key);
    return cur === undefined ? 0 : typeof cur === 'string' ? 1 : cur.size;
  }
  has(key: string, value: string) {
    const cur = this.byKey.get(key);
    return typeof cur === 'string' ? cur === value : (cur?.has(value) ?? false);
  }
  /** The key's values in the order they were first added. */
  values(key: string): Iterable<string> {
    const cur = this.byKey.get(key);
    return cur === undefined ? [] : typeof cur === 'string' ? [cur] : cur;
  }
}

export const sorted = (values: Iterable<string | null>) =>
  [...new Set([...values].filter((v): v is string => v !== null))].sort();

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
export const pct = (part: number, whole: number) =>
  whole ? `${Math.round((100 * part) / whole)}%` : '0%';

/** The channels in words. */
export const CHANNEL_ZH: Record<string, string> = {
  window: '窗口',
  social: '社会网点',
  internet: '互联网',
  api: '接口',
};

/**
 * Disjoint sets (union-find with path halving) for entity resolution: keys tied by a shared
 * phone, device or identity end up with one root; the smaller key is the root, so the grouping
 * does not depend on the order ties are seen.
 */
export class DisjointSets {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let cur = x;
    if (!this.parent.has(cur)) this.parent.set(cur, cur);
    while (this.parent.get(cur) !== cur) {
      const up = this.parent.get(this.parent.get(cur)!)!;
      this.parent.set(cur, up);
      cur = up;
    }
    return cur;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  /** Ties every key of a list together. */
  unionAll(keys: Iterable<string>) {
    let first: string | undefined;
    for (const k of keys) {
      if (first === undefined) first = k;
      else this.union(first, k);
    }
  }
}
