import type { VehicleStatus } from '#shared/schemas/vehicles.ts';

/** The status a lifted flag gives back: the one the vehicle had before it was flagged. */
export const RESTORE = 'restore';

/**
 * The vehicle registry status as a lifecycle (R164): which registry events move a vehicle from
 * which status to which. Pure data; the business handlers ask it before they write a status, so a
 * deregistered vehicle can never be mortgaged again by a slip in one handler.
 */
export const VEHICLE_EVENTS = {
  /** 抵押登记 §31 */
  mortgage: { from: ['normal'], to: 'mortgaged' },
  /** 解除抵押 §33 */
  'release-mortgage': { from: ['mortgaged'], to: 'normal' },
  /** 查封 by a court or authority; business stops (§15, §36) */
  seize: { from: ['normal', 'mortgaged', 'scrap-due'], to: 'seized' },
  /** 被盗抢骗 §76 */
  'report-stolen': { from: ['normal', 'mortgaged', 'seized', 'scrap-due'], to: 'stolen' },
  /** 解除查封: back to the status before the seizure */
  'lift-seizure': { from: ['seized'], to: RESTORE },
  /** 被盗抢骗车辆找回 §76: business resumes in the status before the report */
  recover: { from: ['stolen'], to: RESTORE },
  /** Found again while a seizure still stands: it stays stopped, as seized */
  'recover-seized': { from: ['stolen'], to: 'seized' },
  /** 达到强制报废标准 §40 */
  'reach-scrap-age': { from: ['normal', 'mortgaged'], to: 'scrap-due' },
  /** 注销登记 §§37–42: never while mortgaged (§42) or seized */
  deregister: { from: ['normal', 'scrap-due', 'stolen'], to: 'deregistered' },
} as const satisfies Record<
  string,
  { from: readonly VehicleStatus[]; to: VehicleStatus | typeof RESTORE }
>;

export type VehicleEvent = keyof typeof VEHICLE_EVENTS;

/**
 * The status after an event, or null when the event cannot happen in this status. A restoring
 * event gives back `before` (the status recorded when the vehicle was flagged).
 */
export function nextVehicleStatus(
  from: VehicleStatus,
  event: VehicleEvent,
  before?: VehicleStatus,
): VehicleStatus | null {
  const rule = VEHICLE_EVENTS[event];
  if (!(rule.from as readonly VehicleStatus[]).includes(from)) return null;
  if (rule.to !== RESTORE) return rule.to;
  return before && before !== 'seized' && before !== 'stolen' ? before : null;
}

/** The statuses a police flag gives; they are never given back by lifting one. */
const FLAGGED: readonly VehicleStatus[] = ['seized', 'stolen'];

/**
 * The status a flagged vehicle takes back: the one recorded before its first flag, or, where
 * none could be recorded (a record migrated already flagged, whose earlier status the legacy
 * registry did not keep), what its mortgage says it was. Its scrapping age is read on top of it.
 */
export function statusToRestore(
  before: string | undefined,
  v: { mortgage: unknown },
): VehicleStatus {
  return before && before !== 'deregistered' && !FLAGGED.includes(before as VehicleStatus)
    ? (before as VehicleStatus)
    : v.mortgage
      ? 'mortgaged'
      : 'normal';
}

/**
 * The registry event of lifting a flag, or null when the status stays: another flag still
 * stands with the same status, or the vehicle left the flagged statuses meanwhile (a stolen
 * vehicle deregistered as lost, §37). `remaining` is the status the flags still standing give.
 */
export function liftEvent(
  status: VehicleStatus,
  remaining: VehicleStatus | null,
  restore: VehicleStatus,
): { event: VehicleEvent; before?: VehicleStatus } | null {
  if (!FLAGGED.includes(status)) return null;
  const target = remaining ?? restore;
  if (target === status) return null;
  if (status === 'stolen' && target === 'seized') return { event: 'recover-seized' };
  if (FLAGGED.includes(target)) return null;
  return { event: status === 'stolen' ? 'recover' : 'lift-seizure', before: target };
}
