import type { Fleet } from './fleet.ts';
import type { People } from './people.ts';
import type { Plan } from './sizes.ts';

/** Everything a table's rows are computed from: the plan, the people, the fleet, reserved ids. */
export interface World {
  plan: Plan;
  people: People;
  fleet: Fleet;
  /** The first id of the generated vehicles (taken from vehicles_id_seq beforehand). */
  vehicleIdBase: number;
  /** The first document serial reserved for the generated documents. */
  documentSerialBase: number;
  /** The first temporary plate serial reserved for the generated temporary plates. */
  tempPlateSerialBase: number;
  /** The first point_entries id reserved for the generated ledger lines. */
  pointIdBase: number;
}

/** The bank outlet that holds the mortgage of vehicle k, and the contract's number. */
export function mortgageOf(w: World, k: number) {
  const banks = w.plan.outlets['vehicle.mortgage']!.outlets;
  return {
    mortgagee: banks[k % banks.length]!.code,
    contractNo: `DY${w.plan.year}${String(k).padStart(9, '0')}`,
  };
}
