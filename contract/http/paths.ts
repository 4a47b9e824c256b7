/** The fixed HTTP paths of docs/design.md §4, shared by the frontend client, the mocks and the manager. */
export const apiPaths = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  changePassword: '/api/auth/password',
  users: '/api/users',
  user: (userId: string) => `/api/users/${userId}`,
  userPassword: (userId: string) => `/api/users/${userId}/password`,
  agents: '/api/agents',
  agent: (agentId: string) => `/api/agents/${agentId}`,
  agentToken: (agentId: string) => `/api/agents/${agentId}/token`,
  servers: '/api/servers',
  server: (serverId: string) => `/api/servers/${serverId}`,
  agentServers: (agentId: string) => `/api/agents/${agentId}/servers`,
  agentServer: (agentId: string, serverId: string) => `/api/agents/${agentId}/servers/${serverId}`,
  serverAction: (agentId: string, serverId: string, action: string) =>
    `/api/agents/${agentId}/servers/${serverId}/${action}`,
  purge: (agentId: string, serverId: string, removeData: boolean, removeSnapshots = false) =>
    `/api/agents/${agentId}/servers/${serverId}/purge?removeData=${removeData}` +
    (removeSnapshots ? '&removeSnapshots=true' : ''),
  serverSnapshots: (serverId: string) => `/api/servers/${serverId}/snapshots`,
  takeSnapshot: (agentId: string, serverId: string) =>
    `/api/agents/${agentId}/servers/${serverId}/snapshot`,
  rollback: (agentId: string, serverId: string) =>
    `/api/agents/${agentId}/servers/${serverId}/rollback`,
  snapshot: (snapshotId: string) => `/api/snapshots/${snapshotId}`,
  /** Not among the fixed paths: a read the dashboard's rebuild dialog makes (docs/design.md §8). */
  rebuildPreview: (serverId: string) => `/api/servers/${serverId}/rebuild-preview`,
  checkData: (agentId: string, serverId: string) =>
    `/api/agents/${agentId}/servers/${serverId}/check-data`,
  sync: (agentId: string) => `/api/agents/${agentId}/servers/sync`,
  recover: (agentId: string) => `/api/agents/${agentId}/recover`,
  operation: (operationId: string) => `/api/operations/${operationId}`,
  audit: (serverId?: string) =>
    serverId ? `/api/audit?serverId=${encodeURIComponent(serverId)}` : '/api/audit',
  events: '/api/events',
  health: '/api/health',
} as const;
