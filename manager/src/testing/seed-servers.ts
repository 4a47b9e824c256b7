import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/**
 * Insert `count` servers for an agent straight into the manager's SQLite file (a fleet too big to
 * create one request at a time in a test or a benchmark). Status `running`, data present.
 */
export function seedServers(
  dataDir: string,
  agentId: string,
  count: number,
  firstPort = 2000,
): { id: string; name: string }[] {
  const db = new Database(join(dataDir, 'zedops.db'));
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO servers (id, agent_id, name, status, container_id, image_tag, game_port, udp_port,
       rcon_port, data_exists, data_checked_at, created_at, updated_at)
     VALUES (?, ?, ?, 'running', ?, 'latest', ?, ?, ?, 1, ?, ?, ?)`,
  );
  const seeded: { id: string; name: string }[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const server = { id: randomUUID(), name: `seed-${i}` };
      const port = firstPort + i * 3;
      insert.run(
        server.id,
        agentId,
        server.name,
        `seeded-${i}`,
        port,
        port + 1,
        port + 2,
        now,
        now,
        now,
      );
      seeded.push(server);
    }
  })();
  db.close();
  return seeded;
}
