import { defineHandler, type Decision, type EffectTools } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { addDays } from '../platform/time.ts';
import { CHANGE_RULES, type ChangeFacts } from './change.rules.ts';
import { inspectedOf, validUntilAfterUseChange } from './inspection-intervals.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { businessInProgress, loadBusinessFile } from './vehicle-business.ts';
import { onFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import { insertTempPlate, type VehicleRecord } from './vehicles.repository.ts';
import type { VehiclePorts } from './violations-port.ts';

/** Why a move-out voids the plate and 行驶证: the office takes them back (§18 收回号牌、行驶证). */
const TAKEN_BACK_ON_MOVE_OUT = '转出登记，收回号牌、行驶证';

/**
 * 转出 (R164 §18): the plates and the 行驶证 are taken back (void) and a temporary plate of the
 * policy's days (at most 30) carries the vehicle to the destination, which issues the new ones at
 * the move-in. No new 行驶证 here: the vehicle no longer has this office's plates.
 */
async function moveOutDocuments(
  tx: Tx,
  d: Decision<{ plate: string }, 'temp-plate.move-out.max-days'>,
  v: VehicleRecord,
  tools: EffectTools,
) {
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
  const { documents, voided } = await tools.issueSet(
    v.vin,
    [{ kind: 'temp-plate', number: tempPlate }],
    [
      { kind: 'plate', reason: TAKEN_BACK_ON_MOVE_OUT },
      { kind: 'vehicle-licence', reason: TAKEN_BACK_ON_MOVE_OUT },
    ],
  );
  return { documents, voidedNumbers: voided.map((x) => x.number) };
}

/** Any other change: a new 行驶证 records it, the old one void. */
async function newLicence(v: VehicleRecord, tools: EffectTools) {
  const { document, voided } = await tools.reissue('vehicle-licence', v.vin, '变更登记换发行驶证');
  return { documents: [document], voidedNumbers: voided };
}

/** The inspection validity a change of use leaves (Cond §16 intervals by use; see the function). */
function useChangeInspection(
  v: VehicleRecord,
  useNature: string,
  today: string,
  biennialYears: number | null | undefined,
) {
  if (!v.registeredOn) return null;
  const to = validUntilAfterUseChange(
    inspectedOf({ ...v, useNature }),
    v.registeredOn,
    v.inspectionValidUntil,
    today,
    biennialYears ?? 10,
  );
  return { from: v.inspectionValidUntil, to };
}

/**
 * 变更登记 (R164 §§16–22): colour, engine, body or frame, use, or moving out of the jurisdiction.
 * A new 行驶证 records a change; a move-out takes the plates and 行驶证 back and gives a temporary
 * plate for the journey instead (§18); the destination registers the move-in.
 */
export const changeHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.change',
    policyKeys: [
      ...SCRAP_AGE_KEYS,
      'temp-plate.move-out.max-days',
      'inspection.small-car.biennial-years',
    ],
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
      const inspection =
        change === 'use-nature' && value
          ? useChangeInspection(v, value, d.today, d.policy['inspection.small-car.biennial-years'])
          : null;
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: change === 'move-out' ? 'moved-out' : `changed-${change}`,
        patch:
          change === 'use-nature'
            ? { useNature: value, ...(inspection ? { inspectionValidUntil: inspection.to } : {}) }
            : change === 'move-out' && value
              ? { movedOutTo: value, movedOutOn: d.today }
              : {},
        details: {
          change,
          value: value ?? null,
          ...(inspection && inspection.to !== inspection.from ? { inspection } : {}),
        },
      });
      const { documents, voidedNumbers } =
        change === 'move-out'
          ? await moveOutDocuments(tx, d, v, tools)
          : await newLicence(v, tools);
      return {
        status: 'completed',
        result: { plate: d.data.plate, documents, voidedNumbers },
        audit: {
          entityType: 'vehicle',
          entityId: v.vin,
          details: { change, value: value ?? null, voidedNumbers },
        },
      };
    },
  });
