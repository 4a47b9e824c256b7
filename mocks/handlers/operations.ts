import { http, HttpResponse, type PathParams } from 'msw';
import type { OperationResponse } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { guarded, ids, requireUser, route, type Reply } from './respond';

type OperationParams = PathParams<'operationId'>;

export const operationHandlers = [
  http.get<OperationParams, never, Reply<OperationResponse>>(
    route(apiPaths.operation(':operationId')),
    guarded(({ params }) => {
      requireUser();
      const { operationId } = ids(params, ['operationId']);
      return HttpResponse.json({ operation: mockDb.operation(operationId) });
    }),
  ),
  /** Cancels a queued operation; a running or finished one → 409 INVALID_STATE. */
  http.delete<OperationParams, never, Reply<OperationResponse>>(
    route(apiPaths.operation(':operationId')),
    guarded(({ params }) => {
      const user = requireUser('operator');
      const { operationId } = ids(params, ['operationId']);
      return HttpResponse.json({ operation: mockDb.cancelOperation(operationId, user.email) });
    }),
  ),
];
