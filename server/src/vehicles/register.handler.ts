import { defineHandler } from '../applications/handler.ts';
import { enterLane, LANE_EVENTS, leaveLane } from './register-lane.ts';
import { REGISTER_RULES } from './register.rules.ts';
import {
  loadRegistration,
  numberFor,
  POLICY,
  registerVehicle,
  type LoadedRegistration,
} from './registration.ts';

const TYPE = 'vehicle.register';

/**
 * 注册登记 (R164 §§10–15): at an office or, for new small private cars, at a dealer, completed
 * at once; or, at an office with `data.lane`, accepted into the one-lane registration
 * (通道式上牌, ./register-lane.ts) with a receipt, completed at its last desk.
 */
export const registerHandler = defineHandler({
  type: TYPE,
  policyKeys: POLICY,
  lockKey: (data) => `vin:${data.vin}`,
  load: loadRegistration,
  rules: REGISTER_RULES,
  async apply(tx, d, facts: LoadedRegistration, tools) {
    if (d.data.lane) {
      await enterLane(tx, d, tools.applicationId);
      const receipt = await tools.issue('acceptance-notice', d.data.vin);
      return {
        status: 'accepted',
        result: { vin: d.data.vin, vehicleType: d.data.vehicleType, documents: [receipt] },
        audit: { entityType: 'vehicle', entityId: d.data.vin, details: { lane: true } },
      };
    }
    // Drawn with the facts when none was asked for (one round trip less).
    const plate = await numberFor(tx, d, d.data.plate ?? facts.drawnPlate ?? undefined);
    const done = await registerVehicle(tx, d, tools, plate);
    return {
      status: 'completed',
      result: { vehicleId: done.vehicleId, plate, vin: d.data.vin, documents: done.documents },
      audit: {
        entityType: 'vehicle',
        entityId: d.data.vin,
        details: { plate, inspectionValidUntil: done.inspectionValidUntil },
      },
    };
  },
  events: LANE_EVENTS,
  async onWithdraw(tx, d) {
    await leaveLane(tx, d);
    return {
      to: 'withdrawn',
      result: d.application.result,
      audit: {
        entityType: 'application',
        entityId: d.application.id,
        details: { vin: d.data.vin },
      },
    };
  },
});
