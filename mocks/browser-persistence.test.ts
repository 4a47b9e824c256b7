import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { persistToSessionStorage } from './browser-persistence';
import { mockDb } from './db';
import { fixtureIds } from './fixtures';

const { agents, servers } = fixtureIds;

/** sessionStorage stand-in for node. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('state survives a page reload', () => {
  beforeEach(() => {
    mockDb.reset();
    mockDb.setOperationDelayMs(10);
  });
  afterEach(() => mockDb.onChange(null));

  it('saves every change and loads it back, session included', async () => {
    const storage = memoryStorage();
    persistToSessionStorage(storage);
    mockDb.signInAs('viewer');
    mockDb.setDataExists(servers.missing, false);
    await Promise.resolve();
    const saved = storage.getItem(storage.key(0) ?? '');
    expect(saved).toContain('"sessionUserId":"user-viewer"');

    mockDb.onChange(null);
    mockDb.reset();
    persistToSessionStorage(storage); // the "reload"
    expect(mockDb.currentUser()?.role).toBe('viewer');
    expect(mockDb.server(servers.missing).dataExists).toBe(false);
  });

  it('resumes an operation that was running when the page reloaded', async () => {
    mockDb.requestAction('recreate', {
      agentId: agents.local,
      serverId: servers.missing,
      actor: 'admin@zedops.local',
    });
    const snapshot = mockDb.snapshot();
    mockDb.reset();
    mockDb.hydrate(snapshot);
    await until(() => mockDb.server(servers.missing).status === 'running');
    expect(mockDb.operations(servers.missing)[0]?.state).toBe('succeeded');
  });

  it('ignores an unreadable saved state', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = memoryStorage();
    storage.setItem('zedops-mock-state-v4', '{broken');
    persistToSessionStorage(storage);
    expect(mockDb.servers()).toHaveLength(10);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('persists a logout, so a reload stays signed out', async () => {
    const storage = memoryStorage();
    persistToSessionStorage(storage);
    mockDb.signInAs('admin');
    mockDb.logout();
    await Promise.resolve();
    expect(storage.getItem('zedops-mock-state-v4')).toContain('"sessionUserId":null');
  });
});
