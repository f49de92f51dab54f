import type { DbOrTx } from '../db/database.ts';

/**
 * When an internet account bound a plate (12123 非本人机动车备案), or null when it has not: the
 * citizens area owns the bindings, so violation handling reads them through this port, wired by
 * the composition root (`server/src/app/registry.ts`).
 */
export type BoundSince = (
  db: DbOrTx,
  q: { cityCode: string; userId: string; plate: string },
) => Promise<Date | null>;

/** What violation handling takes from other areas through the composition root. */
export interface ViolationPorts {
  boundSince: BoundSince;
}
