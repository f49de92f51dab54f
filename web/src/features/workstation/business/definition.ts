import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { BusinessTypeCode } from '#shared/catalog.ts';
import type { ApplicationResponse, businessDataSchemas } from '#shared/schemas/applications.ts';

/** What the application form holds under `data`: each business type reads its own fields. */
export type DataValues = Record<string, unknown>;

/**
 * The web form of one business type. Adding a business type to the workstation is one file
 * exporting such a definition, registered in ./index.ts; the application form, the request and
 * the picker know nothing else about it.
 */
export interface BusinessForm<T extends BusinessTypeCode = BusinessTypeCode> {
  type: T;
  /** The inputs, each a Form.Item named ['data', field], inside the application form. */
  Fields: ComponentType;
  /** Starting values of `data`. */
  initialValues?: DataValues;
  /**
   * The form's `data` values as the object that `businessDataSchemas[type]` checks: blanks
   * become undefined (the schema says "required"), dates 'YYYY-MM-DD'. A method, so that each
   * definition can name its own value type.
   */
  toData(values: DataValues): Partial<z.input<(typeof businessDataSchemas)[T]>>;
  /** The field names under `data`, to put the server's 400 details ("data.vin") under them. */
  fieldPaths: readonly string[];
  /**
   * The data forms of the lifecycle events (shared/src/lifecycles.ts) that take data, by event
   * code; an event without one is fired after a plain confirmation.
   */
  events?: Readonly<Record<string, EventForm>>;
}

/** The data of one lifecycle event, asked for in the event's dialog on the application page. */
export interface EventForm {
  /**
   * The inputs, each a Form.Item named ['data', field], inside the event's form; given the
   * application, e.g. for the plate layout its number is chosen in.
   */
  Fields: ComponentType<{ application: ApplicationResponse }>;
  /**
   * The event's data as its server handler checks it (the same rules; the handlers' schemas are
   * not shared yet), normalised on the way, e.g. an identity number in upper case.
   */
  schema: z.ZodType<Record<string, unknown>>;
  /** The form's `data` values as the object the schema checks: blanks become undefined. */
  toData(values: DataValues): Record<string, unknown>;
  fieldPaths: readonly string[];
}

/** A trimmed text input, or undefined when it is blank. */
export const text = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);
