import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { ServerGrid } from './server-grid';

const needsAttention = (s: Server) =>
  s.status === 'missing' || s.status === 'failed' || s.status === 'deleted';

/** Servers that need a decision: missing/failed containers to recreate, deleted ones to restore. */
export function IssuesRecoverySection({ servers, role }: { servers: Server[]; role: Role }) {
  const broken = servers.filter((s) => s.status !== 'deleted' && needsAttention(s));
  const deleted = servers.filter((s) => s.status === 'deleted');
  return (
    <section aria-labelledby="issues-heading" className="space-y-4">
      <div>
        <h2 id="issues-heading" className="text-lg font-semibold text-zinc-50">
          Issues &amp; recovery
        </h2>
        <p className="text-sm text-zinc-400">
          Missing containers can be recreated from the stored config; deleted servers can be
          restored. World data is never touched.
        </p>
      </div>
      <div className="space-y-3">
        <h3 className="text-sm font-medium tracking-wide text-amber-300 uppercase">
          Missing or failed ({broken.length})
        </h3>
        <ServerGrid
          servers={broken}
          role={role}
          headingLevel={4}
          empty="Every server has its container."
        />
      </div>
      <div className="space-y-3">
        <h3 className="text-sm font-medium tracking-wide text-violet-300 uppercase">
          Deleted ({deleted.length})
        </h3>
        <ServerGrid servers={deleted} role={role} headingLevel={4} empty="No deleted servers." />
      </div>
    </section>
  );
}
