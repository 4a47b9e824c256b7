import { http, HttpResponse, type PathParams } from 'msw';
import type { UserResponse } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { CreateUserRequest, type ListUsersResponse } from '@contract/http/users';
import { mockDb } from '../db';
import { guarded, readBody, requireUser, route, type Reply } from './respond';

export const userHandlers = [
  http.get<PathParams, never, Reply<ListUsersResponse>>(
    route(apiPaths.users),
    guarded(() => {
      requireUser('admin');
      return HttpResponse.json({ users: mockDb.users() });
    }),
  ),
  http.post<PathParams, CreateUserRequest, Reply<UserResponse>>(
    route(apiPaths.users),
    guarded(async ({ request }) => {
      const admin = requireUser('admin');
      const body = await readBody(request, CreateUserRequest);
      return HttpResponse.json({ user: mockDb.createUser(body, admin.email) }, { status: 201 });
    }),
  ),
];
