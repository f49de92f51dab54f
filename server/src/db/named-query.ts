import pg from 'pg';
import { NamedResult } from './named-result.ts';

/** The column descriptions of a RowDescription message (pg's `FieldDef`). */
type Field = pg.FieldDef;

/**
 * What a connection knows of the statements it prepared: the columns each answers with, or
 * NO_COLUMNS for one that answers without (PostgreSQL said NoData).
 */
type Shapes = Map<string, readonly Field[] | typeof NO_COLUMNS>;
const NO_COLUMNS = Symbol('no columns');
const shapesByConnection = new WeakMap<object, Shapes>();

function shapesOn(connection: object): Shapes {
  let shapes = shapesByConnection.get(connection);
  if (!shapes) {
    shapes = new Map();
    shapesByConnection.set(connection, shapes);
  }
  return shapes;
}

/** pg's Connection as a query's prepare uses it (pg/lib/connection.js). */
interface Connection {
  parse(config: object): void;
  bind(config: object): void;
  describe(config: object): void;
  sync(): void;
  submittedNamedStatements: Record<string, string>;
}

/** pg's Query internals that its types leave out (pg/lib/query.js). */
interface QueryInternals {
  name: string;
  text: string;
  types: unknown;
  portal: string;
  values: unknown[] | undefined;
  binary: boolean | undefined;
  rows: number | undefined;
  callback?: (error: Error | null, result: unknown) => void;
  _result: pg.Result;
  _results: pg.Result;
  hasBeenParsed(connection: Connection): boolean;
  handleRowDescription(msg: { fields: Field[] }): void;
  handleError(error: Error, connection: Connection): void;
  _getRows(connection: Connection, rows: number | undefined): void;
}

/** pg's mapping of a value to its text on the wire, as its own prepare binds with. */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils;

const queryPrototype = pg.Query.prototype as unknown as {
  handleRowDescription(this: pg.Query, msg: { fields: Field[] }): void;
  handleCommandComplete(this: pg.Query, msg: unknown, connection: Connection): void;
};

/**
 * A registered statement's run on a connection (prepared.ts), answered through a promise.
 *
 * pg asks PostgreSQL to describe a statement's columns before each run (Describe), although a
 * statement prepared on a connection keeps its columns for the connection's life: PostgreSQL
 * refuses to run it at all once they would change ("cached plan must not change result type").
 * For each statement the backend looked up every column's type and wrote its name and type out
 * again, and pg read the names back as new strings, on every read and every write of the hot
 * paths. This query asks for the description only the first time a connection runs the
 * statement; later runs use the columns that answer gave. A connection that parses the
 * statement again (pg forgets it after a failed parse) asks again.
 */
export class NamedQuery extends pg.Query {
  /** The shapes of the connection this query asked to describe its columns on, until it ends. */
  #describedOn: Shapes | null = null;

  constructor(name: string, text: string, values: unknown[] | undefined) {
    super(text, values);
    const self = this as unknown as QueryInternals;
    self.name = name;
    self._result = self._results = new NamedResult(name);
  }

  /**
   * The answer: its rows, or the statement's error, or the first failure of what was sent ahead
   * of it in the same write (`ahead`, noted before this answer comes: PostgreSQL answers in
   * order). Called before the query is submitted.
   */
  answered(ahead: { error: Error | null } | null = null): Promise<pg.Result> {
    return new Promise((resolve, reject) => {
      (this as unknown as QueryInternals).callback = (error, result) => {
        const failure = ahead?.error ?? error;
        if (failure) reject(failure);
        else resolve(result as pg.Result);
      };
    });
  }

  /** Hears of the answer by callback alone (no promise): for a statement whose rows nobody reads. */
  onAnswer(callback: (error: Error | null) => void): void {
    (this as unknown as QueryInternals).callback = (error) => callback(error);
  }

  /**
   * As pg's prepare (Parse when the connection has not parsed the statement, Bind, Describe,
   * Execute, Sync), with Describe only on the connection's first run, and one change for a value
   * that cannot be sent (a Bind that fails before anything of it is written): pg then closes the
   * statement on the server while its connection keeps it as parsed, so every later run of it on
   * that connection failed ("prepared statement does not exist"). Here the statement stays and
   * only the Sync goes out.
   */
  prepare(connection: Connection): void {
    const self = this as unknown as QueryInternals;
    const parsed = self.hasBeenParsed(connection);
    if (!parsed) {
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
    } catch (error) {
      connection.sync();
      self.handleError(error as Error, connection);
      return;
    }
    const shapes = shapesOn(connection);
    const known = parsed ? shapes.get(self.name) : undefined;
    if (known === undefined) {
      shapes.delete(self.name); // a statement parsed again is described afresh
      this.#describedOn = shapes;
      connection.describe({ type: 'P', name: self.portal });
    } else if (known !== NO_COLUMNS) {
      self.handleRowDescription({ fields: known as Field[] });
    }
    self._getRows(connection, self.rows);
  }

  handleRowDescription(msg: { fields: Field[] }): void {
    this.#describedOn?.set((this as unknown as QueryInternals).name, msg.fields);
    queryPrototype.handleRowDescription.call(this, msg);
  }

  handleCommandComplete(msg: unknown, connection: Connection): void {
    // Described, and ran without a RowDescription (which would have noted the columns):
    // PostgreSQL answered NoData.
    const name = (this as unknown as QueryInternals).name;
    if (this.#describedOn && !this.#describedOn.has(name)) this.#describedOn.set(name, NO_COLUMNS);
    this.#describedOn = null;
    queryPrototype.handleCommandComplete.call(this, msg, connection);
  }
}
