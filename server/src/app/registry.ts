import { createRegistry } from '../applications/registry.ts';
import { drivingLicenceReissueHandler } from '../licences/licence-reissue.handler.ts';
import { examBookHandler } from '../licences/exam-book.handler.ts';
import { licenceApplyHandler } from '../licences/licence-apply.handler.ts';
import { licenceRenewHandler } from '../licences/licence-renew.handler.ts';
import { licenceReviewHandler } from '../licences/licence-review.handler.ts';
import { licenceReissueHandler } from '../vehicles/licence-reissue.handler.ts';
import { plateReissueHandler } from '../vehicles/plate-reissue.handler.ts';
import { tempPlateHandler } from '../vehicles/temp-plate.handler.ts';
import { finePayHandler } from '../violations/fine-pay.handler.ts';
import { DRIVER_POINTS } from '../violations/points.service.ts';
import { pointsReduceHandler } from '../violations/points-reduce.handler.ts';
import { violationHandleHandler } from '../violations/violation-handle.handler.ts';

/**
 * The business types the platform decides: one line per handler. The composition root is the
 * only place that knows every business area; the pipeline knows none of them.
 */
export const REGISTRY = createRegistry([
  licenceReissueHandler,
  tempPlateHandler,
  plateReissueHandler,
  violationHandleHandler,
  finePayHandler,
  pointsReduceHandler,
  licenceRenewHandler(DRIVER_POINTS),
  drivingLicenceReissueHandler,
  licenceApplyHandler(DRIVER_POINTS),
  examBookHandler,
  licenceReviewHandler(DRIVER_POINTS),
]);
