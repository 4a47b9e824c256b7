/** Query keys of the servers feature; mutations invalidate `serverKeys.all`. */
export const serverKeys = {
  all: ['servers'] as const,
  lists: () => [...serverKeys.all, 'list'] as const,
  list: () => [...serverKeys.lists(), 'all'] as const,
  agentList: (agentId: string) => [...serverKeys.lists(), 'agent', agentId] as const,
  detail: (serverId: string) => [...serverKeys.all, 'detail', serverId] as const,
  checkData: (serverId: string) => [...serverKeys.all, 'check-data', serverId] as const,
};
