import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ListSnapshotsResponse, type Snapshot } from '@contract/http/snapshots';
import { apiRequest } from '@/lib/api-client';
import { pollingIntervals, usePollWhileStreamDown } from '@/lib/polling';
import { serverKeys } from './keys';

export const getSnapshots = async (serverId: string) =>
  (await apiRequest(apiPaths.serverSnapshots(serverId), ListSnapshotsResponse)).snapshots;

export const snapshotsQueryOptions = (serverId: string) =>
  queryOptions({ queryKey: serverKeys.snapshots(serverId), queryFn: () => getSnapshots(serverId) });

// While one is being written its status and size are about to change.
const pollSnapshots = (query: { state: { data?: Snapshot[] } }) =>
  query.state.data?.some((s) => s.status === 'creating')
    ? pollingIntervals.active
    : pollingIntervals.idle;

/** A server's snapshots, newest first; snapshot events keep the list current. */
export const useSnapshots = (serverId: string) =>
  useQuery({
    ...snapshotsQueryOptions(serverId),
    refetchInterval: usePollWhileStreamDown(pollSnapshots),
  });

/** The newest snapshot that can be rolled back to, or null. */
export const latestReadySnapshot = (snapshots: readonly Snapshot[] | undefined): Snapshot | null =>
  [...(snapshots ?? [])]
    .filter((s) => s.status === 'ready')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
