import { businessDataSchemas } from '#shared/schemas/applications.ts';
import type { BusinessHandler } from '../applications/handler.ts';
import type { PolicyKey } from '../catalog/policy-keys.ts';
import { TEMP_PLATE_RULES, validUntilOf, type TempPlateFacts } from './temp-plate.rules.ts';
import { findVehicleByVin, insertTempPlate, tempPlateHistory } from './vehicles.repository.ts';

const schema = businessDataSchemas['vehicle.temp-plate'];

/** Province abbreviation and issuing-authority letter of each city's plates (GA 36). */
const PLATE_AUTHORITY: Record<string, string> = { '520300': '贵C' };

const numberOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

/** 核发临时行驶车号牌 (R164 §§46–47), delegated to dealers: days and issue counts are policy data. */
export const tempPlateHandler: BusinessHandler<typeof schema, TempPlateFacts> = {
  type: 'vehicle.temp-plate',
  schema,
  policyKeys: [
    'temp-plate.unregistered.max-days',
    'temp-plate.unregistered.max-issues',
    'temp-plate.export.max-days',
    'temp-plate.export.max-issues',
  ],
  lockKey: (data) => `vin:${data.vin}`,
  async load(tx, d) {
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
      maxDays: numberOrNull(d.policy[`temp-plate.${purpose}.max-days` as PolicyKey]),
      maxIssues: numberOrNull(d.policy[`temp-plate.${purpose}.max-issues` as PolicyKey]),
      issued: history.issued,
      latestUntil: history.latestUntil,
      vehicle: vehicle ? { status: vehicle.status, plate: vehicle.plate } : null,
    };
  },
  rules: TEMP_PLATE_RULES,
  async apply(tx, d, facts, tools) {
    const validUntil = validUntilOf(facts);
    // 贵C + 临 + serial: a temporary number can never collide with a GA 36 ordinary plate.
    const tempPlate = await insertTempPlate(tx, {
      vin: d.data.vin,
      platePrefix: `${PLATE_AUTHORITY[d.outlet.cityCode] ?? ''}临`,
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
};
