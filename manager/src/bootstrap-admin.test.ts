import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { UserResponse } from '@contract/http/auth';
import { StartupConfigError } from './bootstrap-admin';
import { startManager } from './start-manager';
import { ApiClient } from './testing/harness';

const quiet = pino({ level: 'silent' });

describe('the first admin', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'zedops-admin-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['a', '', 'elevenchars'])(
    'ZEDOPS_ADMIN_PASSWORD=%j is refused at first start',
    async (pw) => {
      const options = { dataDir: tempDir(), port: 0, host: '127.0.0.1', logger: quiet };
      await expect(startManager({ ...options, adminPassword: pw })).rejects.toThrow(
        StartupConfigError,
      );
      // Nothing was created: a proper password on the next start makes the admin.
      const manager = await startManager({ ...options, adminPassword: 'a-long-admin-password' });
      const client = new ApiClient(manager.url);
      await client.login('admin@zedops.local', 'a-long-admin-password');
      await manager.close();
    },
  );

  it('the manager process exits 1 with a message that names the variable', () => {
    const dataDir = tempDir();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'manager/src/index.ts'], {
      env: { ...process.env, PORT: '0', ZEDOPS_DATA_DIR: dataDir, ZEDOPS_ADMIN_PASSWORD: 'a' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /ZEDOPS_ADMIN_PASSWORD is refused: password must be at least 12 characters/,
    );
    expect(existsSync(join(dataDir, 'zedops.db'))).toBe(true);
  });

  it('a generated password is flagged until its owner changes it', async () => {
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    const manager = await startManager({
      dataDir: tempDir(),
      port: 0,
      host: '127.0.0.1',
      logger: quiet,
    });
    vi.mocked(process.stdout.write).mockRestore();
    const generated = /admin@zedops\.local \/ (\S+)/.exec(printed)?.[1];
    expect(generated?.length).toBeGreaterThanOrEqual(12);
    const client = new ApiClient(manager.url);
    await client.login('admin@zedops.local', generated!);
    const me = async () => UserResponse.parse((await client.call('GET', apiPaths.me)).body).user;
    expect((await me()).generatedPassword).toBe(true);
    const res = await client.call('POST', apiPaths.changePassword, {
      currentPassword: generated,
      newPassword: 'chosen-by-the-admin',
    });
    expect(res.status).toBe(204);
    expect((await me()).generatedPassword).toBe(false);
    await manager.close();
  });
});
