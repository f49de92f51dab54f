import { applicationsAboutVehicle } from '../applications/applications.service.ts';
import { defineHandler } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { addDays } from '../platform/time.ts';
import { CHANGE_RULES, type ChangeFacts } from './change.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { loadBusinessFile } from './vehicle-business.ts';
import { onFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import { insertTempPlate, type VehicleRecord } from './vehicles.repository.ts';
import type { VehiclePorts } from './violations-port.ts';

/** The business types of a vehicle's applications still accepted here, by its VIN or plate. */
async function businessInProgress(tx: Tx, cityCode: string, v: VehicleRecord) {
  const about = await applicationsAboutVehicle(tx, {
    cityCode,
    vin: v.vin,
    plates: v.plate ? [v.plate] : [],
  });
  return [...new Set(about.filter((a) => a.status === 'accepted').map((a) => a.businessType))];
}

/**
 * 变更登记 (R164 §§16–22): colour, engine, body or frame, use, or moving out of the jurisdiction.
 * A new 行驶证 records the change. Moving out also gives a temporary plate for the journey
 * (§27, policy days); the destination registers the move-in.
 */
export const changeHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.change',
    policyKeys: [...SCRAP_AGE_KEYS, 'temp-plate.move-out.max-days'],
    lockKey: (data) => `plate:${data.plate}`,
    async load(tx, d): Promise<ChangeFacts> {
      const file = await loadBusinessFile(tx, d, ports);
      // A second round trip for a move-out alone: the applications are found by the VIN read.
      const moving = d.data.change === 'move-out' && file.record;
      return {
        ...file,
        change: d.data.change,
        value: d.data.value ?? null,
        useNature: file.record?.useNature ?? null,
        inProgress: moving ? await businessInProgress(tx, d.jurisdiction.cityCode, moving) : [],
      };
    },
    rules: CHANGE_RULES,
    async apply(tx, d, facts, tools) {
      const v = onFile(facts);
      const { change, value } = d.data;
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: change === 'move-out' ? 'moved-out' : `changed-${change}`,
        patch:
          change === 'use-nature'
            ? { useNature: value }
            : change === 'move-out' && value
              ? { movedOutTo: value, movedOutOn: d.today }
              : {},
        details: { change, value: value ?? null },
      });
      const reissued = await tools.reissue('vehicle-licence', v.vin, '变更登记换发行驶证');
      const { voided } = reissued;
      const documents = [reissued.document];
      if (change === 'move-out') {
        const days = d.policy['temp-plate.move-out.max-days'] ?? 30;
        const tempPlate = await insertTempPlate(tx, {
          cityCode: v.cityCode,
          vin: v.vin,
          platePrefix: `${d.jurisdiction.platePrefixes[0] ?? d.jurisdiction.provinceAbbr}临`,
          purpose: 'move-out',
          validFrom: d.today,
          validUntil: addDays(d.today, days - 1),
          applicationId: tools.applicationId,
          outletCode: d.outlet.code,
          issuedAt: d.now,
        });
        documents.push(await tools.issue('temp-plate', v.vin, tempPlate));
      }
      return {
        status: 'completed',
        result: { plate: d.data.plate, documents, voidedNumbers: voided },
        audit: {
          entityType: 'vehicle',
          entityId: v.vin,
          details: { change, value: value ?? null },
        },
      };
    },
  });
