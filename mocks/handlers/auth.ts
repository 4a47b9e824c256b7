import { http, HttpResponse, type PathParams } from 'msw';
import { apiPaths } from '@contract/http/paths';
import { ChangePasswordRequest, LoginRequest, type UserResponse } from '@contract/http/auth';
import { mockDb } from '../db';
import { guarded, readBody, requireUser, route, type Reply } from './respond';

export const authHandlers = [
  http.post<PathParams, LoginRequest, Reply<UserResponse>>(
    route(apiPaths.login),
    guarded(async ({ request }) => {
      const { email, password } = await readBody(request, LoginRequest);
      return HttpResponse.json({ user: mockDb.login(email, password) });
    }),
  ),
  http.post(route(apiPaths.logout), () => {
    mockDb.logout();
    return new HttpResponse<null>(null, { status: 204 });
  }),
  http.get<PathParams, never, Reply<UserResponse>>(
    route(apiPaths.me),
    guarded(() => HttpResponse.json({ user: requireUser() })),
  ),
  http.post<PathParams, ChangePasswordRequest, Reply<null>>(
    route(apiPaths.changePassword),
    guarded(async ({ request }) => {
      requireUser();
      mockDb.changeOwnPassword(await readBody(request, ChangePasswordRequest));
      return new HttpResponse<null>(null, { status: 204 });
    }),
  ),
];
