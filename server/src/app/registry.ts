import { createRegistry } from '../applications/registry.ts';
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
import { noExamsRecorded, type SupervisionPorts } from '../supervision/exam-port.ts';
import { noViolationsRecorded, type VehiclePorts } from '../vehicles/violations-port.ts';

/**
 * What vehicle business takes from other areas. Unhandled violations come from the violations
 * area once it exists: wire its service in here (replace `noViolationsRecorded`).
 */
export const VEHICLE_PORTS: VehiclePorts = { unhandledViolations: noViolationsRecorded };

/**
 * What supervision reads of other areas' data through ports. Exam results come from the
 * licences area once its exam results exist: wire its service in here (replace
 * `noExamsRecorded` with a function reading a city's results by (finishedAt, id) pages).
 */
export const SUPERVISION_PORTS: SupervisionPorts = { examResults: noExamsRecorded };

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
];

/**
 * The business types the platform decides: one line per handler. The composition root is the
 * only place that knows every business area; the pipeline knows none of them.
 */
export const REGISTRY = createRegistry(handlersWith(VEHICLE_PORTS));
