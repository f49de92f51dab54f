import { agentReviewFlagHandler } from '../applications/agent-review.handler.ts';
import { createRegistry } from '../applications/registry.ts';
import { boundSince } from '../citizens/citizens.service.ts';
import { detectFraud } from '../antifraud/detect.service.ts';
import { drivingLicenceReissueHandler } from '../licences/licence-reissue.handler.ts';
import { examBookHandler } from '../licences/exam-book.handler.ts';
import { examResultFacts, examSummaries } from '../licences/exam-results.service.ts';
import { licenceApplyHandler } from '../licences/licence-apply.handler.ts';
import { licenceRenewHandler } from '../licences/licence-renew.handler.ts';
import { licenceReviewHandler } from '../licences/licence-review.handler.ts';
import { certificateReissueHandler } from '../vehicles/certificate-reissue.handler.ts';
import { changeHandler } from '../vehicles/change.handler.ts';
import { deregisterHandler } from '../vehicles/deregister.handler.ts';
import { inspectionMarkHandler } from '../vehicles/inspection-mark.handler.ts';
import { licenceReissueHandler } from '../vehicles/licence-reissue.handler.ts';
import { mortgageHandler, mortgageReleaseHandler } from '../vehicles/mortgage.handler.ts';
import { plateReissueHandler } from '../vehicles/plate-reissue.handler.ts';
import { registerHandler } from '../vehicles/register.handler.ts';
import { tempPlateHandler } from '../vehicles/temp-plate.handler.ts';
import { transferHandler } from '../vehicles/transfer.handler.ts';
import type { SupervisionPorts } from '../supervision/exam-port.ts';
import type { VehiclePorts } from '../vehicles/violations-port.ts';
import { finePayHandler } from '../violations/fine-pay.handler.ts';
import { DRIVER_POINTS } from '../violations/points.service.ts';
import { pointsReduceHandler } from '../violations/points-reduce.handler.ts';
import { substituteHoldHandler } from '../violations/substitute-hold.handler.ts';
import type { ViolationPorts } from '../violations/bindings-port.ts';
import { violationHandleHandler } from '../violations/violation-handle.handler.ts';
import { unhandledViolationsOfPlate } from '../violations/violations.service.ts';

/** What vehicle business takes from other areas: unhandled violations from the violations area. */
export const VEHICLE_PORTS: VehiclePorts = { unhandledViolations: unhandledViolationsOfPlate };

/** What violation handling takes from other areas: an internet account's bindings (12123). */
export const VIOLATION_PORTS: ViolationPorts = { boundSince };

/**
 * What supervision reads of other areas' data through ports: exam results from the licences area,
 * and the anti-fraud phase of a run from the antifraud area.
 */
export const SUPERVISION_PORTS: SupervisionPorts = {
  examResults: examResultFacts,
  examSummaries,
  fraud: detectFraud,
};

/** Every business handler the platform decides with, given the ports it is wired to. */
export const handlersWith = (ports: VehiclePorts) => [
  licenceReissueHandler,
  tempPlateHandler,
  plateReissueHandler,
  registerHandler,
  transferHandler(ports),
  mortgageHandler(ports),
  mortgageReleaseHandler(ports),
  deregisterHandler(ports),
  certificateReissueHandler(ports),
  inspectionMarkHandler(ports),
  changeHandler(ports),
  violationHandleHandler(VIOLATION_PORTS),
  finePayHandler,
  pointsReduceHandler,
  licenceRenewHandler(DRIVER_POINTS),
  drivingLicenceReissueHandler,
  licenceApplyHandler(DRIVER_POINTS),
  examBookHandler,
  licenceReviewHandler(DRIVER_POINTS),
  substituteHoldHandler,
  agentReviewFlagHandler,
];

/**
 * The business types the platform decides: one line per handler. The composition root is the
 * only place that knows every business area; the pipeline knows none of them.
 */
export const REGISTRY = createRegistry(handlersWith(VEHICLE_PORTS));
