import { defineHandler } from '../applications/handler.ts';
import { LICENCE_REISSUE_RULES } from './licence-reissue.rules.ts';
import { SCRAP_AGE_KEYS } from './vehicle-age.ts';
import { loadFileWithScrapAge } from './vehicle-business.ts';
import { onFile } from './vehicle-file.ts';

/**
 * 补领机动车行驶证 (R164 §52): the article's 20-minute weekend story. The old licence becomes
 * void the moment the new one, with a new number, is issued.
 */
export const licenceReissueHandler = defineHandler({
  type: 'vehicle.licence-reissue',
  // The scrapping ages, from the policy each process remembers for a few seconds
  // (catalog/policy-cache.ts): a read of its own once in a while, never one per application.
  policyKeys: SCRAP_AGE_KEYS,
  lockKey: (data) => `plate:${data.plate}`,
  // The licences to void are read with the file: the replacement then needs no answer.
  load: (tx, d) => loadFileWithScrapAge(tx, d, ['vehicle-licence']),
  rules: LICENCE_REISSUE_RULES,
  async apply(_tx, d, facts, tools) {
    const { vin } = onFile(facts); // the documents' subject

    const { document: licence, voided } = await tools.reissue(
      'vehicle-licence',
      vin,
      '补领后原行驶证作废',
      facts.replacing?.map((r) => r.number),
    );
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
});
