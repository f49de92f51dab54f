import { defineHandler } from '../applications/handler.ts';
import { beijingDate } from '../platform/time.ts';
import {
  addMonths,
  exemptFromStation,
  inspectedOf,
  nextValidUntil,
} from './inspection-intervals.ts';
import { INSPECTION_MARK_RULES, type InspectionMarkFacts } from './inspection-mark.rules.ts';
import { everChangedToNonOperating } from './history.repository.ts';
import { findInspection } from './inspections.repository.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { loadBusinessFile } from './vehicle-business.ts';
import { onFile, type LoadedVehicleFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import type { VehiclePorts } from './violations-port.ts';

/**
 * 核发检验合格标志 (R164 §§54–57): within the window before the validity ends, with insurance
 * and violations handled; a station report unless the car is exempt this time (2022 reform:
 * small private cars in years 2, 4 and 8). The mark's verification token is its electronic
 * form (§56). The new validity follows the interval table (Cond §16).
 */
export const inspectionMarkHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.inspection-mark',
    policyKeys: [
      ...SCRAP_AGE_KEYS,
      'inspection.small-car.biennial-years',
      'inspection.mark-window-months',
      'inspection.exemption.excludes-from-operating',
    ],
    lockKey: (data) => `plate:${data.plate}`,
    async load(tx, d): Promise<InspectionMarkFacts & Pick<LoadedVehicleFile, 'replacing'>> {
      const no = d.data.inspectionReportNo ?? null;
      const [file, report] = await Promise.all([
        // The marks to void are read with the file: the new mark then needs no answer.
        loadBusinessFile(tx, d, ports, ['inspection-mark']),
        no ? findInspection(tx, d.jurisdiction.cityCode, no) : null,
      ]);
      const v = file.record;
      const dueOn = v?.inspectionValidUntil ?? null;
      const biennial = d.policy['inspection.small-car.biennial-years'] ?? 10;
      const window = d.policy['inspection.mark-window-months'] ?? 3;
      const ours = !!report && !!v && (report.vin === v.vin || report.plate === v.plate);
      const exemptByAge =
        !!v?.registeredOn &&
        !!dueOn &&
        exemptFromStation(
          inspectedOf(v),
          v.registeredOn,
          dueOn,
          biennial,
          d.data.casualtyAccident === true,
        );
      // A car once operating (营转非) is inspected at a station where the city's policy says so
      // (⚠ in the reform's reported exceptions: a policy value). Read only for a car otherwise
      // exempt, which the report-less application is.
      const exempt =
        exemptByAge &&
        !(
          (d.policy['inspection.exemption.excludes-from-operating'] ?? 1) === 1 &&
          (await everChangedToNonOperating(tx, d.jurisdiction.cityCode, v.vin))
        );
      return {
        ...file,
        insuranceValidUntil: d.data.insuranceValidUntil,
        dueOn,
        windowFrom: dueOn ? addMonths(dueOn, -window) : null,
        exempt,
        report: {
          no,
          found: ours,
          result: ours ? report.result : null,
          finishedOn: ours ? beijingDate(report.finishedAt) : null,
        },
      };
    },
    rules: INSPECTION_MARK_RULES,
    async apply(tx, d, facts: InspectionMarkFacts & Pick<LoadedVehicleFile, 'replacing'>, tools) {
      const v = onFile(facts);
      const current = v.inspectionValidUntil ?? d.today;
      const validUntil = nextValidUntil(
        inspectedOf(v),
        v.registeredOn ?? d.today,
        current,
        d.today,
        d.policy['inspection.small-car.biennial-years'] ?? 10,
      );
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: 'inspection-marked',
        patch: { inspectionValidUntil: validUntil },
        details: { from: current, to: validUntil, exempt: facts.exempt, reportNo: facts.report.no },
      });
      const { document: mark, voided } = await tools.reissue(
        'inspection-mark',
        v.vin,
        '新检验合格标志已核发',
        facts.replacing?.map((r) => r.number),
      );
      return {
        status: 'completed',
        result: {
          documents: [mark],
          inspectionValidUntil: validUntil,
          exempt: facts.exempt,
          voidedNumbers: voided,
        },
        audit: {
          entityType: 'vehicle',
          entityId: v.vin,
          details: {
            inspectionValidUntil: validUntil,
            exempt: facts.exempt,
            reportNo: facts.report.no,
          },
        },
      };
    },
  });
