import { plateBusiness } from './plate.ts';

/** 补领机动车行驶证. */
export const licenceReissue = plateBusiness('vehicle.licence-reissue');
