import { createRequire } from 'node:module';
import pg from 'pg';

// pg's own mapping of parameter values to their text (Dates, arrays, Buffers, JSON), which its
// types do not declare.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as {
  prepareValue: (value: unknown) => unknown;
};

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
        fields: Object.freeze(fields.map((f) => Object.freeze({ ...f }))),
        parsers: self._parsers,
        emptyRow: self._prebuiltEmptyResultObject,
      });
    }
  }

  /**
   * Takes the columns an earlier answer of the same statement was described with (with the
   * same type parsers), if there was one; false when there was none.
   */
  useKnownShape(): boolean {
    const self = this as unknown as ResultInternals;
    const known = shapesOf(self._types).get(this.statement);
    if (!known) return false;
    self.fields = known.fields as Field[];
    self._parsers = known.parsers;
    self._prebuiltEmptyResultObject = { ...known.emptyRow };
    return true;
  }
}

/** What `NamedQuery` uses of pg's Query and its connection that pg's types leave out. */
interface QueryInternals {
  name: string;
  text: string;
  values: unknown[] | undefined;
  types: unknown;
  binary: boolean | undefined;
  portal: string;
  _result: NamedResult;
  _results: NamedResult;
  _accumulateRows: boolean;
  hasBeenParsed(connection: Connection): boolean;
  handleError(error: unknown, connection: Connection): void;
}
interface Connection {
  submittedNamedStatements: Record<string, string>;
  parse(message: { text: string; name: string; types: unknown }): void;
  bind(message: object): void;
  execute(message: { portal: string }): void;
  sync(): void;
}

/**
 * pg's Query for a named statement, answered into a `NamedResult`. pg asks PostgreSQL to
 * describe the columns before every answer (a Describe message, answered by a RowDescription
 * the client parses); the columns of a fixed text do not change while the server runs (a
 * migration that changed them would make PostgreSQL refuse the statement's cached plan, with or
 * without the description), so once one answer of the statement has been described, the next
 * go out as Parse (once per connection), Bind, Execute and Sync, and read their rows with the
 * columns kept from that answer. A statement whose columns are not known yet, or that has none,
 * goes as pg sends it.
 */
export class NamedQuery extends pg.Query {
  constructor(name: string, text: string, values: unknown[] | undefined) {
    super(text, values);
    const self = this as unknown as QueryInternals;
    self.name = name;
    self._result = self._results = new NamedResult(name);
  }

  /** pg's `prepare` (pg/lib/query.js), without the Describe when the columns are known. */
  prepare(connection: Connection): void {
    const self = this as unknown as QueryInternals;
    if (!self._result.useKnownShape()) {
      (pg.Query.prototype as unknown as { prepare(c: Connection): void }).prepare.call(
        this,
        connection,
      );
      return;
    }
    // What pg sets when the description arrives: the rows are kept for the callback.
    self._accumulateRows = true;
    if (!self.hasBeenParsed(connection)) {
      connection.parse({ text: self.text, name: self.name, types: self.types });
      connection.submittedNamedStatements[self.name] = self.text;
    }
    try {
      connection.bind({
        portal: self.portal,
        statement: self.name,
        values: self.values,
        binary: self.binary,
        valueMapper: prepareValue,
      });
    } catch (e) {
      // pg closes the statement here too, which leaves its client believing it parsed (the next
      // call would meet "prepared statement does not exist"); a named statement stays.
      connection.sync();
      self.handleError(e, connection);
      return;
    }
    connection.execute({ portal: self.portal });
    connection.sync();
  }
}
