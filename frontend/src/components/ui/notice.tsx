import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

const tones = {
  info: 'bg-sky-500/10 ring-sky-500/30 text-sky-100',
  success: 'bg-emerald-500/10 ring-emerald-500/30 text-emerald-100',
  warning: 'bg-amber-500/10 ring-amber-500/30 text-amber-100',
  danger: 'bg-red-500/10 ring-red-500/30 text-red-100',
} as const;

/** Inline banner (data status, queued operation, errors). */
export function Notice({
  tone,
  title,
  children,
  role,
  action,
}: {
  tone: keyof typeof tones;
  title: string;
  children?: ReactNode;
  role?: 'status' | 'alert';
  action?: ReactNode;
}) {
  return (
    <div
      role={role}
      className={cn('flex flex-wrap items-start gap-3 rounded-lg p-3 text-sm ring-1', tones[tone])}
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">{title}</p>
        {children ? <div className="mt-1 opacity-90">{children}</div> : null}
      </div>
      {action}
    </div>
  );
}
