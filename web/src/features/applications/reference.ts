import type { ApplicationResponse } from './api.ts';

/**
 * How people refer to an application: the number of its refusal notice or of the documents
 * issued, which are printed and handed over; the start of its id only when it has neither.
 */
export function applicationReference(a: ApplicationResponse): string {
  const documents = (a.result?.documents ?? []) as { number: string }[];
  if (a.refusal) return a.refusal.noticeNumber;
  if (documents.length) return documents.map((d) => d.number).join(', ');
  return a.id.slice(0, 8).toUpperCase();
}
