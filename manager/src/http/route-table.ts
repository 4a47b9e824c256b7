import { apiPaths } from '@contract/http/paths';

export interface RouteCase {
  method: string;
  path: string;
  /** What the route needs: read (any role), operate (operator+), admin. login and health need nothing. */
  needs: 'none' | 'read' | 'operate' | 'admin';
  body?: unknown;
}

/** A user id no one has: role checks come before the lookup, so 401/403 are still what answer. */
const placeholderUserId = '00000000-0000-0000-0000-000000000000';
/** Likewise a snapshot id no one has (a well-formed uuid, so only the role decides). */
const placeholderSnapshotId = '00000000-0000-4000-8000-000000000000';

/** Every HTTP route of the API with placeholder ids (used by table-driven security tests). */
export function allRoutes(agentId: string, serverId: string, operationId: string): RouteCase[] {
  return [
    {
      method: 'POST',
      path: apiPaths.login,
      needs: 'none',
      body: { email: 'x@y.z', password: 'p' },
    },
    { method: 'POST', path: apiPaths.logout, needs: 'read' },
    { method: 'GET', path: apiPaths.me, needs: 'read' },
    {
      method: 'POST',
      path: apiPaths.changePassword,
      needs: 'read',
      body: { currentPassword: 'x', newPassword: 'long-enough-password' },
    },
    { method: 'GET', path: apiPaths.users, needs: 'admin' },
    {
      method: 'POST',
      path: apiPaths.users,
      needs: 'admin',
      body: { email: 'new@x.io', password: 'long-enough-password', role: 'viewer' },
    },
    {
      method: 'PATCH',
      path: apiPaths.user(placeholderUserId),
      needs: 'admin',
      body: { role: 'viewer' },
    },
    { method: 'DELETE', path: apiPaths.user(placeholderUserId), needs: 'admin' },
    {
      method: 'POST',
      path: apiPaths.userPassword(placeholderUserId),
      needs: 'admin',
      body: { newPassword: 'long-enough-password' },
    },
    { method: 'GET', path: apiPaths.agents, needs: 'read' },
    { method: 'POST', path: apiPaths.agents, needs: 'admin', body: { name: 'another' } },
    { method: 'GET', path: apiPaths.agent(agentId), needs: 'read' },
    { method: 'PATCH', path: apiPaths.agent(agentId), needs: 'admin', body: { name: 'renamed' } },
    { method: 'DELETE', path: apiPaths.agent(agentId), needs: 'admin' },
    { method: 'POST', path: apiPaths.agentToken(agentId), needs: 'admin' },
    { method: 'GET', path: apiPaths.servers, needs: 'read' },
    { method: 'GET', path: apiPaths.server(serverId), needs: 'read' },
    { method: 'GET', path: apiPaths.agentServers(agentId), needs: 'read' },
    {
      method: 'POST',
      path: apiPaths.agentServers(agentId),
      needs: 'operate',
      body: { name: 'newone', imageTag: 'latest' },
    },
    { method: 'GET', path: apiPaths.agentServer(agentId, serverId), needs: 'read' },
    {
      method: 'PATCH',
      path: apiPaths.agentServer(agentId, serverId),
      needs: 'operate',
      body: { autoRecreate: false },
    },
    ...['start', 'stop', 'restart', 'rebuild', 'recreate', 'restore'].map((a): RouteCase => ({
      method: 'POST',
      path: apiPaths.serverAction(agentId, serverId, a),
      needs: 'operate',
      body: {},
    })),
    { method: 'DELETE', path: apiPaths.agentServer(agentId, serverId), needs: 'operate' },
    { method: 'DELETE', path: apiPaths.purge(agentId, serverId, false), needs: 'admin' },
    { method: 'GET', path: apiPaths.checkData(agentId, serverId), needs: 'read' },
    { method: 'GET', path: apiPaths.rebuildPreview(serverId), needs: 'operate' },
    { method: 'GET', path: apiPaths.serverSnapshots(serverId), needs: 'read' },
    { method: 'POST', path: apiPaths.takeSnapshot(agentId, serverId), needs: 'operate', body: {} },
    {
      method: 'POST',
      path: apiPaths.rollback(agentId, serverId),
      needs: 'operate',
      body: { snapshotId: placeholderSnapshotId },
    },
    { method: 'DELETE', path: apiPaths.snapshot(placeholderSnapshotId), needs: 'admin' },
    { method: 'POST', path: apiPaths.sync(agentId), needs: 'operate' },
    { method: 'POST', path: apiPaths.recover(agentId), needs: 'operate', body: {} },
    { method: 'GET', path: apiPaths.operation(operationId), needs: 'read' },
    { method: 'DELETE', path: apiPaths.operation(operationId), needs: 'operate' },
    { method: 'GET', path: apiPaths.audit(), needs: 'read' },
    { method: 'GET', path: apiPaths.audit(serverId), needs: 'read' },
    { method: 'GET', path: apiPaths.events, needs: 'read' },
    { method: 'GET', path: apiPaths.health, needs: 'none' },
  ];
}
