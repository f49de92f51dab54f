import { applicationById } from '../applications/applications.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { openCandidaciesAnywhere } from './exams.repository.ts';

/**
 * A learner's open candidacy (初次申领 accepted, its exams still to pass): the driver
 * file the office opened when it took the application in, in the city that keeps it, under the
 * name the applicant gave. The internet channel's real-name check reads it as the licence
 * registry's record of someone who holds no licence yet (12123 lets learners book their exams).
 */
export async function openCandidacyOf(
  db: DbOrTx,
  idNumber: string,
): Promise<{ cityCode: string; name: string } | null> {
  const [open] = await openCandidaciesAnywhere(db, idNumber);
  if (!open) return null;
  const application = await applicationById(db, open.application_id);
  return application ? { cityCode: open.city_code, name: application.applicant.name } : null;
}
