/** Browser routes of the dashboard, built in one place so links never drift. */
export const routes = {
  home: '/',
  login: '/login',
  account: '/account',
  users: '/users',
  newAgent: '/agents/new',
  agent: (agentId: string) => `/agents/${agentId}`,
  newServer: (agentId: string) => `/agents/${agentId}/servers/new`,
  server: (serverId: string) => `/servers/${serverId}`,
} as const;
