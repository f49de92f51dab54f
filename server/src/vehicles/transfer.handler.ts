import { defineHandler } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { beijingDate } from '../platform/time.ts';
import { addMonths, nextValidUntil } from './inspection-intervals.ts';
import { lastEventAt } from './history.repository.ts';
import { findInspection } from './inspections.repository.ts';
import { plateKindFor, type VehicleType } from './plate-numbers.ts';
import { reservePlate } from './plates.repository.ts';
import { freePlates } from './plates.service.ts';
import { TRANSFER_RULES, type TransferFacts } from './transfer.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { businessInProgress, loadBusinessFile } from './vehicle-business.ts';
import { onFile, type LoadedVehicleFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import { insertMortgage, releaseMortgage, type VehicleRecord } from './vehicles.repository.ts';
import type { VehiclePorts } from './violations-port.ts';

/** The kinds of document a transfer voids: what the former owner hands back. */
const TAKEN_BACK = ['vehicle-licence', 'plate', 'inspection-mark'] as const;

/** Why a mortgage record issued before mortgages were endorsed becomes void at a transfer. */
const RECORD_REGISTERED_ANEW = '转让登记同时重新办理抵押登记';

/**
 * The type a transfer's new number is drawn for before its file says the vehicle's type: most
 * vehicles are small cars. For a type of another plate layout the number is drawn again once
 * the file is read.
 */
const LIKELY_TYPE: VehicleType = 'small-car';

/** The facts, with the documents to take back and a number drawn for the likely type. */
type LoadedTransfer = TransferFacts &
  Pick<LoadedVehicleFile, 'replacing'> & { drawn: { vehicleType: VehicleType; plate?: string } };

/** A free number for a vehicle type in the step's jurisdiction (R164 §43), or none if none is left. */
const drawFor = async (
  tx: Tx,
  d: { jurisdiction: { cityCode: string; platePrefixes: readonly string[] }; today: string },
  vehicleType: VehicleType,
) =>
  (
    await freePlates(tx, {
      cityCode: d.jurisdiction.cityCode,
      prefix: d.jurisdiction.platePrefixes[0] ?? '',
      vehicleType,
      count: 1,
      today: d.today,
    })
  )[0];

/**
 * Since when the owner has had the vehicle and its number (§44: at least a year to keep it): its
 * last transfer, which gave both, or else its registration.
 */
async function holdingSince(tx: Tx, v: VehicleRecord) {
  const transferred = await lastEventAt(tx, v.cityCode, v.vin, 'transferred');
  return transferred ? beijingDate(transferred) : v.registeredOn;
}

/**
 * 转让登记 (R164 §§25–30): the new owner applies (at a used-car market, trade and transfer in one
 * stop). The plates and 行驶证 are taken back and a new number is given (§26); the former owner
 * may keep the old one for two years (§44). A mortgage moves over when the mortgagee co-applies:
 * registered anew and endorsed on the registration certificate, which the result then carries.
 */
export const transferHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.transfer',
    policyKeys: [...SCRAP_AGE_KEYS, 'inspection.small-car.biennial-years', 'plate.retention-years'],
    lockKey: (data) => `plate:${data.plate}`,
    async load(tx, d): Promise<LoadedTransfer> {
      const reportNo = d.data.inspectionReportNo ?? null;
      // The documents the transfer takes back are read with the file (TAKEN_BACK), and a new
      // number is drawn beside it for the likely type: one round trip less when it is that type.
      const [file, report, drawn] = await Promise.all([
        loadBusinessFile(tx, d, ports, TAKEN_BACK),
        reportNo ? findInspection(tx, d.jurisdiction.cityCode, reportNo) : null,
        drawFor(tx, d, LIKELY_TYPE),
      ]);
      const v = file.record;
      return {
        ...file,
        inProgress: v ? await businessInProgress(tx, d.jurisdiction.cityCode, v) : [],
        drawn: { vehicleType: LIKELY_TYPE, ...(drawn ? { plate: drawn } : {}) },
        inspectionValidUntil: v?.inspectionValidUntil ?? null,
        inspection: {
          reportNo,
          found: !!report,
          ofThisVehicle: !!report && !!v && (report.vin === v.vin || report.plate === v.plate),
          result: report?.result ?? null,
        },
        insuranceValidUntil: d.data.insuranceValidUntil ?? null,
        contractNo: d.data.contractNo ?? null,
        keepOldNumber: d.data.keepOldNumber === true,
        ownedSince: d.data.keepOldNumber && v ? await holdingSince(tx, v) : null,
      };
    },
    rules: TRANSFER_RULES,
    async apply(tx, d, facts: LoadedTransfer, tools) {
      const v = onFile(facts);
      const cityCode = d.jurisdiction.cityCode;
      const plate =
        plateKindFor(facts.drawn.vehicleType) === plateKindFor(v.vehicleType as VehicleType) &&
        facts.drawn.plate
          ? facts.drawn.plate
          : await drawFor(tx, d, v.vehicleType as VehicleType);
      if (!plate) throw new Error('no free plate number could be drawn');
      if (facts.keepOldNumber && v.plate) {
        const years = d.policy['plate.retention-years'] ?? 2;
        await reservePlate(tx, {
          cityCode,
          plate: v.plate,
          kind: 'retained',
          applicationId: null,
          holderIdNumber: v.owner.idNumber,
          at: d.now,
          until: addMonths(d.today, years * 12),
        });
      }
      const inspected =
        v.inspectionValidUntil && v.inspectionValidUntil < d.today && v.registeredOn
          ? nextValidUntil(
              {
                vehicleType: v.vehicleType as VehicleType,
                useNature: v.useNature as 'operating' | 'non-operating',
                seats: v.seats,
              },
              v.registeredOn,
              v.inspectionValidUntil,
              d.today,
              d.policy['inspection.small-car.biennial-years'] ?? 10,
            )
          : undefined;
      const certificate = v.mortgage
        ? await tools.endorse(v.vin, 'registration-certificate', { what: 'mortgage', on: d.today })
        : null;
      if (v.mortgage) {
        // §26: the mortgage is registered anew for the new owner, with the same mortgagee. The
        // contract is the new owner's when the parties give one (data.contractNo); otherwise the
        // mortgage moves over on the contract it secured, which the co-applying mortgagee keeps
        // (CONTRACT.md names no contract for a transfer, so a partner need not send one).
        await releaseMortgage(tx, { cityCode, vehicleId: v.id, releasedOn: d.today });
        await insertMortgage(tx, {
          cityCode,
          vehicleId: v.id,
          mortgageeOrgCode: v.mortgage.mortgageeOrgCode,
          contractNo: facts.contractNo ?? v.mortgage.contractNo,
          registeredOn: d.today,
        });
      }
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: 'transferred',
        patch: {
          plate,
          ownerIdNumber: d.applicant.idNumber,
          ownerName: d.applicant.name,
          ownerPhone: d.applicant.phone ?? null,
          ...(inspected ? { inspectionValidUntil: inspected } : {}),
        },
        details: {
          oldPlate: v.plate,
          keptByFormerOwner: facts.keepOldNumber,
          ...(v.mortgage ? { mortgageEndorsedCertificate: certificate?.number ?? null } : {}),
        },
      });
      // A mortgage record of the former owner's mortgage is not among the numbers the transfer
      // takes back from the former owner.
      if (v.mortgage) await tools.voidMortgageRecords(v.vin, RECORD_REGISTERED_ANEW);
      const { documents, voided } = await tools.issueSet(
        v.vin,
        [
          { kind: 'vehicle-licence' },
          { kind: 'plate', number: plate },
          { kind: 'inspection-mark' },
        ],
        [
          { kind: 'vehicle-licence', reason: '转让登记收回行驶证' },
          { kind: 'plate', reason: '转让登记收回号牌' },
          { kind: 'inspection-mark', reason: '转让登记重新核发' },
        ],
        facts.replacing,
      );
      return {
        status: 'completed',
        result: {
          plate,
          oldPlate: v.plate,
          documents: certificate ? [...documents, certificate] : documents,
          voidedNumbers: voided.map((x) => x.number),
        },
        audit: {
          entityType: 'vehicle',
          entityId: v.vin,
          details: { oldPlate: v.plate, plate, mortgageCarried: !!v.mortgage },
        },
      };
    },
  });
