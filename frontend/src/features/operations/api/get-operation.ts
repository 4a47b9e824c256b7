import { queryOptions, useQuery } from '@tanstack/react-query';
import { OperationResponse, type Operation } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { pollingIntervals, usePollWhileStreamDown } from '@/lib/polling';
import { operationKeys } from './keys';

export const getOperation = async (operationId: string) =>
  (await apiRequest(apiPaths.operation(operationId), OperationResponse)).operation;

export const isFinished = (op: Operation) =>
  op.state === 'succeeded' || op.state === 'failed' || op.state === 'cancelled';

export const operationQueryOptions = (operationId: string) =>
  queryOptions({
    queryKey: operationKeys.detail(operationId),
    queryFn: () => getOperation(operationId),
  });

// A queued operation may start any moment (the agent reconnects), so poll until it ends.
const pollOperation = (query: { state: { data?: Operation } }) => {
  const op = query.state.data;
  return op && isFinished(op) ? false : pollingIntervals.active;
};

/** One operation (kind, state, progress, error); live events keep it current. */
export const useOperation = (operationId: string) =>
  useQuery({
    ...operationQueryOptions(operationId),
    refetchInterval: usePollWhileStreamDown(pollOperation),
  });
