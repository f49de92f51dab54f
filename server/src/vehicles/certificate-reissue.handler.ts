import { defineHandler, type Rule } from '../applications/handler.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { loadBusinessFile, type BusinessFile } from './vehicle-business.ts';
import { mortgageeCoApplies } from './vehicle-business.rules.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import { onFile } from './vehicle-file.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';
import type { VehiclePorts } from './violations-port.ts';

const file = vehicleFileRules({
  legalBasis: '机动车登记规定 第五十二条',
  doZh: '申请补领登记证书',
  doEn: 'Apply for a replacement registration certificate',
});

/** Never by a representative (§86: the catalog's agent rule refuses that at delegation). */
const RULES: readonly Rule<BusinessFile>[] = [
  file.inJurisdiction,
  file.registered,
  file.applicantIsOwner,
  file.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  vehicleNotSeized,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  mortgageeCoApplies('机动车登记规定 第三十二条'),
];

/** 补领机动车登记证书 (R164 §52): a new certificate; the old one becomes void. */
export const certificateReissueHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.certificate-reissue',
    policyKeys: SCRAP_AGE_KEYS,
    lockKey: (data) => `plate:${data.plate}`,
    load: (tx, d) => loadBusinessFile(tx, d, ports),
    rules: RULES,
    async apply(_tx, d, facts, tools) {
      const { vin, mortgage } = onFile(facts);
      const { document: certificate, voided } = await tools.reissue(
        'registration-certificate',
        vin,
        '补领后原登记证书作废',
      );
      // The new certificate carries what the old one had endorsed (§32). A mortgage registered
      // with no certificate on file, or on one that was not endorsed (imported from the legacy
      // platform, or generated), is endorsed now with its registration day, so that the
      // certificate's verification states the standing mortgage (§35).
      if (mortgage) {
        await tools.endorse(
          vin,
          'registration-certificate',
          { what: 'mortgage', on: mortgage.registeredOn },
          { unlessLast: true },
        );
      }
      return {
        status: 'completed',
        result: { plate: d.data.plate, documents: [certificate], voidedNumbers: voided },
        audit: { entityType: 'vehicle', entityId: vin, details: { voidedNumbers: voided } },
      };
    },
  });
