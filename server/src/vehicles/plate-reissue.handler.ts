import { eventDataSchemas } from '#shared/schemas/events.ts';
import {
  defineEvent,
  defineHandler,
  type EffectTools,
  type EventDecision,
} from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { addDays } from '../platform/time.ts';
import {
  HANDOVER_RULES,
  PLATE_REISSUE_RULES,
  type PlateReissueFacts,
} from './plate-reissue.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { businessInProgress, loadFileWithScrapAge } from './vehicle-business.ts';
import { loadVehicleFile, onFile } from './vehicle-file.ts';
import { endTempPlates, insertTempPlate } from './vehicles.repository.ts';

const TYPE = 'vehicle.plate-reissue';
const EVENTS = eventDataSchemas[TYPE];

/** The temporary plate of the meantime ends (returned) when the plates come or the case closes. */
async function endMeantimePlate(
  tx: Tx,
  d: EventDecision<typeof TYPE, unknown, never>,
  tools: EffectTools,
  vin: string,
  reason: string,
) {
  await endTempPlates(tx, {
    cityCode: d.application.cityCode,
    vin,
    purpose: 'plate-reissue',
    lastDay: d.today,
  });
  return await tools.voidDocuments(vin, 'temp-plate', reason);
}

/** Why the plate the owner reports lost stops verifying as valid. */
const OLD_PLATE_VOID = '申请补领号牌，原号牌作废';

/**
 * 补领机动车号牌 (R164 §51): accepted with a receipt and a temporary plate of at most 15 days,
 * and the old plate becomes void at once (a lost plate found or stolen must not verify as valid
 * while the new one is made); the number stays the vehicle's (§51: the same number). The plate is
 * made, then handed over to the applicant or their agent, which completes it and returns the
 * temporary plate. Lifecycle: shared/src/lifecycles.ts.
 */
export const plateReissueHandler = defineHandler({
  type: TYPE,
  policyKeys: [...SCRAP_AGE_KEYS, 'plate-reissue.temp-plate.max-days'],
  lockKey: (data) => `plate:${data.plate}`,
  async load(tx, d): Promise<PlateReissueFacts> {
    const file = await loadFileWithScrapAge(tx, d);
    const types = file.record
      ? await businessInProgress(tx, d.jurisdiction.cityCode, file.record)
      : [];
    return {
      ...file,
      inProgress: types.includes(TYPE),
      otherInProgress: types.filter((t) => t !== TYPE),
      tempPlateDays: d.policy['plate-reissue.temp-plate.max-days'],
    };
  },
  rules: PLATE_REISSUE_RULES,
  async apply(tx, d, facts, tools) {
    const { vin } = onFile(facts);
    const validUntil = addDays(d.today, (facts.tempPlateDays ?? 1) - 1);
    const tempPlate = await insertTempPlate(tx, {
      cityCode: d.jurisdiction.cityCode,
      vin,
      platePrefix: `${d.jurisdiction.platePrefixes[0] ?? d.jurisdiction.provinceAbbr}临`,
      purpose: 'plate-reissue',
      validFrom: d.today,
      validUntil,
      applicationId: tools.applicationId,
      outletCode: d.outlet.code,
      issuedAt: d.now,
    });
    const { documents, voided } = await tools.issueSet(
      vin,
      [{ kind: 'acceptance-notice' }, { kind: 'temp-plate', number: tempPlate }],
      [{ kind: 'plate', reason: OLD_PLATE_VOID }],
    );
    const voidedNumbers = voided.map((x) => x.number);
    return {
      status: 'accepted',
      result: {
        plate: d.data.plate,
        documents,
        tempPlate,
        tempPlateValidUntil: validUntil,
        voidedNumbers,
      },
      audit: {
        entityType: 'vehicle',
        entityId: vin,
        details: {
          plate: d.data.plate,
          tempPlate,
          tempPlateValidUntil: validUntil,
          voidedNumbers,
        },
      },
    };
  },
  events: {
    'plate-produced': defineEvent(TYPE, {
      data: EVENTS['plate-produced'],
      policyKeys: [],
      load: async () => ({}),
      rules: [],
      async apply(_tx, d) {
        return {
          to: { stage: 'plate-ready' },
          result: d.application.result,
          audit: {
            entityType: 'application',
            entityId: d.application.id,
            details: { plate: d.data.plate, batchNo: d.event.batchNo ?? null },
          },
        };
      },
    }),
    'plate-handed-over': defineEvent(TYPE, {
      data: EVENTS['plate-handed-over'],
      policyKeys: [],
      async load(tx, d) {
        const file = await loadVehicleFile(tx, d);
        const allowed = [d.applicant.idNumber, ...(d.agent ? [d.agent.idNumber] : [])];
        return { ...file, collector: { idNumber: d.event.collectorIdNumber, allowed } };
      },
      rules: HANDOVER_RULES,
      async apply(tx, d, facts, tools) {
        const { vin, plate: number } = onFile(facts);
        // The old plate was voided at acceptance; one accepted before that rule still holds
        // it valid, and loses it here at the latest.
        const late = await tools.voidDocuments(vin, 'plate', OLD_PLATE_VOID);
        const voided = [...(d.application.result.voidedNumbers ?? []), ...late];
        // The same number (§51): a plate is numbered by its plate number, as at registration,
        // so that the number on it verifies as this plate.
        const plate = await tools.issue('plate', vin, number ?? d.data.plate);
        await endMeantimePlate(tx, d, tools, vin, '正式号牌已领取，临时号牌收回');
        return {
          to: 'completed',
          result: {
            ...d.application.result,
            documents: [...d.application.result.documents, plate],
            voidedNumbers: voided,
          },
          audit: {
            entityType: 'vehicle',
            entityId: vin,
            details: { plate: d.data.plate, plateDocument: plate.number, voidedNumbers: voided },
          },
        };
      },
    }),
    'collection-deadline': defineEvent(TYPE, {
      data: EVENTS['collection-deadline'],
      policyKeys: [],
      load: loadVehicleFile,
      rules: [],
      async apply(tx, d, facts, tools) {
        const vin = facts.record?.vin;
        if (vin) await endMeantimePlate(tx, d, tools, vin, '逾期未领取号牌，业务关闭');
        return {
          to: 'expired',
          result: d.application.result,
          audit: {
            entityType: 'application',
            entityId: d.application.id,
            details: { plate: d.data.plate, reason: 'not collected in time' },
          },
        };
      },
    }),
  },
  /**
   * Withdrawn while the plate is being made: what the acceptance did is undone. The temporary
   * plate ends, and the old plate, voided at acceptance because no new one would be issued
   * without it, is valid again (no new plate was issued).
   */
  async onWithdraw(tx, d, tools) {
    const file = await loadVehicleFile(tx, d);
    const vin = file.record?.vin;
    const tempPlateVoided = vin
      ? await endMeantimePlate(tx, d, tools, vin, '申请人撤回补领号牌申请')
      : [];
    const restoredNumbers = vin
      ? await tools.restoreVoided(
          vin,
          'plate',
          d.application.result.voidedNumbers ?? [],
          OLD_PLATE_VOID,
        )
      : [];
    return {
      to: 'withdrawn',
      result: d.application.result,
      audit: {
        entityType: 'application',
        entityId: d.application.id,
        details: { plate: d.data.plate, vin: vin ?? null, tempPlateVoided, restoredNumbers },
      },
    };
  },
});
