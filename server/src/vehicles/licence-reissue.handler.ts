import { businessDataSchemas } from '#shared/schemas/applications.ts';
import { isZunyiPlate } from '#shared/validators/index.ts';
import type { BusinessHandler } from '../applications/handler.ts';
import { voidDocuments } from '../documents/documents.repository.ts';
import { LICENCE_REISSUE_RULES, type LicenceReissueFacts } from './licence-reissue.rules.ts';
import { findVehicleByPlate } from './vehicles.repository.ts';

const schema = businessDataSchemas['vehicle.licence-reissue'];

/**
 * 补领机动车行驶证 (R164 §52): the article's 20-minute weekend story. The old licence becomes
 * void the moment the new one, with a new number, is issued.
 */
export const licenceReissueHandler: BusinessHandler<
  typeof schema,
  LicenceReissueFacts & { vin: string | null }
> = {
  type: 'vehicle.licence-reissue',
  schema,
  policyKeys: [],
  lockKey: (data) => `plate:${data.plate}`,
  async load(tx, d) {
    const vehicle = await findVehicleByPlate(tx, d.data.plate);
    return {
      plate: d.data.plate,
      inJurisdiction: isZunyiPlate(d.data.plate),
      applicantIdNumber: d.applicant.idNumber,
      vin: vehicle?.vin ?? null,
      vehicle: vehicle
        ? { status: vehicle.status, plate: vehicle.plate, ownerIdNumber: vehicle.owner.idNumber }
        : null,
    };
  },
  rules: LICENCE_REISSUE_RULES,
  async apply(tx, d, facts, tools) {
    const vin = facts.vin!; // the rules guarantee a registered vehicle
    const voided = await voidDocuments(tx, vin, 'vehicle-licence', '补领后原行驶证作废', d.now);
    const licence = await tools.issue('vehicle-licence', vin);
    return {
      status: 'completed',
      result: { plate: d.data.plate, documents: [licence], voidedNumbers: voided },
      audit: {
        entityType: 'vehicle',
        entityId: vin,
        details: { plate: d.data.plate, licenceNumber: licence.number, voidedNumbers: voided },
      },
    };
  },
};
