/** Query keys of the servers feature (the live cache writer patches lists and details in place). */
export const serverKeys = {
  all: ['servers'] as const,
  lists: () => [...serverKeys.all, 'list'] as const,
  list: () => [...serverKeys.lists(), 'all'] as const,
  agentList: (agentId: string) => [...serverKeys.lists(), 'agent', agentId] as const,
  details: () => [...serverKeys.all, 'detail'] as const,
  detail: (serverId: string) => [...serverKeys.details(), serverId] as const,
  checkData: (serverId: string) => [...serverKeys.all, 'check-data', serverId] as const,
  /** What a rebuild would run, asked when its dialog opens. */
  rebuildPreview: (serverId: string) => [...serverKeys.all, 'rebuild-preview', serverId] as const,
  /** A server's snapshots, newest first; snapshot events write them in place. */
  snapshots: (serverId: string) => [...serverKeys.all, 'snapshots', serverId] as const,
  /** Mutations that act on one server (their variables carry `serverId`). */
  actions: () => [...serverKeys.all, 'action'] as const,
};
