import type { Server } from '@contract/http/servers';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { useRebuildPreview } from '../api/get-rebuild-preview';
import { shortImageId } from './short-image-id';

const Id = ({ id }: { id: string }) => (
  <code className="font-semibold" title={id}>
    {shortImageId(id)}
  </code>
);

const unchecked = (why: string) => (
  <p className="text-amber-200">Could not check whether the game image changes: {why}</p>
);

/**
 * Whether a rebuild brings another game image than the one pinned, as the registry says now.
 * Shown inside the rebuild confirmation; it never holds the confirm button back while it asks.
 */
export function ImageChangeNotice({ server }: { server: Pick<Server, 'id'> }) {
  return (
    <div aria-live="polite">
      <PreviewText serverId={server.id} />
    </div>
  );
}

function PreviewText({ serverId }: { serverId: string }) {
  const preview = useRebuildPreview(serverId);
  if (preview.isPending) return <Spinner label="Checking the registry for the current image" />;
  if (preview.isError) return unchecked(errorMessage(preview.error));
  const { current, next, changes, reason } = preview.data;
  const pinned = current.imageDigest ?? current.imageId;
  if (changes === true && next.digest && pinned)
    return (
      <div className="rounded-lg bg-amber-500/10 p-3 text-amber-100 ring-1 ring-amber-500/30">
        <p className="font-semibold">
          Game image will change from <Id id={pinned} /> to <Id id={next.digest} />
        </p>
        <p className="mt-1">
          Registry digests of {current.imageRef}: the tag has moved since this server last ran. A
          newer game version may convert the world so that the old one cannot load it; the snapshot
          taken first lets you roll back.
        </p>
        {reason ? <p className="mt-1 opacity-90">{reason}</p> : null}
      </div>
    );
  if (changes === false)
    return (
      <p className="text-zinc-300">
        The game image stays the same
        {pinned ? (
          <>
            {' '}
            (<Id id={pinned} />)
          </>
        ) : null}
        : {current.imageRef} still points to the image this server runs.
      </p>
    );
  return unchecked(reason ?? 'no answer');
}
