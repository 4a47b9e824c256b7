import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ImageChangeNotice } from './image-change-notice';
import type { ServerDialogProps } from './server-dialog-props';
import { shortImageId } from './short-image-id';

/**
 * Rebuild of an existing container: the world is archived first, then the container is replaced
 * from the stored config with the tag pulled again (so a pinned image is re-pinned), data kept.
 */
export function RebuildDialog({ server, pending, onCancel, onConfirm }: ServerDialogProps) {
  const image = `${server.image ?? 'agent default'}:${server.imageTag}`;
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Rebuild ${server.name}?`}
      confirmLabel="Rebuild"
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            The container is replaced with a new one from the stored config (image {image}). Players
            are disconnected while it restarts.
          </p>
          <ImageChangeNotice server={server} />
          {server.imageId ? (
            <p>
              The image is pulled again and re-pinned: the server now runs{' '}
              <code className="text-zinc-200" title={server.imageId}>
                {shortImageId(server.imageId)}
              </code>
              ; afterwards it runs whatever {image} points to then.
            </p>
          ) : null}
          <p>
            A snapshot of the world is taken first (“Before rebuild”). If it cannot be written,
            nothing is replaced.
          </p>
          <p className="font-medium text-emerald-300">
            World saves and player data will be preserved.
          </p>
        </>
      }
    />
  );
}
