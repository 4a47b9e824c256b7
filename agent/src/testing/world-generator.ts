import { randomFillSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What generateWorld wrote under `{root}/data` (bin/ and the marker not counted). */
export interface GeneratedWorld {
  fileCount: number;
  totalBytes: number;
}

const MB = 1024 * 1024;

/**
 * A Project Zomboid-like server folder of about `sizeMb` under `root`: thousands of small
 * semi-compressible map chunks, a few big databases, text logs and incompressible backups, plus
 * a small bin/ (which snapshots skip) and the ownership marker. Content is random, not seeded.
 */
export async function generateWorld(
  root: string,
  sizeMb: number,
  serverId = 'generated',
): Promise<GeneratedWorld> {
  const budget = sizeMb * MB;
  const world: GeneratedWorld = { fileCount: 0, totalBytes: 0 };
  const save = path.join(root, 'data', 'Saves', 'Multiplayer', 'servertest');
  const put = async (file: string, content: Buffer) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    world.fileCount += 1;
    world.totalBytes += content.length;
  };

  await mkdir(path.join(root, 'bin'), { recursive: true });
  await writeFile(
    path.join(root, 'bin', 'ProjectZomboid64'),
    randomBytes(Math.min(budget * 0.02, 4 * MB)),
  );
  await writeFile(path.join(root, '.zedops-server-id'), `${serverId}\n`);
  await put(path.join(root, 'data', 'Server', 'servertest.ini'), textLog(16 * 1024));

  // 55 %: map chunks of 1–64 KB, a thousand per folder as the game lays them out.
  let mapBytes = 0;
  for (let i = 0; mapBytes < budget * 0.55; i += 32) {
    const batch = Array.from({ length: 32 }, (_, j) => {
      const n = i + j;
      const content = semiCompressible(1024 + Math.floor(Math.random() * 63 * 1024));
      mapBytes += content.length;
      return put(
        path.join(save, 'map', String(Math.floor(n / 1000)), `map_${n % 1000}_${n}.bin`),
        content,
      );
    });
    await Promise.all(batch);
  }
  // 20 %: databases, big and semi-compressible.
  await putInPieces(budget * 0.2, 48 * MB, (k, size) =>
    put(path.join(save, `db_${k}.db`), semiCompressible(size)),
  );
  // 5 %: logs, very compressible.
  await putInPieces(budget * 0.05, MB, (k, size) =>
    put(path.join(root, 'data', 'Logs', `server_${k}.txt`), textLog(size)),
  );
  // 20 %: already-compressed backups, incompressible.
  await putInPieces(budget * 0.2, 32 * MB, (k, size) =>
    put(path.join(root, 'data', 'backups', `backup_${k}.zip`), randomBytes(size)),
  );
  return world;
}

async function putInPieces(
  total: number,
  piece: number,
  write: (k: number, size: number) => Promise<void>,
) {
  for (let k = 0, left = Math.floor(total); left > 0; k++, left -= piece)
    await write(k, Math.min(piece, left));
}

function randomBytes(size: number): Buffer {
  return randomFillSync(Buffer.allocUnsafe(Math.floor(size)));
}

const palette = randomBytes(4096);

/** Runs of zeros, repeated tiles and random noise: compresses to roughly a third at gzip -1. */
function semiCompressible(size: number): Buffer {
  const buf = Buffer.alloc(size);
  let at = 0;
  while (at < size) {
    const kind = Math.random();
    const len = Math.min(size - at, 16 + Math.floor(Math.random() * 112));
    if (kind < 0.35)
      at += len; // zeros already there
    else if (kind < 0.8) {
      const from = Math.floor(Math.random() * (palette.length - len));
      palette.copy(buf, at, from, from + len);
      at += len;
    } else {
      randomFillSync(buf, at, Math.min(len, 32));
      at += Math.min(len, 32);
    }
  }
  return buf;
}

function textLog(size: number): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const line = `[28-11-26 12:${String(i % 60).padStart(2, '0')}:00.${i % 1000}] LOG  : General     , ${1732800000 + i}> player${i % 37} moved to ${Math.floor(Math.random() * 15000)},${Math.floor(Math.random() * 15000)}.\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('').slice(0, size));
}
