import type { Endorsement } from '#shared/schemas/documents.ts';
import { defineHandler, type EffectTools } from '../applications/handler.ts';
import { MORTGAGE_RULES, RELEASE_RULES, type MortgageFacts } from './mortgage.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { loadBusinessFile } from './vehicle-business.ts';
import { onFile } from './vehicle-file.ts';
import { changeOf, changeVehicle } from './vehicle-registry.ts';
import { insertMortgage, releaseMortgage } from './vehicles.repository.ts';
import type { VehiclePorts } from './violations-port.ts';

/** Why a mortgage record issued before mortgages were endorsed becomes void. */
export const RECORD_RELEASED = '抵押登记已解除';

/**
 * The registration certificate a mortgage is endorsed on (§32): the vehicle's on file, or, for a
 * vehicle imported from the legacy platform with none on file, one taken on file now and
 * endorsed, so that the mortgagee holds a certificate whose endorsement anyone can verify (§35).
 */
async function endorsedCertificate(tools: EffectTools, vin: string, endorsement: Endorsement) {
  const onFile = await tools.endorse(vin, 'registration-certificate', endorsement);
  if (onFile) return onFile;
  await tools.issue('registration-certificate', vin);
  return await tools.endorse(vin, 'registration-certificate', endorsement);
}

/**
 * 抵押登记 (R164 §§31–35): the owner and the mortgagee together; at the mortgagee's own bank
 * outlet the data comes from the bank and no papers are needed (§35). One registered mortgage
 * at a time. The office endorses it on the registration certificate (§32): no paper of its own
 * is issued; the result carries the endorsed certificate (`endorsedCertificate`), and the
 * vehicle's file the endorsement (the `mortgaged` change, naming the certificate).
 */
export const mortgageHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.mortgage',
    policyKeys: SCRAP_AGE_KEYS,
    lockKey: (data) => `plate:${data.plate}`,
    async load(tx, d): Promise<MortgageFacts> {
      return {
        ...(await loadBusinessFile(tx, d, ports)),
        mortgageeOrgCode: d.data.mortgageeOrgCode,
        contractNo: d.data.contractNo,
      };
    },
    rules: MORTGAGE_RULES,
    async apply(tx, d, facts, tools) {
      const v = onFile(facts);
      const certificate = await endorsedCertificate(tools, v.vin, {
        what: 'mortgage',
        on: d.today,
      });
      await insertMortgage(tx, {
        cityCode: v.cityCode,
        vehicleId: v.id,
        mortgageeOrgCode: d.data.mortgageeOrgCode,
        contractNo: d.data.contractNo,
        registeredOn: d.today,
      });
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: 'mortgaged',
        status: { event: 'mortgage' },
        details: {
          mortgageeOrgCode: d.data.mortgageeOrgCode,
          contractNo: d.data.contractNo,
          endorsedCertificate: certificate?.number ?? null,
        },
      });
      return {
        status: 'completed',
        result: { documents: certificate ? [certificate] : [] },
        audit: {
          entityType: 'vehicle',
          entityId: v.vin,
          details: { mortgageeOrgCode: d.data.mortgageeOrgCode, contractNo: d.data.contractNo },
        },
      };
    },
  });

/**
 * 解除抵押登记 (R164 §33): by the matching contract, with the registered mortgagee: at its own
 * bank outlet, or by its representative at a window. The release is endorsed on the registration
 * certificate (the `mortgage-released` change names it); a mortgage record issued before
 * endorsements becomes void.
 */
export const mortgageReleaseHandler = (ports: VehiclePorts) =>
  defineHandler({
    type: 'vehicle.mortgage-release',
    policyKeys: SCRAP_AGE_KEYS,
    lockKey: (data) => `plate:${data.plate}`,
    async load(tx, d): Promise<MortgageFacts> {
      return {
        ...(await loadBusinessFile(tx, d, ports)),
        mortgageeOrgCode: d.data.mortgageeOrgCode ?? null,
        contractNo: d.data.contractNo,
      };
    },
    rules: RELEASE_RULES,
    async apply(tx, d, facts, tools) {
      const v = onFile(facts);
      const certificate = await tools.endorse(v.vin, 'registration-certificate', {
        what: 'mortgage-release',
        on: d.today,
      });
      await releaseMortgage(tx, { cityCode: v.cityCode, vehicleId: v.id, releasedOn: d.today });
      await changeVehicle(tx, v, changeOf(d, tools.applicationId), {
        event: 'mortgage-released',
        status: { event: 'release-mortgage' },
        details: {
          contractNo: d.data.contractNo,
          endorsedCertificate: certificate?.number ?? null,
        },
      });
      const voided = await tools.voidMortgageRecords(v.vin, RECORD_RELEASED);
      return {
        status: 'completed',
        result: { documents: certificate ? [certificate] : [], voidedNumbers: voided },
        audit: {
          entityType: 'vehicle',
          entityId: v.vin,
          details: { contractNo: d.data.contractNo },
        },
      };
    },
  });
