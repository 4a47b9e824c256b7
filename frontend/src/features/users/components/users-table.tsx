import type { UserAccount } from '@contract/http/users';
import { DataTable } from '@/components/ui/data-table';
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
    <DataTable
      caption="Users"
      columns={['Email', 'Role', 'Status', 'Last sign-in']}
      className="min-w-[44rem]"
    >
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
    </DataTable>
  );
}
