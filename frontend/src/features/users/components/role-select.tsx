import { useId } from 'react';
import { Role } from '@contract/http/auth';

const described: Record<Role, string> = {
  admin: 'Admin — everything, users and hosts included',
  operator: 'Operator — runs servers, no purge, users or hosts',
  viewer: 'Viewer — reads only, secrets hidden',
};

/** A labelled role picker; `disabledReason` greys it out and says why. */
export function RoleSelect({
  label,
  value,
  onChange,
  disabledReason,
  hideLabel,
}: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  disabledReason?: string;
  hideLabel?: boolean;
}) {
  const id = useId();
  return (
    <div>
      <label
        htmlFor={id}
        className={hideLabel ? 'sr-only' : 'block text-sm font-medium text-zinc-300'}
      >
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={Boolean(disabledReason)}
        title={disabledReason}
        onChange={(e) => onChange(Role.parse(e.target.value))}
        className="mt-1 block rounded-md bg-zinc-950 px-3 py-2 text-sm text-zinc-100 ring-1 ring-zinc-700 focus:ring-2 focus:ring-emerald-400 focus:outline-none disabled:opacity-50"
      >
        {Role.options.map((r) => (
          <option key={r} value={r} title={described[r]}>
            {r}
          </option>
        ))}
      </select>
    </div>
  );
}
