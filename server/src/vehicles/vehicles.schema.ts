import { z } from 'zod';
import { plateSchema, vinSchema } from '#shared/validators/index.ts';

export const plateParamsSchema = z.object({ plate: plateSchema });
export const vinParamsSchema = z.object({ vin: vinSchema });
