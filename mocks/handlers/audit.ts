import { http, HttpResponse, type PathParams } from 'msw';
import { AuditQuery, type AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { guarded, readQuery, requireUser, route, type Reply } from './respond';

export const auditHandlers = [
  /** GET /api/audit?serverId=&limit= → entries, newest first. */
  http.get<PathParams, never, Reply<AuditResponse>>(
    route(apiPaths.audit()),
    guarded(({ request }) => {
      const user = requireUser();
      const { serverId, limit } = readQuery(request, AuditQuery);
      return HttpResponse.json({ entries: mockDb.audit(serverId, limit, user.role === 'admin') });
    }),
  ),
];
