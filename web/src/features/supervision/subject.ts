import { formatPlate } from '#shared/validators/index.ts';
import type { Alert } from './api.ts';

/** An alert's subject id as people read it: a vehicle's plate as printed (贵C·A1234). */
export const subjectId = (s: Alert['subject']) => (s.kind === 'vehicle' ? formatPlate(s.id) : s.id);
