import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { startLiveUpdates } from '@/lib/live-updates';
import { liveInvalidationTable } from './live-update-table';

/** Holds the SSE stream open while someone is signed in (the stream needs the session). */
export function LiveUpdatesConnection() {
  const queryClient = useQueryClient();
  useEffect(() => startLiveUpdates(queryClient, liveInvalidationTable), [queryClient]);
  return null;
}
