import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostData, SnapshotArchive } from '../data/host-data';
import { serverPaths } from '../data/server-paths';

/** A HostData under test, with a way to seed and read its folders outside the interface. */
export interface HostDataSubject {
  data: HostData;
  /** An existing data path (absolute, valid) the server folders go below. */
  dataPath: string;
  write(file: string, content: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  /** Every entry below `root` by relative path: a file's content, or `<dir>`. */
  tree(root: string): Promise<Record<string, string>>;
  dispose(): Promise<void>;
}

const snapshotA = '11111111-1111-4111-8111-111111111111';
const snapshotB = '22222222-2222-4222-8222-222222222222';

/**
 * What every HostData must do, run against the real one (temp folders) and the in-memory fake,
 * so the fake that the pure agent tests and the manager's scripted agent stand on cannot drift.
 */
export function describeHostDataContract(name: string, make: () => Promise<HostDataSubject>) {
  describe(`HostData contract: ${name}`, () => {
    let s: HostDataSubject;
    let serial = 0;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(async () => {
      await s.dispose();
    });
    const server = () => {
      const serverName = `contract${serial++}`;
      return {
        serverId: `srv-${serverName}`,
        serverName,
        paths: serverPaths(s.dataPath, serverName),
      };
    };
    const archive = (): SnapshotArchive => {
      if (!s.data.snapshots) throw new Error('subject has no snapshot archive');
      return s.data.snapshots;
    };
    /** A small world: saves, a config, a bin/ the snapshot leaves out, and the marker. */
    const seedWorld = async (paths: ReturnType<typeof serverPaths>, serverId: string) => {
      await s.write(path.join(paths.data, 'Saves/Multiplayer/world.txt'), 'the world\n');
      await s.write(path.join(paths.data, 'Server/servertest.ini'), 'PVP=false\n');
      await s.mkdir(path.join(paths.data, 'Logs'));
      await s.write(path.join(paths.bin, 'start-server.sh'), '#!/bin/sh\n');
      await s.write(paths.marker, `${serverId}\n`);
    };

    it('inspect: absent, empty data/, a world, and the marker matching or not', async () => {
      const { serverId, paths } = server();
      expect(await s.data.inspect(paths, serverId)).toEqual({
        dataExists: false,
        binExists: false,
        marker: 'absent',
        markerServerId: null,
      });
      await s.mkdir(paths.data);
      await s.mkdir(paths.bin);
      expect(await s.data.inspect(paths, serverId)).toMatchObject({
        dataExists: false,
        binExists: true,
      });
      await seedWorld(paths, serverId);
      expect(await s.data.inspect(paths, serverId)).toEqual({
        dataExists: true,
        binExists: true,
        marker: 'match',
        markerServerId: serverId,
      });
      expect(await s.data.inspect(paths, 'srv-other')).toMatchObject({
        marker: 'mismatch',
        markerServerId: serverId,
      });
    });

    it('fingerprint: null without data/, zeros when empty, files and bytes of data/ only', async () => {
      const { serverId, paths } = server();
      expect(await s.data.fingerprint(paths)).toBeNull();
      await s.mkdir(paths.data);
      expect(await s.data.fingerprint(paths)).toMatchObject({
        fileCount: 0,
        totalBytes: 0,
        hasSaves: false,
      });
      await seedWorld(paths, serverId);
      expect(await s.data.fingerprint(paths)).toMatchObject({
        fileCount: 2,
        totalBytes: 'the world\n'.length + 'PVP=false\n'.length,
        hasSaves: true,
      });
    });

    it('prepare: makes bin/, data/ and the marker, and changes nothing that is there', async () => {
      const fresh = server();
      await s.data.prepare(fresh.paths, fresh.serverId);
      expect(await s.tree(fresh.paths.root)).toEqual({
        bin: '<dir>',
        data: '<dir>',
        '.zedops-server-id': `${fresh.serverId}\n`,
      });
      const foreign = server();
      await seedWorld(foreign.paths, 'srv-stranger');
      const before = await s.tree(foreign.paths.root);
      await s.data.prepare(foreign.paths, foreign.serverId);
      expect(await s.tree(foreign.paths.root)).toEqual(before);
    });

    it('remove: refuses a folder without a marker or with another server’s, removing nothing', async () => {
      const { serverId, paths } = server();
      await s.write(path.join(paths.data, 'world.txt'), 'w');
      const before = await s.tree(s.dataPath);
      await expect(s.data.assertRemovable(paths, serverId)).rejects.toMatchObject({
        code: 'PURGE_REFUSED',
      });
      await expect(s.data.remove(paths, serverId)).rejects.toMatchObject({ code: 'PURGE_REFUSED' });
      await s.write(paths.marker, 'srv-stranger\n');
      await expect(s.data.remove(paths, serverId)).rejects.toMatchObject({
        code: 'PURGE_REFUSED',
        details: { markerServerId: 'srv-stranger' },
      });
      expect(await s.tree(s.dataPath)).toEqual({
        ...before,
        [path.relative(s.dataPath, paths.marker)]: 'srv-stranger\n',
      });
    });

    it('remove: deletes its own folder and nothing beside it; an absent folder is no error', async () => {
      const mine = server();
      const beside = server();
      await seedWorld(mine.paths, mine.serverId);
      await seedWorld(beside.paths, beside.serverId);
      const besideBefore = await s.tree(beside.paths.root);
      await s.data.assertRemovable(mine.paths, mine.serverId);
      expect(await s.data.remove(mine.paths, mine.serverId)).toBe(true);
      expect(await s.tree(mine.paths.root)).toEqual({});
      expect(await s.tree(beside.paths.root)).toEqual(besideBefore);
      expect(await s.data.remove(mine.paths, mine.serverId)).toBe(false);
    });

    it('snapshot → damage → restore gives the world back, bin/ and marker kept', async () => {
      const { serverId, serverName, paths } = server();
      await seedWorld(paths, serverId);
      const before = await s.tree(paths.root);
      const taken = await archive().take({ paths, serverId, serverName, snapshotId: snapshotA });
      expect(taken).toMatchObject({ snapshotId: snapshotA, verified: true, fileCount: 3 });
      // The marker is in the snapshot too (the real archive holds the whole folder but bin/).
      expect(taken.totalBytes).toBe(
        'the world\n'.length + 'PVP=false\n'.length + `${serverId}\n`.length,
      );
      expect(await archive().take({ paths, serverId, serverName, snapshotId: snapshotA })).toEqual(
        taken,
      );
      expect(await archive().list(serverName)).toEqual([
        expect.objectContaining({ snapshotId: snapshotA, serverName, serverId, fileCount: 3 }),
      ]);
      expect(await archive().ownerOf(serverName, snapshotA)).toBe(serverId);

      await s.write(path.join(paths.data, 'Saves/Multiplayer/world.txt'), 'damaged');
      await s.write(path.join(paths.data, 'junk.txt'), 'junk');
      await s.write(path.join(paths.bin, 'new-build.txt'), 'kept');
      const restored = await archive().restore({
        paths,
        serverId,
        serverName,
        snapshotId: snapshotA,
      });
      expect(restored).toMatchObject({ snapshotId: snapshotA, fileCount: 2 });
      expect(restored.fingerprint).toMatchObject({ fileCount: 2, hasSaves: true });
      expect(await s.tree(paths.root)).toEqual({ ...before, 'bin/new-build.txt': 'kept' });
    });

    it('snapshot refusals: missing folder, an id another server took, names that are not path parts', async () => {
      const a = server();
      const b = server();
      await expect(archive().take({ ...a, snapshotId: snapshotA })).rejects.toMatchObject({
        code: 'SNAPSHOT_FAILED',
        details: { reason: 'folder-missing' },
      });
      await seedWorld(a.paths, a.serverId);
      await seedWorld(b.paths, b.serverId);
      await archive().take({ ...a, snapshotId: snapshotA });
      // Same server name on the wire, another server id: the id is taken.
      await expect(
        archive().take({ ...b, serverName: a.serverName, snapshotId: snapshotA }),
      ).rejects.toMatchObject({ code: 'SNAPSHOT_FAILED', details: { reason: 'id-taken' } });
      await expect(archive().take({ ...a, snapshotId: '../escape' })).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
      await expect(archive().ownerOf('../etc', snapshotA)).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
      await expect(archive().remove(a.serverName, 'not-a-uuid')).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
      expect(await archive().list('../etc')).toEqual([]);
    });

    it('restore refusals leave the folder as it was', async () => {
      const a = server();
      const b = server();
      await seedWorld(a.paths, a.serverId);
      await archive().take({ ...a, snapshotId: snapshotA });
      await s.write(a.paths.marker, 'srv-stranger\n');
      const before = await s.tree(a.paths.root);
      await expect(archive().restore({ ...a, snapshotId: snapshotB })).rejects.toMatchObject({
        code: 'RESTORE_FAILED',
        details: { reason: 'not-found' },
      });
      await expect(
        archive().restore({ ...b, serverName: a.serverName, snapshotId: snapshotA }),
      ).rejects.toMatchObject({ code: 'RESTORE_FAILED', details: { reason: 'not-this-server' } });
      await expect(archive().restore({ ...a, snapshotId: snapshotA })).rejects.toMatchObject({
        code: 'RESTORE_FAILED',
        details: { reason: 'marker-mismatch' },
      });
      expect(await s.tree(a.paths.root)).toEqual(before);
      const gone = serverPaths(path.join(s.dataPath, 'not-mounted'), a.serverName);
      await expect(
        archive().restore({ ...a, paths: gone, snapshotId: snapshotA }),
      ).rejects.toMatchObject({
        code: 'RESTORE_FAILED',
        details: { reason: 'data-path-missing' },
      });
    });

    it('restore into an absent folder creates it and writes the marker', async () => {
      const { serverId, serverName, paths } = server();
      await s.write(path.join(paths.data, 'Saves/w.txt'), 'w');
      await archive().take({ paths, serverId, serverName, snapshotId: snapshotA });
      await s.write(path.join(paths.data, 'Saves/w.txt'), 'changed');
      expect(await s.data.remove(paths, serverId).catch((e: { code: string }) => e.code)).toBe(
        'PURGE_REFUSED',
      );
      await s.write(paths.marker, `${serverId}\n`);
      await s.data.remove(paths, serverId);
      await archive().restore({ paths, serverId, serverName, snapshotId: snapshotA });
      expect(await s.tree(paths.root)).toEqual({
        data: '<dir>',
        'data/Saves': '<dir>',
        'data/Saves/w.txt': 'w',
        '.zedops-server-id': `${serverId}\n`,
      });
    });

    it('delete and list: gone once removed, a second remove answers false', async () => {
      const { serverId, serverName, paths } = server();
      await seedWorld(paths, serverId);
      await archive().take({ paths, serverId, serverName, snapshotId: snapshotA });
      await archive().take({ paths, serverId, serverName, snapshotId: snapshotB });
      expect((await archive().list()).filter((x) => x.serverName === serverName)).toHaveLength(2);
      expect(await archive().remove(serverName, snapshotA)).toBe(true);
      expect(await archive().remove(serverName, snapshotA)).toBe(false);
      expect(await archive().ownerOf(serverName, snapshotA)).toBeNull();
      expect((await archive().list(serverName)).map((x) => x.snapshotId)).toEqual([snapshotB]);
    });
  });
}
