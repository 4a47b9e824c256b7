/** Query keys of the audit feature. */
export const auditKeys = {
  all: ['audit'] as const,
  list: (serverId?: string) => [...auditKeys.all, 'list', serverId ?? 'all'] as const,
};
