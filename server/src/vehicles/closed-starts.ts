import type { DayPlace } from './inspections.repository.ts';

/** Consecutive Beijing days from `first`, each with its kind (as a number) in one byte. */
export interface DayKinds {
  first: string;
  kinds: Uint8Array;
}

/** What supervision gives to tell closed quarters: the kind of each day, masks per station. */
export interface ClosedStartsInput {
  days: readonly { day: string; kind: string }[];
  masks: readonly { stationCode: string; kind: string; mask: string }[];
}

/**
 * The days as bytes and, per station, one byte per kind of day (in the days' order of first
 * appearance) and quarter of an hour: 1 when the station is closed then.
 */
export function closedQuarterBytes(input: ClosedStartsInput) {
  const kindNames = [...new Set(input.days.map((d) => d.kind))];
  const days: DayKinds = {
    first: input.days[0]?.day ?? '1970-01-01',
    kinds: Uint8Array.from(input.days, (d) => kindNames.indexOf(d.kind)),
  };
  const closed = new Map<string, Uint8Array>();
  for (const m of input.masks) {
    const k = kindNames.indexOf(m.kind);
    if (k < 0) continue;
    let bytes = closed.get(m.stationCode);
    if (!bytes) closed.set(m.stationCode, (bytes = new Uint8Array(kindNames.length * 96)));
    for (let quarter = 0; quarter < 96; quarter++) {
      bytes[k * 96 + quarter] = m.mask[quarter] === '1' ? 1 : 0;
    }
  }
  return { days, closed };
}

const DAY_MS = 86_400_000;

/**
 * The inspections of each station that started in a quarter its mask marks closed, on the kind
 * of day they started on: how many, and the places of the first `limit` (in the rows' order,
 * which is the day's order of finishing). A start is in quarters from its finishing day's
 * midnight (negative: the day before); starts on days outside `days` are not counted.
 */
export function closedStarts(
  rows: readonly { station_code: string; day: string; start_quarters: readonly number[] }[],
  days: DayKinds,
  closed: ReadonlyMap<string, Uint8Array>,
  limit: number,
) {
  const first = Date.parse(days.first);
  const found = new Map<string, { n: number; places: DayPlace[] }>();
  for (const r of rows) {
    const mask = closed.get(r.station_code);
    if (!mask) continue;
    const dayIndex = (Date.parse(r.day) - first) / DAY_MS;
    const starts = r.start_quarters;
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k]!;
      const d = dayIndex + Math.floor(start / 96);
      if (d < 0 || d >= days.kinds.length) continue;
      if (mask[days.kinds[d]! * 96 + (((start % 96) + 96) % 96)] !== 1) continue;
      let f = found.get(r.station_code);
      if (!f) found.set(r.station_code, (f = { n: 0, places: [] }));
      f.n++;
      if (f.places.length < limit)
        f.places.push({ stationCode: r.station_code, day: r.day, i: k + 1 });
    }
  }
  return found;
}
