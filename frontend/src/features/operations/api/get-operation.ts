import { queryOptions, useQuery } from '@tanstack/react-query';
import { OperationResponse, type Operation } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { pollingIntervals } from '@/lib/polling';
import { operationKeys } from './keys';

export const getOperation = async (operationId: string) =>
  (await apiRequest(apiPaths.operation(operationId), OperationResponse)).operation;

export const isFinished = (op: Operation) =>
  op.state === 'succeeded' || op.state === 'failed' || op.state === 'cancelled';

/** Polls until the operation ends (a queued one may start any moment: the agent reconnects). */
export const operationQueryOptions = (operationId: string) =>
  queryOptions({
    queryKey: operationKeys.detail(operationId),
    queryFn: () => getOperation(operationId),
    refetchInterval: (query) => {
      const op = query.state.data;
      if (op && isFinished(op)) return false;
      return pollingIntervals.active;
    },
  });

/** One operation (kind, state, progress, error). */
export const useOperation = (operationId: string) => useQuery(operationQueryOptions(operationId));
