import { lifecycleOf } from '#shared/lifecycles.ts';
import { eventDataSchemas } from '#shared/schemas/events.ts';
import { defineEvent, type EventDecision } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { enterLaneStage, finishLaneStage } from './lane.repository.ts';
import { releaseApplicationPlates, reservePlate } from './plates.repository.ts';
import {
  plateComposedWell,
  plateFree,
  REGISTER_RULES,
  vinMatchesVehicle,
} from './register.rules.ts';
import {
  loadRegistration,
  numberFor,
  plateFacts,
  POLICY,
  registerVehicle,
  type RegisterData,
} from './registration.ts';

const TYPE = 'vehicle.register';
const EVENTS = eventDataSchemas[TYPE];
const STAGES = lifecycleOf(TYPE)?.stages.map((s) => s.code) ?? [];

/** What a desk's record needs of a step, whatever its event data and policy. */
type LaneStep = Pick<
  EventDecision<typeof TYPE, unknown, never>,
  'application' | 'data' | 'actor' | 'now'
>;

/** Puts an accepted registration at the lane's first desk, on its office's board. */
export async function enterLane(tx: Tx, d: RegisterData, applicationId: string) {
  await enterLaneStage(tx, {
    cityCode: d.jurisdiction.cityCode,
    applicationId,
    stage: STAGES[0] ?? '',
    outletCode: d.outlet.code,
    countyCode: d.outlet.countyCode,
    vin: d.data.vin,
    at: d.now,
  });
}

/**
 * Records a desk's work: its stage finished by the acting staff now and, unless the lane ends,
 * the next stage entered at the same moment, on the board of the office that runs the lane.
 */
async function moveLane(
  tx: Tx,
  d: LaneStep,
  outcome: 'done' | 'withdrawn' = 'done',
): Promise<void> {
  const place = { cityCode: d.application.cityCode, applicationId: d.application.id };
  const from = d.application.stage;
  await finishLaneStage(tx, {
    ...place,
    stage: from,
    at: d.now,
    staff: d.actor?.displayName ?? '系统',
    outcome,
  });
  const next = outcome === 'done' ? STAGES[STAGES.indexOf(from) + 1] : undefined;
  if (next) {
    await enterLaneStage(tx, {
      ...place,
      stage: next,
      outletCode: d.application.outletCode,
      countyCode: d.application.countyCode,
      vin: d.data.vin,
      at: d.now,
    });
  }
}

const noted = (d: LaneStep, details: Record<string, unknown> = {}) => ({
  entityType: 'application',
  entityId: d.application.id,
  details: { vin: d.data.vin, ...details },
});

/**
 * The desks of 通道式上牌 (shared/src/lifecycles.ts): the vehicle checked against its papers,
 * the application reviewed under the registration's own rules as they stand now, the number
 * chosen and held, the certificates made (the vehicle enters the registry with its documents),
 * and the plates fitted, which completes the registration.
 */
export const LANE_EVENTS = {
  'vehicle-checked': defineEvent(TYPE, {
    data: EVENTS['vehicle-checked'],
    policyKeys: [],
    load: async (_tx, d) => ({ vinOnFile: d.data.vin, vinOnVehicle: d.event.vin }),
    rules: [vinMatchesVehicle],
    async apply(tx, d) {
      await moveLane(tx, d);
      return {
        to: { stage: 'acceptance' },
        result: d.application.result,
        audit: noted(d, { note: d.event.note ?? null }),
      };
    },
  }),
  'application-reviewed': defineEvent(TYPE, {
    data: EVENTS['application-reviewed'],
    policyKeys: POLICY,
    // This lane is the registration in progress: it does not stand in its own way.
    load: async (tx, d) => ({ ...(await loadRegistration(tx, d)), inProgress: false }),
    rules: REGISTER_RULES,
    async apply(tx, d) {
      await moveLane(tx, d);
      return { to: { stage: 'number-selection' }, result: d.application.result, audit: noted(d) };
    },
  }),
  'number-selected': defineEvent(TYPE, {
    data: EVENTS['number-selected'],
    policyKeys: [],
    // Chosen at the desk, else the number applied for, else drawn by the system (R164 §43).
    load: async (tx, d) =>
      await plateFacts(tx, d, await numberFor(tx, d, d.event.plate ?? d.data.plate)),
    rules: [plateComposedWell, plateFree],
    async apply(tx, d, facts) {
      const plate = facts.plate.requested!;
      // Held for this registration only while it is open; released when the vehicle carries it.
      await reservePlate(tx, {
        cityCode: d.application.cityCode,
        plate,
        kind: 'application',
        applicationId: d.application.id,
        holderIdNumber: null,
        at: d.now,
        until: null,
      });
      await moveLane(tx, d);
      return {
        to: { stage: 'certificates' },
        result: { ...d.application.result, plate },
        audit: noted(d, { plate }),
      };
    },
  }),
  'certificates-issued': defineEvent(TYPE, {
    data: EVENTS['certificates-issued'],
    policyKeys: POLICY,
    load: async () => ({}),
    rules: [],
    async apply(tx, d, _facts, tools) {
      const plate = d.application.result.plate;
      if (!plate) throw new Error('a lane reached its certificates without a number');
      const done = await registerVehicle(tx, d, tools, plate, d.application.countyCode);
      await moveLane(tx, d);
      return {
        to: { stage: 'plate-fitting' },
        result: {
          ...d.application.result,
          vehicleId: done.vehicleId,
          documents: [...d.application.result.documents, ...done.documents],
        },
        audit: {
          entityType: 'vehicle',
          entityId: d.data.vin,
          details: { plate, inspectionValidUntil: done.inspectionValidUntil },
        },
      };
    },
  }),
  'plate-fitted': defineEvent(TYPE, {
    data: EVENTS['plate-fitted'],
    policyKeys: [],
    load: async () => ({}),
    rules: [],
    async apply(tx, d) {
      await moveLane(tx, d);
      return {
        to: 'completed',
        result: d.application.result,
        audit: noted(d, { plate: d.application.result.plate ?? null }),
      };
    },
  }),
};

/** A withdrawn lane leaves the board and lets its number go. */
export async function leaveLane(tx: Tx, d: LaneStep) {
  await releaseApplicationPlates(tx, d.application.cityCode, d.application.id);
  await moveLane(tx, d, 'withdrawn');
}
