import { z } from 'zod';
import { idNumberSchema } from '../validators/index.ts';
import { codeText } from './text.ts';

/**
 * The data of each lifecycle event (shared/src/lifecycles.ts), by business type and event code:
 * the server's event handlers check it and the web app's event forms are built on it.
 */
export const eventDataSchemas = {
  'vehicle.plate-reissue': {
    'plate-produced': z.object({ batchNo: codeText(64).optional() }),
    'plate-handed-over': z.object({ collectorIdNumber: idNumberSchema }),
    'collection-deadline': z.object({}),
  },
} as const;
