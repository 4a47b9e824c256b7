import type { UserAccount } from '@contract/http/users';
import { UserRow } from './user-row';

/** Every user with role, status and last sign-in; the actions an admin can take on each. */
export function UsersTable({
  users,
  currentUserId,
}: {
  users: UserAccount[];
  currentUserId: string;
}) {
  const activeAdmins = users.filter((u) => u.role === 'admin' && !u.disabled).length;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="text-xs tracking-wide whitespace-nowrap text-zinc-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Email
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Role
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Last sign-in
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800">
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === currentUserId}
              isLastAdmin={user.role === 'admin' && !user.disabled && activeAdmins === 1}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
