import { maskedSecret } from '@contract/secrets';
import { LockIcon } from '@/components/ui/lock-icon';

/**
 * One env config value. A secret the manager withheld (viewers get `********` for keys like
 * RCON_PASSWORD) shows a lock and says so, rather than looking like a value.
 */
export function ConfigValue({ value }: { value: string }) {
  if (value !== maskedSecret) return <>{value}</>;
  return (
    <span
      className="inline-flex items-center gap-1 text-zinc-400"
      title="Hidden: only operators and admins see secrets"
    >
      <LockIcon />
      <span aria-hidden>{maskedSecret}</span>
      <span className="sr-only">hidden secret</span>
    </span>
  );
}
