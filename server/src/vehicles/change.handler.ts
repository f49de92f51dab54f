import { defineHandler } from '../applications/handler.ts';
import { addDays } from '../platform/time.ts';
import { CHANGE_RULES, type ChangeFacts } from './change.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { loadBusinessFile } from './vehicle-business.ts';
import { onFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import { insertTempPlate } from './vehicles.repository.ts';
import type { VehiclePorts } from './violations-port.ts';

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
      return {
        ...file,
        change: d.data.change,
        value: d.data.value ?? null,
        useNature: file.record?.useNature ?? null,
      };
    },
    rules: CHANGE_RULES,
    async apply(tx, d, facts, tools) {
      const v = onFile(facts);
      const { change, value } = d.data;
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: change === 'move-out' ? 'moved-out' : `changed-${change}`,
        patch: change === 'use-nature' ? { useNature: value } : {},
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
