import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { useUsers } from '@/features/users/api/get-users';
import { AddUserForm } from '@/features/users/components/add-user-form';
import { UsersTable } from '@/features/users/components/users-table';
import { useCurrentUser } from '../use-current-user';

/** Admins manage who may sign in and with which role. */
export function UsersPage() {
  const me = useCurrentUser();
  if (me.role !== 'admin')
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold text-zinc-50">Users</h1>
        <p className="text-sm text-zinc-400">Only admins manage users.</p>
      </div>
    );
  return <UsersAdmin currentUserId={me.id} />;
}

function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold text-zinc-50">Users</h1>
        <p className="text-sm text-zinc-400">
          Who may sign in, and what they may do. Taking a role away, disabling, deleting or
          resetting a password signs that user out everywhere.
        </p>
      </header>
      <Card className="p-6">
        <h2 className="mb-4 text-lg font-semibold text-zinc-50">Add a user</h2>
        <AddUserForm />
      </Card>
      <Card className="p-6">
        {users.isPending ? (
          <Spinner label="Loading users" />
        ) : users.isError ? (
          <p role="alert" className="text-red-300">
            Could not load users: {errorMessage(users.error)}
          </p>
        ) : (
          <UsersTable users={users.data} currentUserId={currentUserId} />
        )}
      </Card>
    </div>
  );
}
