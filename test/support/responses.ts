import type { ApplicationResponse } from '#shared/schemas/applications.ts';
import type { LicenceResponse } from '#shared/schemas/licences.ts';

/** A licence read's answer as a clerk sees it (numbers masked), with a duty in both languages. */
export const sampleLicenceResponse = (): LicenceResponse => ({
  idNumber: '520302********0110',
  name: '敖先生',
  licenceNo: '520302********0110',
  classes: ['C1', 'C5'],
  status: 'valid',
  firstIssuedOn: '2005-01-01',
  validUntil: '2031-01-01',
  validityTerm: '10y',
  probationUntil: null,
  cycle: { start: '2026-01-01', end: '2026-12-31', points: 3, reduced: 0, carriedOver: 0 },
  duties: [
    {
      code: 'C5_MEDICAL',
      message: '持有C5准驾车型，应每三年提交一次身体条件证明（第七十四条）',
      messageEn: 'A holder of class C5 must submit a medical certificate every three years.',
    },
  ],
});

/** A completed 行驶证 reissue's answer: its document and plate in `result`. */
export const sampleApplicationResponse = (): ApplicationResponse => ({
  id: '520300-20261206-000001',
  businessType: 'vehicle.licence-reissue',
  status: 'completed',
  outletCode: '520300-01',
  outletName: '遵义市公安局交通警察支队车辆管理所',
  officeName: '遵义市车管所',
  handledBy: '张三',
  channel: 'window',
  applicant: { idNumber: '520302********0110', name: '敖先生' },
  result: { document: { number: '520300260000001', kind: 'vehicle-licence' }, plate: '贵CA8830' },
  stage: null,
  stageDueOn: null,
  nextEvents: [],
  submittedAt: '2026-12-06T08:00:00.000Z',
  completedAt: '2026-12-06T08:00:01.000Z',
  slaDueOn: null,
});

/**
 * CONTRACT.md: a document's `kind` ∈ vehicle-licence, registration-certificate, plate, temp-plate,
 * inspection-mark, driving-licence, notice — written out from the contract, not taken from the
 * schema under test.
 */
export const CONTRACT_DOCUMENT_KINDS: readonly string[] = [
  'vehicle-licence',
  'registration-certificate',
  'plate',
  'temp-plate',
  'inspection-mark',
  'driving-licence',
  'notice',
];
