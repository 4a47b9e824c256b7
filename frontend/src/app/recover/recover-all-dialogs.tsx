import type { RecoverResponse } from '@contract/http/recover';
import { Dialog } from '@/components/ui/dialog';
import { RecoverResults } from './recover-results';

export { RecoverConfirmDialog } from '@/features/servers/components/recover-confirm-dialog';

/** The live line per server of a Recover all, in a dialog that closing does not stop. */
export function RecoverResultsDialog({
  agentName,
  result,
  nameOf,
  onClose,
}: {
  agentName: string;
  result: RecoverResponse;
  nameOf: (serverId: string) => string;
  onClose: () => void;
}) {
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Recovering ${agentName}`}
      description="Each server's recreate as it runs; closing this does not stop them."
    >
      <RecoverResults result={result} nameOf={nameOf} />
    </Dialog>
  );
}
