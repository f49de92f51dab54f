import { defineHandler } from '../applications/handler.ts';
import { capsFor, TEMP_PLATE_KEYS } from './temp-plate-purposes.ts';
import { TEMP_PLATE_RULES, validUntilOf, type TempPlateFacts } from './temp-plate.rules.ts';
import { findVehicleByVin, insertTempPlate, tempPlateHistory } from './vehicles.repository.ts';

/**
 * 核发临时行驶车号牌 (R164 §§27, 28, 46–48), delegated to dealers: the caps of every purpose are
 * policy data (temp-plate-purposes.ts).
 */
export const tempPlateHandler = defineHandler({
  type: 'vehicle.temp-plate',
  policyKeys: TEMP_PLATE_KEYS,
  lockKey: (data) => `vin:${data.vin}`,
  async load(tx, d): Promise<TempPlateFacts> {
    const { vin, purpose } = d.data;
    const [history, vehicle] = await Promise.all([
      tempPlateHistory(tx, vin, purpose),
      findVehicleByVin(tx, vin),
    ]);
    return {
      purpose,
      days: d.data.days,
      today: d.today,
      insuranceValidUntil: d.data.insuranceValidUntil,
      ...capsFor(purpose, d.policy, d.today),
      approvalValidUntil: d.data.approvalValidUntil ?? null,
      issued: history.issued,
      latestUntil: history.latestUntil,
      vehicle: vehicle
        ? { status: vehicle.status, flags: vehicle.flags, plate: vehicle.plate }
        : null,
    };
  },
  rules: TEMP_PLATE_RULES,
  async apply(tx, d, facts, tools) {
    const validUntil = validUntilOf(facts);
    // Prefix + 临 + serial: a temporary number never collides with a GA 36 ordinary plate.
    const tempPlate = await insertTempPlate(tx, {
      cityCode: d.jurisdiction.cityCode,
      vin: d.data.vin,
      platePrefix: `${d.jurisdiction.platePrefixes[0] ?? d.jurisdiction.provinceAbbr}临`,
      purpose: facts.purpose,
      validFrom: d.today,
      validUntil,
      applicationId: tools.applicationId,
      outletCode: d.outlet.code,
      issuedAt: d.now,
    });
    const document = await tools.issue('temp-plate', d.data.vin, tempPlate);
    return {
      status: 'completed',
      result: { tempPlate, validFrom: d.today, validUntil, documents: [document] },
      audit: {
        entityType: 'vehicle',
        entityId: d.data.vin,
        details: {
          tempPlate,
          purpose: facts.purpose,
          validFrom: d.today,
          validUntil,
          issueNumber: facts.issued + 1,
        },
      },
    };
  },
});
