import { describe, expect, it } from 'vitest';
import {
  combineAllowedRoots,
  findFolderOverlap,
  findOverlappingPair,
  foldersOverlap,
  isInsideAllowedRoots,
  serverFolder,
} from './server-folders';

describe('server folders', () => {
  it('overlap means equal, containing or contained — compared by component', () => {
    expect(foldersOverlap('/srv/a/alpha', '/srv/a/alpha')).toBe(true);
    expect(foldersOverlap('/srv/a/alpha', '/srv/a/alpha/data')).toBe(true);
    expect(foldersOverlap('/srv/a/alpha/data', '/srv/a/alpha')).toBe(true);
    expect(foldersOverlap('/srv/a/alpha', '/srv/a/alphabet')).toBe(false);
    expect(foldersOverlap('/srv/a/alpha-2', '/srv/a/alpha')).toBe(false);
    expect(foldersOverlap('/srv/a/alpha', '/srv/b/alpha')).toBe(false);
  });

  it('spelling tricks do not hide an overlap', () => {
    expect(foldersOverlap('/srv//a/./alpha/', '/srv/a/alpha/data')).toBe(true);
    expect(foldersOverlap('/srv/a/x/../alpha/data', '/srv/a/alpha')).toBe(true);
    expect(foldersOverlap('/srv/a/alpha/..', '/srv/a/beta')).toBe(true);
    expect(foldersOverlap('/srv/..hidden/a', '/srv/..hidden')).toBe(true);
    expect(foldersOverlap('/srv/.a', '/srv/a')).toBe(false);
  });

  it('finds the server whose folder the new one would nest in (the issue-9 reproduction)', () => {
    const others = [
      { serverId: 's1', serverName: 'alphabet', path: serverFolder('/srv/a', 'alphabet') },
      { serverId: 's2', serverName: 'alpha', path: serverFolder('/srv/a', 'alpha') },
    ];
    expect(findFolderOverlap(serverFolder('/srv/a/alpha', 'data'), others)).toEqual(others[1]);
    expect(findFolderOverlap(serverFolder('/srv', 'a'), others)?.serverId).toBe('s1');
    expect(findFolderOverlap(serverFolder('/srv/a', 'alph'), others)).toBeNull();
  });

  it('a folder must lie strictly inside an allowed root', () => {
    const roots = ['/srv/zedops', '/mnt/games'];
    expect(isInsideAllowedRoots('/srv/zedops/alpha', roots)).toBe(true);
    expect(isInsideAllowedRoots('/mnt/games/deep/alpha', roots)).toBe(true);
    expect(isInsideAllowedRoots('/srv/zedops', roots)).toBe(false);
    expect(isInsideAllowedRoots('/srv/zedops-other/alpha', roots)).toBe(false);
    expect(isInsideAllowedRoots('/home/alpha', roots)).toBe(false);
    expect(isInsideAllowedRoots('/srv/zedops/../../home/alpha', roots)).toBe(false);
    expect(isInsideAllowedRoots('/srv/zedops/alpha', [])).toBe(false);
  });

  it('allowed roots: the default data path first, then declared, then admin, without duplicates', () => {
    expect(
      combineAllowedRoots({
        defaultDataPath: '/srv/zedops',
        declared: ['/srv/zedops', '/mnt/games'],
        admin: ['/mnt/games', '/data'],
      }),
    ).toEqual(['/srv/zedops', '/mnt/games', '/data']);
    expect(combineAllowedRoots({ defaultDataPath: '/srv/x', declared: null, admin: null })).toEqual(
      ['/srv/x'],
    );
    expect(combineAllowedRoots({ defaultDataPath: null, declared: null, admin: null })).toEqual([]);
  });
});

describe('findOverlappingPair (an agent change re-checks every folder at once)', () => {
  const entry = (serverName: string, path: string) => ({ serverId: serverName, serverName, path });

  it('finds nesting and equality wherever they sit in the list, not neighbours by prefix', () => {
    expect(
      findOverlappingPair([
        entry('a', '/srv/a/alpha'),
        entry('b', '/srv/a/alphabet'),
        entry('c', '/srv/a/alpha-2'),
      ]),
    ).toBeNull();
    const nested = findOverlappingPair([
      entry('x', '/srv/a/alpha/data/x'),
      entry('b', '/srv/a/alphabet'),
      entry('m', '/srv/a/alpha-2'),
      entry('a', '/srv/a/alpha'),
    ]);
    expect(nested?.map((e) => e.serverName)).toEqual(['a', 'x']);
    expect(findOverlappingPair([entry('a', '/srv/x'), entry('b', '/srv//x/')])).not.toBeNull();
  });
});
