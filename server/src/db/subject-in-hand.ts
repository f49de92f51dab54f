import { sql } from 'kysely';

/**
 * The subject (a VIN) a step's transaction has in hand: set by the statement that read it and
 * read by a later statement of the same transaction, so that a read keyed by what an earlier
 * read found can go out in the same round trip instead of waiting for the earlier answer. The
 * vehicles area sets it with a vehicle's file; the documents area reads a vehicle's valid
 * documents by it. The setting is local to the transaction, and the reader returns it with its
 * rows: the caller uses them only when it names the subject the caller itself read (a statement
 * that found nothing sets nothing, and an earlier step's value is gone with its transaction).
 */
const SETTING = 'cheguan.subject_in_hand';

/** A select expression that keeps the column's value (`v.vin`) as the subject in hand. */
export const holdSubject = (column: string) =>
  sql<string>`set_config(${sql.lit(SETTING)}, ${sql.ref(column)}, true)`;

/** The subject in hand; NULL (or empty) when nothing set it in this transaction. */
export const subjectInHand = () => sql<string | null>`current_setting(${sql.lit(SETTING)}, true)`;
