import type { DbOrTx } from '../db/database.ts';

/**
 * The one fact about violations that vehicle business needs (R164 §§18, 25, 39, 54: violations
 * must be handled first): how many unhandled violation records a plate has in a jurisdiction.
 *
 * The violations area (issue 8: the violations registry and `POST /imports/violations`) owns
 * that data; the vehicles area must not read its tables. So it is a port: the composition root
 * (`server/src/app/registry.ts`, `VEHICLE_PORTS`) passes the implementation to the handlers
 * that need it. Until the violations area exists the default below is wired in: it reads
 * nothing and reports none, so no application is refused for violations yet.
 */
export type UnhandledViolations = (
  db: DbOrTx,
  q: { cityCode: string; plate: string },
) => Promise<number>;

/** Default until the violations service is wired in: no violation records are known. */
export const noViolationsRecorded: UnhandledViolations = async () => 0;

/** What vehicle business takes from other areas through the composition root. */
export interface VehiclePorts {
  unhandledViolations: UnhandledViolations;
}
