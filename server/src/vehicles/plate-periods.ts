/**
 * Which applications are a vehicle's own. They are found by its VIN or by any plate it carried,
 * but a plate number is not the vehicle's for ever: a number given up at a transfer is drawn
 * again for another vehicle (R164 §43), and anyone may ask for a number that is taken. An
 * application names the vehicle by its plate only while the vehicle carried that plate.
 */

/** A change of the vehicle's record: `plate` is the plate it carries after the change. */
export interface PlateEvent {
  at: Date;
  event: string;
  plate: string | null;
  applicationId: string | null;
  details: unknown;
}

export interface FoundApplication {
  id: string;
  submittedAt: Date;
  data: unknown;
}

/** The plate the vehicle carried before its first recorded change. */
function plateBefore(first: PlateEvent | undefined, current: string | null): string | null {
  if (!first) return current;
  // Before its registration here the vehicle had no plate of this office.
  if (first.event === 'registered') return null;
  const old = (first.details as { oldPlate?: unknown } | null)?.oldPlate;
  return typeof old === 'string' ? old : first.plate;
}

/**
 * The plate the vehicle carried when an application was submitted at `at`: after every change
 * up to that instant (a change at the same instant came first, or is that application's own).
 */
export function plateAt(
  events: readonly PlateEvent[],
  current: string | null,
  at: Date,
): string | null {
  let plate = plateBefore(events[0], current);
  for (const e of events) {
    if (e.at.getTime() > at.getTime()) break;
    plate = e.plate;
  }
  return plate;
}

/**
 * The vehicle's own among the applications found: those naming its VIN; those that changed its
 * record; and those naming a plate it carried when they were submitted. One naming another VIN
 * (a registration or temporary plate of another vehicle that asked for this number) is not.
 */
export function ownApplications<A extends FoundApplication>(
  applications: readonly A[],
  vehicle: { vin: string; plate: string | null },
  events: readonly PlateEvent[],
): A[] {
  const changedIt = new Set(events.map((e) => e.applicationId).filter((id) => id !== null));
  return applications.filter((a) => {
    const data = (a.data ?? {}) as { vin?: unknown; plate?: unknown };
    if (typeof data.vin === 'string') return data.vin === vehicle.vin;
    if (changedIt.has(a.id)) return true;
    return (
      typeof data.plate === 'string' && plateAt(events, vehicle.plate, a.submittedAt) === data.plate
    );
  });
}
