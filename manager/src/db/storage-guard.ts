import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../domain/errors';

type Db = Database.Database;
type Statement = Database.Statement;

/** A unique index refused a row (e.g. a second active operation for one server). */
export class UniqueConstraintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UniqueConstraintError';
  }
}

/**
 * SQLite result-code families meaning the storage failed, not the statement: another process
 * holds the lock, the disk is full or failing, the file system went read-only.
 */
const unavailableFamilies = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
  'SQLITE_NOMEM',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
]);

/**
 * The one place a driver error becomes a named error: storage trouble → StorageUnavailableError,
 * a unique violation → UniqueConstraintError; anything else (a bug in our SQL) passes as is.
 */
export function translateSqliteError(err: unknown): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  const family = err.code.split('_', 2).join('_'); // SQLITE_IOERR_WRITE → SQLITE_IOERR
  if (unavailableFamilies.has(family)) return new StorageUnavailableError(err.code, err.message);
  if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') return new UniqueConstraintError(err.message);
  return err;
}

function translated<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw translateSqliteError(err);
  }
}

/**
 * The connection as the rest of the manager sees it: every call that reaches SQLite (prepared
 * statements, transactions, exec, pragma) throws translated errors, so nothing above the db layer
 * knows the driver's error class. `Statement.iterate()` is not guarded past its first call.
 */
export function guardStorage(db: Db): Db {
  // Statements are compiled once per SQL text and reused (repositories prepare at each call).
  // pluck()/raw() state is shared with everyone preparing the same SQL: the one caller of its
  // SQL that reads arrays (servers-repo) sets raw(true) on every call; nothing uses iterate().
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = guardStatement(translated(() => db.prepare(sql)));
      statements.set(sql, statement);
    }
    return statement;
  };
  const guarded: Db = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (prop === 'prepare') return prepare;
      if (prop === 'transaction')
        return (fn: unknown) =>
          guardTransaction(translated(() => method.call(target, fn)) as TransactionFn);
      return (...args: unknown[]) => {
        const result = translated(() => method.apply(target, args));
        return result === target ? guarded : result;
      };
    },
  });
  return guarded;
}

function guardStatement(statement: Statement): Statement {
  const guarded: Statement = new Proxy(statement, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const result = translated(() => method.apply(target, args));
        return result === target ? guarded : result; // pluck(), raw(), bind() chain on
      };
    },
  });
  return guarded;
}

type TransactionFn = ((...args: unknown[]) => unknown) & Record<string, unknown>;
const variants = ['default', 'deferred', 'immediate', 'exclusive'] as const;

function guardTransaction(transaction: TransactionFn): TransactionFn {
  const wrap = (fn: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      return translated(() => fn.apply(this, args));
    };
  const guarded = wrap(transaction) as TransactionFn;
  for (const variant of variants)
    Object.defineProperty(guarded, variant, {
      value: wrap(transaction[variant] as (...args: unknown[]) => unknown),
    });
  Object.defineProperty(guarded, 'database', { value: transaction.database });
  return guarded;
}
