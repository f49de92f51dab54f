import type { BusinessTypeCode } from '#shared/catalog.ts';
import { licenceReissueHandler } from '../vehicles/licence-reissue.handler.ts';
import { tempPlateHandler } from '../vehicles/temp-plate.handler.ts';
import type { AnyHandler } from '../applications/handler.ts';

/** The business types whose rules and effects are built; the rest of the catalog answers 501. */
export const HANDLERS: Partial<Record<BusinessTypeCode, AnyHandler>> = {
  [licenceReissueHandler.type]: licenceReissueHandler as AnyHandler,
  [tempPlateHandler.type]: tempPlateHandler as AnyHandler,
};

export const IMPLEMENTED_TYPES: ReadonlySet<string> = new Set(Object.keys(HANDLERS));
