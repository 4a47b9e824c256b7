import type { Db } from './connection';

/**
 * A value that changes whenever a server list may show something else: every row any connection
 * writes changes it, except the writes a repository declares unlisted with `unlisted()`
 * (sessions, sign-ins, the audit log, heartbeats). A server list is a function of the database
 * alone (server-view.ts joins servers, agents and active operations, and no clock), so an answer
 * built at one version is the answer at that version (docs/decisions/0092-cached-server-lists.md).
 *
 * - `total_changes()`: rows this connection inserted, updated or deleted, triggers and foreign-key
 *   actions included. A write of the manager's own can only be missed by subtracting it, and a
 *   statement's own `changes` (what `unlisted` is given) never counts trigger rows: a write
 *   declared unlisted that reaches another table still changes the version.
 * - `PRAGMA data_version`: changes whenever another connection commits (an admin's sqlite3
 *   shell, a test seeding rows behind the manager's back).
 */
export class ListVersion {
  private unlistedRows = 0;
  private memory = 0;

  constructor(private readonly db: Db) {}

  /** `rows` written that no server list shows (the statement's own `changes`). */
  unlisted(rows: number): void {
    this.unlistedRows += rows;
  }

  /** Something a list shows changed outside the database (none today; kept for such state). */
  bump(): void {
    this.memory++;
  }

  /** The current version (compare with `===`). */
  current(): string {
    const [own, others] = this.db
      .prepare('SELECT total_changes(), data_version FROM pragma_data_version()')
      .raw(true)
      .get() as [number, number];
    return `${others}.${own - this.unlistedRows}.${this.memory}`;
  }
}
