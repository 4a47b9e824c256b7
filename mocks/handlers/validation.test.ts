import { describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { sendRefused, useMockApi } from '../testing/api';

const { agents, servers } = fixtureIds;

describe('bad input is a clear 4xx, never a 500', () => {
  useMockApi('admin');

  it.each([
    ['unknown field', { name: 'hotel', imageTag: 'latest', extra: 1 }],
    ['bad name', { name: 'Hotel!', imageTag: 'latest' }],
    ['port out of range', { name: 'hotel', imageTag: 'latest', gamePort: 80 }],
    ['data path under /etc', { name: 'hotel', imageTag: 'latest', serverDataPath: '/etc/zomboid' }],
    ['reserved config key', { name: 'hotel', imageTag: 'latest', config: { RCON_PORT: '1' } }],
    ['not JSON', '{nope'],
  ])('create server: %s → 400 VALIDATION_FAILED', async (_label, body) => {
    const { status, error } = await sendRefused('POST', apiPaths.agentServers(agents.local), body);
    expect([status, error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(error.message).not.toBe('');
    expect(mockDb.servers()).toHaveLength(10);
  });

  it('lists each problem in details.issues', async () => {
    const { error } = await sendRefused('POST', apiPaths.agentServers(agents.local), {
      name: 'x',
      imageTag: '',
    });
    expect(error.details?.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'imageTag' }),
      ]),
    );
  });

  it('refuses an action body with unknown fields', async () => {
    const path = apiPaths.serverAction(agents.local, servers.missing, 'recreate');
    const { status, error } = await sendRefused('POST', path, { allowFreshStart: 'yes' });
    expect([status, error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(mockDb.server(servers.missing).activeOperation).toBeNull();
  });

  it('refuses a bad purge query', async () => {
    const { status } = await sendRefused(
      'DELETE',
      `${apiPaths.agentServer(agents.local, servers.deleted)}/purge?removeData=maybe`,
    );
    expect(status).toBe(400);
  });

  it.each([
    ['unknown server', 'GET', apiPaths.server('srv-nope')],
    ['unknown agent', 'GET', apiPaths.agentServers('agent-nope')],
    ['unknown operation', 'GET', apiPaths.operation('op-nope')],
    [
      'server on another agent',
      'POST',
      apiPaths.serverAction(agents.remote, servers.missing, 'recreate'),
    ],
    ['check-data of unknown server', 'GET', apiPaths.checkData(agents.local, 'srv-nope')],
  ])('%s → 404 NOT_FOUND', async (_label, method, path) => {
    const { status, error } = await sendRefused(method, path);
    expect([status, error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('answers a malformed id as the manager does: 404, the entity not found', async () => {
    const { status, error } = await sendRefused('GET', apiPaths.server('bad%20id%3B'));
    expect([status, error.code, error.message]).toEqual([404, 'NOT_FOUND', 'Server not found']);
  });
});
