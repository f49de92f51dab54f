/**
 * The national platform's defence against point trading, as a baseline: a licence may take the
 * points of at most 3 non-own vehicles, and one vehicle's points may be taken by at most 3
 * licences other than the owner's (12123 rules, per scoring cycle; here over the period read).
 * Every licence and vehicle over a cap is flagged; flagged licences that took points of the same
 * vehicle are grouped into one finding, so the baseline is scored ring by ring like a detector.
 */
import type { HandlingLine } from './truth.ts';

const NATIONAL_CAPS = { vehiclesPerLicence: 3, licencesPerVehicle: 3 } as const;

export interface CapsFinding {
  id: string;
  kind: 'point-trading';
  people: string[];
  plates: string[];
  staff: string[];
}

export function capsRule(
  handlings: readonly Pick<HandlingLine, 'plate' | 'ownerIdNumber' | 'driverIdNumber'>[],
  caps: { vehiclesPerLicence: number; licencesPerVehicle: number } = NATIONAL_CAPS,
): CapsFinding[] {
  const platesOf = new Map<string, Set<string>>();
  const driversOf = new Map<string, Set<string>>();
  for (const h of handlings) {
    if (h.driverIdNumber === h.ownerIdNumber) continue;
    if (!platesOf.has(h.driverIdNumber)) platesOf.set(h.driverIdNumber, new Set());
    platesOf.get(h.driverIdNumber)!.add(h.plate);
    if (!driversOf.has(h.plate)) driversOf.set(h.plate, new Set());
    driversOf.get(h.plate)!.add(h.driverIdNumber);
  }
  const flagged = new Set<string>();
  for (const [driver, plates] of platesOf)
    if (plates.size > caps.vehiclesPerLicence) flagged.add(driver);
  for (const drivers of driversOf.values()) {
    if (drivers.size > caps.licencesPerVehicle) for (const d of drivers) flagged.add(d);
  }
  // Union-find over flagged licences sharing a vehicle.
  const parent = new Map<string, string>([...flagged].map((d) => [d, d]));
  const root = (d: string): string => {
    let x = d;
    while (parent.get(x) !== x) x = parent.get(x)!;
    parent.set(d, x);
    return x;
  };
  for (const drivers of driversOf.values()) {
    const hits = [...drivers].filter((d) => flagged.has(d));
    for (const d of hits.slice(1)) parent.set(root(d), root(hits[0]!));
  }
  const groups = new Map<string, string[]>();
  for (const d of [...flagged].sort()) {
    const k = root(d);
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  return [...groups.values()].map((people, i) => ({
    id: `caps-${i + 1}`,
    kind: 'point-trading',
    people,
    plates: [...new Set(people.flatMap((d) => [...platesOf.get(d)!]))].sort(),
    staff: [],
  }));
}
