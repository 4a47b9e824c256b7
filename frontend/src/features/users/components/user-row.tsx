import { useState } from 'react';
import type { Role } from '@contract/http/auth';
import type { UserAccount } from '@contract/http/users';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { errorMessage, isApiError } from '@/lib/api-client';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { useUpdateUser } from '../api/update-user';
import { RoleSelect } from './role-select';
import { UserDialogs, type UserDialog } from './user-dialogs';

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Why the last active admin cannot lose the role, be disabled or deleted. */
const lastAdminReason =
  'The last active admin cannot be demoted, disabled or deleted: make another user admin first, or nobody could manage ZedOps.';

/** One user: role picker, status, last sign-in and the actions with their confirmations. */
export function UserRow({
  user,
  isSelf,
  isLastAdmin,
}: {
  user: UserAccount;
  isSelf: boolean;
  isLastAdmin: boolean;
}) {
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const update = useUpdateUser();
  const blocked = isLastAdmin ? lastAdminReason : undefined;
  const explain = (err: unknown) =>
    setRefusal(isApiError(err, 'LAST_ADMIN') ? `${err.message}.` : errorMessage(err));

  const changeRole = (role: Role) => {
    setRefusal(null);
    if (rank[role] < rank[user.role]) return setDialog({ kind: 'demote', role });
    update.mutate({ userId: user.id, body: { role } }, { onError: explain });
  };

  return (
    <tr className="align-top">
      <td className="py-3 pr-4">
        <span className="text-zinc-100">{user.email}</span>
        {isSelf ? <span className="ml-2 text-xs text-zinc-500">(you)</span> : null}
        {blocked ? (
          <p className="mt-1 max-w-xs text-xs text-zinc-500">
            Last active admin: make another user admin before demoting, disabling or deleting this
            one.
          </p>
        ) : null}
        {refusal ? (
          <p role="alert" className="mt-1 max-w-md text-xs text-red-300">
            {refusal}
          </p>
        ) : null}
      </td>
      <td className="py-3 pr-4">
        <RoleSelect
          hideLabel
          label={`Role of ${user.email}`}
          value={user.role}
          onChange={changeRole}
          disabledReason={blocked}
        />
      </td>
      <td className="py-3 pr-4">
        {user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
      </td>
      <td className="py-3 pr-4 text-zinc-400" title={formatDateTime(user.lastLoginAt)}>
        {timeAgo(user.lastLoginAt)}
      </td>
      <td className="py-3">
        <div className="flex justify-end gap-2">
          {user.disabled ? (
            <Button
              size="sm"
              onClick={() =>
                update.mutate({ userId: user.id, body: { disabled: false } }, { onError: explain })
              }
            >
              Enable
            </Button>
          ) : (
            <Button
              size="sm"
              disabled={Boolean(blocked)}
              title={blocked}
              onClick={() => setDialog({ kind: 'disable' })}
            >
              Disable
            </Button>
          )}
          <Button size="sm" onClick={() => setDialog({ kind: 'reset' })}>
            Reset password
          </Button>
          <Button
            size="sm"
            variant="danger"
            disabled={Boolean(blocked)}
            title={blocked}
            onClick={() => setDialog({ kind: 'delete' })}
          >
            Delete
          </Button>
        </div>
      </td>
      <UserDialogs
        user={user}
        isSelf={isSelf}
        dialog={dialog}
        onClose={() => setDialog(null)}
        onRefused={explain}
      />
    </tr>
  );
}
