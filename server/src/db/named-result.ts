import pg from 'pg';

const CHANGES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Kysely's `numAffectedRows` of an answer: the rows a change changed, nothing for any other. */
export const affectedRows = (command: string, rowCount: number | null) =>
  CHANGES.has(command) ? BigInt(rowCount ?? 0) : undefined;

/** The column descriptions PostgreSQL sends before a statement's rows (pg's `FieldDef`). */
type Field = pg.FieldDef & { format?: string };
type Parser = (value: unknown) => unknown;

/** What pg's Result keeps of a statement's columns, built once and shared by its answers. */
interface Shape {
  fields: readonly Field[];
  parsers: Parser[];
  /** The row every row of an answer starts as: each column, null. */
  emptyRow: Record<string, null>;
}

/** pg's Result internals that its types leave out (pg/lib/result.js). */
interface ResultInternals {
  fields: Field[];
  _types: unknown;
  _parsers: Parser[] | undefined;
  _prebuiltEmptyResultObject: Record<string, null> | null;
}

/**
 * Shapes by the type parsers they were built with (each pg client has its own set, from the
 * pool's) and by statement name; names are few (prepared.ts caps them), so the maps stay small.
 */
const shapesByTypes = new WeakMap<object, Map<string, Shape>>();
/** The key of results without type parsers of their own (pg's global ones). */
const GLOBAL_TYPES = {};

function shapesOf(types: unknown): Map<string, Shape> {
  const key = typeof types === 'object' && types !== null ? types : GLOBAL_TYPES;
  let shapes = shapesByTypes.get(key);
  if (!shapes) {
    shapes = new Map();
    shapesByTypes.set(key, shapes);
  }
  return shapes;
}

const sameFields = (a: readonly Field[], b: readonly Field[]) =>
  a.length === b.length &&
  a.every(
    (f, i) =>
      f.name === b[i]!.name && f.dataTypeID === b[i]!.dataTypeID && f.format === b[i]!.format,
  );

/**
 * pg's Result for a named statement. PostgreSQL describes a statement's columns before every
 * answer, and pg's Result rebuilds from that description, each time, a parser per column and the
 * empty row it copies for each row: on the write path, whose statements answer with the same
 * columns thousands of times, that was 2.6 % of the server thread's busy time. This Result
 * reuses what an earlier answer of the same statement built, when the description is the same
 * (names, types and formats) and the type parsers are the same; anything else is built as pg
 * builds it.
 */
export class NamedResult extends pg.Result {
  constructor(private readonly statement: string) {
    // pg's own arguments: rows as objects, the client's type parsers set by the client.
    super(undefined as unknown as string, undefined as unknown as typeof pg.types);
  }

  addFields(fields: Field[]): void {
    const self = this as unknown as ResultInternals;
    const shapes = shapesOf(self._types);
    const known = shapes.get(this.statement);
    if (known && sameFields(known.fields, fields)) {
      self.fields = fields;
      self._parsers = known.parsers;
      // Each answer copies the empty row anew, as pg does: every row is a copy of it, and rows
      // copied from one object kept for good were three times slower to make (measured in the
      // bench's profile; V8 seems to keep that object's first, narrower layout).
      self._prebuiltEmptyResultObject = { ...known.emptyRow };
      return;
    }
    (pg.Result.prototype as unknown as { addFields(f: Field[]): void }).addFields.call(
      this,
      fields,
    );
    if (self._parsers && self._prebuiltEmptyResultObject) {
      shapes.set(this.statement, {
        fields: fields.map((f) => ({ ...f })),
        parsers: self._parsers,
        emptyRow: self._prebuiltEmptyResultObject,
      });
    }
  }

  /**
   * Kysely's reading of the answer (its QueryResult's `numAffectedRows`): the rows a change
   * changed. With it the answer is Kysely's as it is, with no copy per statement (pool-driver.ts).
   */
  get numAffectedRows(): bigint | undefined {
    return affectedRows(this.command, this.rowCount);
  }
}
