import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

/** Bordered panel used for cards and page sections. */
export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={cn('rounded-xl bg-zinc-900/70 ring-1 ring-zinc-800', className)} {...props} />
  );
}
