import type { BusinessForm } from './definition.ts';
import { certificateReissue } from './vehicle.certificate-reissue.tsx';
import { change } from './vehicle.change.tsx';
import { deregister } from './vehicle.deregister.tsx';
import { inspectionMark } from './vehicle.inspection-mark.tsx';
import { licenceReissue } from './vehicle.licence-reissue.ts';
import { mortgageRelease } from './vehicle.mortgage-release.tsx';
import { mortgage } from './vehicle.mortgage.tsx';
import { plateReissue } from './vehicle.plate-reissue.tsx';
import { register } from './vehicle.register.tsx';
import { tempPlate } from './vehicle.temp-plate.tsx';
import { examBook } from './exam.book.tsx';
import { finePay } from './fine.pay.tsx';
import { licenceApply } from './licence.apply.tsx';
import { drivingLicenceReissue } from './licence.reissue.tsx';
import { licenceRenew } from './licence.renew.tsx';
import { licenceReview } from './licence.review.tsx';
import { pointsReduce } from './points.reduce.tsx';
import { violationHandle } from './violation.handle.tsx';
import { transfer } from './vehicle.transfer.tsx';

/** The business types the workstation has a form for, by business type code. */
export const BUSINESS_FORMS: ReadonlyMap<string, BusinessForm> = new Map(
  [
    register,
    transfer,
    mortgage,
    mortgageRelease,
    deregister,
    tempPlate,
    licenceReissue,
    certificateReissue,
    plateReissue,
    inspectionMark,
    change,
    violationHandle,
    finePay,
    pointsReduce,
    licenceRenew,
    drivingLicenceReissue,
    licenceApply,
    examBook,
    licenceReview,
  ].map((form: BusinessForm) => [form.type, form]),
);

export type { BusinessForm, DataValues, EventForm } from './definition.ts';
