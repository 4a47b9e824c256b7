import { useMutation } from '@tanstack/react-query';
import { OperationResponse } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';

/** Cancels a server's queued operation (DELETE /api/operations/:id). */
export const cancelOperation = (operationId: string) =>
  apiRequest(apiPaths.operation(operationId), OperationResponse, { method: 'DELETE' });

export function useCancelOperation() {
  return useMutation({
    mutationFn: cancelOperation,
    meta: { writesReply: true },
  });
}
