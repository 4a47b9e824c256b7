import { http, HttpResponse, type PathParams } from 'msw';
import { apiPaths } from '@contract/http/paths';
import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  type ListUsersResponse,
  type UserAccountResponse,
} from '@contract/http/users';
import { mockDb } from '../db';
import { guarded, ids, readBody, requireUser, route, type Reply } from './respond';

type UserParams = PathParams<'userId'>;

export const userHandlers = [
  http.get<PathParams, never, Reply<ListUsersResponse>>(
    route(apiPaths.users),
    guarded(() => {
      requireUser('admin');
      return HttpResponse.json({ users: mockDb.users() });
    }),
  ),
  http.post<PathParams, CreateUserRequest, Reply<UserAccountResponse>>(
    route(apiPaths.users),
    guarded(async ({ request }) => {
      const admin = requireUser('admin');
      const body = await readBody(request, CreateUserRequest);
      return HttpResponse.json({ user: mockDb.createUser(body, admin.email) }, { status: 201 });
    }),
  ),
  http.patch<UserParams, UpdateUserRequest, Reply<UserAccountResponse>>(
    route(apiPaths.user(':userId')),
    guarded(async ({ params, request }) => {
      const admin = requireUser('admin');
      const { userId } = ids(params, ['userId']);
      const body = await readBody(request, UpdateUserRequest);
      return HttpResponse.json({ user: mockDb.updateUser(userId, body, admin.email) });
    }),
  ),
  http.delete<UserParams, never, Reply<null>>(
    route(apiPaths.user(':userId')),
    guarded(({ params }) => {
      const admin = requireUser('admin');
      const { userId } = ids(params, ['userId']);
      mockDb.deleteUser(userId, admin.email);
      return new HttpResponse<null>(null, { status: 204 });
    }),
  ),
  http.post<UserParams, ResetPasswordRequest, Reply<null>>(
    route(apiPaths.userPassword(':userId')),
    guarded(async ({ params, request }) => {
      const admin = requireUser('admin');
      const { userId } = ids(params, ['userId']);
      const body = await readBody(request, ResetPasswordRequest);
      mockDb.resetPassword(userId, body.newPassword, admin.email);
      return new HttpResponse<null>(null, { status: 204 });
    }),
  ),
];
