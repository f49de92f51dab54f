import type { ApplicationResponse } from './api.ts';

/** The numbers the server gave the application's papers: its refusal notice, or its documents. */
function numbersOf(a: ApplicationResponse): string | null {
  const documents = (a.result?.documents ?? []) as { number: string }[];
  if (a.refusal) return a.refusal.noticeNumber;
  if (documents.length) return documents.map((d) => d.number).join(', ');
  return null;
}

/**
 * How people refer to an application on screen: the number of its refusal notice or of the
 * documents issued, which are printed and handed over; the start of its id only when it has
 * neither.
 */
export function applicationReference(a: ApplicationResponse): string {
  return numbersOf(a) ?? a.id.slice(0, 8).toUpperCase();
}

/**
 * The number a paper prints. Business that issues no document (a violation handling, a points
 * reduction) has no number of its own on the server, so its paper carries the application's full
 * id — what the server finds it by — rather than a prefix that identifies nothing.
 */
export function paperNumber(a: ApplicationResponse): string {
  return numbersOf(a) ?? a.id;
}
