import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import type { Snapshot } from '@contract/http/snapshots';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

export const deleteSnapshot = (snapshot: Pick<Snapshot, 'id'>) =>
  apiRequest(apiPaths.snapshot(snapshot.id), null, { method: 'DELETE' });

/**
 * Admin only: removes the archive for good. The 204 carries nothing to write, so the list is
 * refetched (the `snapshot.deleted` event usually got there first).
 */
export function useDeleteSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSnapshot,
    onSuccess: (_reply, snapshot: Pick<Snapshot, 'id' | 'serverId'>) =>
      queryClient.invalidateQueries({ queryKey: serverKeys.snapshots(snapshot.serverId) }),
  });
}
