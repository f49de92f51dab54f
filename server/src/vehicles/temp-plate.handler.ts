import { POLICE_CATEGORIES } from '#shared/catalog.ts';
import type { TempPlatePurpose } from '#shared/schemas/applications.ts';
import { defineHandler, type Decision } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { policyBasesOn } from '../catalog/catalog.service.ts';
import { capKeysOf, capsFor, TEMP_PLATE_KEYS } from './temp-plate-purposes.ts';
import {
  BASIS_47,
  TEMP_PLATE_RULES,
  validUntilOf,
  type TempPlateFacts,
} from './temp-plate.rules.ts';
import { findVehicleByVin, insertTempPlate, tempPlateHistory } from './vehicles.repository.ts';

/**
 * What the caps cite: the article, or the city's own policy where it set the value in force
 * (catalog policyBasesOn). Read only when a cap is exceeded, the one case a notice cites it: an
 * issued plate needs no round trip for it (the decision's policy carries the values alone).
 */
async function capBases(
  tx: Tx,
  d: Decision<{ purpose: TempPlatePurpose; days: number }, never>,
  caps: { maxDays: number | null; maxIssues: number | null },
  issued: number,
): Promise<TempPlateFacts['basis']> {
  const keys = capKeysOf(d.data.purpose);
  const over =
    (caps.maxDays !== null && d.data.days > caps.maxDays) ||
    (caps.maxIssues !== null && issued >= caps.maxIssues);
  if (!over) return { days: BASIS_47, issues: BASIS_47 };
  const bases = await policyBasesOn(
    tx,
    keys.issues ? [keys.days, keys.issues] : [keys.days],
    d.today,
    d.jurisdiction.cityCode,
  );
  // A purpose without a cap on issues never cites one.
  return { days: bases[keys.days], issues: keys.issues ? bases[keys.issues] : BASIS_47 };
}

/**
 * 核发临时行驶车号牌 (R164 §§18, 27, 28, 46–48), delegated to dealers for the new cars they sell:
 * the caps of every purpose are policy data (temp-plate-purposes.ts), and each purpose is for a
 * vehicle not registered or for one registered here in the applicant's name
 * (temp-plate-vehicle.rules.ts).
 */
export const tempPlateHandler = defineHandler({
  type: 'vehicle.temp-plate',
  policyKeys: TEMP_PLATE_KEYS,
  lockKey: (data) => `vin:${data.vin}`,
  async load(tx, d): Promise<TempPlateFacts> {
    const { vin, purpose } = d.data;
    const caps = capsFor(purpose, d.policy, d.today);
    const [history, vehicle] = await Promise.all([
      tempPlateHistory(tx, vin, purpose),
      findVehicleByVin(tx, vin),
    ]);
    return {
      purpose,
      vin,
      ownCity: d.jurisdiction.cityCode,
      applicantIdNumber: d.applicant.idNumber,
      applicantName: d.applicant.name,
      socialOutlet: !POLICE_CATEGORIES.includes(d.outlet.category),
      days: d.data.days,
      today: d.today,
      insuranceValidUntil: d.data.insuranceValidUntil,
      ...caps,
      approvalValidUntil: d.data.approvalValidUntil ?? null,
      issued: history.issued,
      latestUntil: history.latestUntil,
      basis: await capBases(tx, d, caps, history.issued),
      vehicle: vehicle
        ? {
            status: vehicle.status,
            flags: vehicle.flags,
            plate: vehicle.plate,
            cityCode: vehicle.cityCode,
            ownerIdNumber: vehicle.owner.idNumber,
            ownerName: vehicle.owner.name,
            movedOut: vehicle.movedOut,
          }
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
