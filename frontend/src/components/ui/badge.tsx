import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export type BadgeTone = 'green' | 'gray' | 'amber' | 'red' | 'blue' | 'violet' | 'orange';

const tones: Record<BadgeTone, { box: string; dot: string }> = {
  green: { box: 'bg-emerald-500/10 text-emerald-300 ring-emerald-500/30', dot: 'bg-emerald-400' },
  gray: { box: 'bg-zinc-500/10 text-zinc-300 ring-zinc-500/30', dot: 'bg-zinc-400' },
  amber: { box: 'bg-amber-500/10 text-amber-300 ring-amber-500/30', dot: 'bg-amber-400' },
  red: { box: 'bg-red-500/10 text-red-300 ring-red-500/30', dot: 'bg-red-400' },
  blue: { box: 'bg-sky-500/10 text-sky-300 ring-sky-500/30', dot: 'bg-sky-400' },
  violet: { box: 'bg-violet-500/10 text-violet-300 ring-violet-500/30', dot: 'bg-violet-400' },
  orange: { box: 'bg-orange-500/10 text-orange-300 ring-orange-500/30', dot: 'bg-orange-400' },
};

/** Status pill: always carries its meaning as text; the colour only repeats it. */
export function Badge({
  tone,
  children,
  pulse,
  testId,
}: {
  tone: BadgeTone;
  children: ReactNode;
  pulse?: boolean;
  /** Stable hook for end-to-end tests that read a status. */
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset',
        tones[tone].box,
      )}
    >
      <span
        aria-hidden
        className={cn('size-1.5 rounded-full', tones[tone].dot, pulse && 'animate-pulse')}
      />
      {children}
    </span>
  );
}
