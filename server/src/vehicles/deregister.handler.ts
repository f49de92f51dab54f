import { defineHandler } from '../applications/handler.ts';
import { DEREGISTER_RULES, type DeregisterFacts } from './deregister.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { businessInProgress, loadBusinessFile } from './vehicle-business.ts';
import { onFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import type { VehiclePorts } from './violations-port.ts';

const REASON_ZH = { scrapped: '报废', lost: '灭失', exported: '出境', returned: '退车' } as const;

/**
 * 注销登记 (R164 §§37–42): scrapped, lost, leaving the country, or returned to the maker. Never
 * while mortgaged or seized (§42). The registration certificate, plates and 行驶证 are taken back
 * (§37) and the inspection mark with them: all become void, and a deregistration certificate is
 * issued.
 */
export const deregisterHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.deregister',
    policyKeys: SCRAP_AGE_KEYS,
    lockKey: (data) => `plate:${data.plate}`,
    async load(tx, d): Promise<DeregisterFacts> {
      const file = await loadBusinessFile(tx, d, ports);
      return {
        ...file,
        inProgress: file.record
          ? await businessInProgress(tx, d.jurisdiction.cityCode, file.record)
          : [],
        reason: d.data.reason,
        agentPresent: d.agent !== null,
      };
    },
    rules: DEREGISTER_RULES,
    async apply(tx, d, facts, tools) {
      const v = onFile(facts);
      const why = `注销登记（${REASON_ZH[d.data.reason]}）`;
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: 'deregistered',
        status: { event: 'deregister' },
        details: { reason: d.data.reason },
      });
      const { documents, voided } = await tools.issueSet(
        v.vin,
        [{ kind: 'deregistration-notice' }],
        [
          { kind: 'registration-certificate', reason: why },
          { kind: 'plate', reason: why },
          { kind: 'vehicle-licence', reason: why },
          { kind: 'inspection-mark', reason: why },
        ],
      );
      return {
        status: 'completed',
        result: { documents, voidedNumbers: voided.map((x) => x.number) },
        audit: { entityType: 'vehicle', entityId: v.vin, details: { reason: d.data.reason } },
      };
    },
  });
