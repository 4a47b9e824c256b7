import type { ReactNode } from 'react';

/** A page that cannot show what was asked for: still one `h1` naming it, then why. */
export function PageProblem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert" className="space-y-2">
      <h1 className="text-2xl font-semibold text-zinc-50">{title}</h1>
      <p className="text-red-300">{children}</p>
    </div>
  );
}
