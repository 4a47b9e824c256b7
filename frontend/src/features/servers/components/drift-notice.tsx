import type { Server } from '@contract/http/servers';
import { Notice } from '@/components/ui/notice';
import { isDrifted } from './drift-badge';
import { DriftDiff } from './drift-diff';

/** On the server page: the container differs from its stored config, how, and what Recreate does. */
export function DriftNotice({ server }: { server: Server }) {
  if (!isDrifted(server)) return null;
  return (
    <section aria-label="Drift">
      <Notice tone="warning" title="The container differs from its stored config">
        <p className="mb-3">
          Someone changed or replaced the container outside ZedOps. Recreate replaces it with one
          built from the stored config, with the image it last ran; the world data is kept.
        </p>
        <DriftDiff drift={server.drift} />
      </Notice>
    </section>
  );
}
