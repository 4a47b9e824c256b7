import type { Server } from '@contract/http/servers';

/** What every server confirmation dialog receives; `Confirm` varies only for purge (removeData). */
export type ServerDialogProps<Confirm extends (...args: never[]) => void = () => void> = {
  server: Server;
  pending: boolean;
  onCancel: () => void;
  onConfirm: Confirm;
};
