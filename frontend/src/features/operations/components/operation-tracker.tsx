import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from '@contract/http/operations';
import { useToast } from '@/components/ui/toast';
import { operationName } from '@/lib/operation-names';
import { onOperationStarted } from '@/lib/operation-watch';
import { isFinished, useOperation } from '../api/get-operation';

/** Follows one operation and reports its end once. */
function TrackedOperation({
  operation,
  onDone,
}: {
  operation: Operation;
  onDone: (op: Operation) => void;
}) {
  const { data, error } = useOperation(operation.id);
  const reported = useRef(false);
  useEffect(() => {
    const done = data && isFinished(data);
    // a 404 means it was purged along with its server: nothing left to report
    if ((done || error) && !reported.current) {
      reported.current = true;
      onDone(data ?? operation);
    }
  }, [data, error, onDone, operation]);
  return null;
}

/**
 * Mounted once by the app: every operation started from this tab is followed to the end so a
 * failure after the 202 (image pull, port in use…) is shown, never silent.
 */
export function OperationTracker({ onSettled }: { onSettled: (op: Operation) => void }) {
  const [tracked, setTracked] = useState<Operation[]>([]);
  const toast = useToast();
  useEffect(
    () =>
      onOperationStarted((op) =>
        setTracked((all) => (all.some((o) => o.id === op.id) ? all : [...all, op])),
      ),
    [],
  );

  const onDone = useCallback(
    (op: Operation) => {
      setTracked((all) => all.filter((o) => o.id !== op.id));
      if (op.state === 'failed') {
        const message = op.error
          ? `${op.error.message} (${op.error.code})`
          : 'No reason was given.';
        toast.show({ tone: 'error', title: `${operationName(op.kind)} failed`, message });
      }
      if (op.state === 'succeeded')
        toast.show({ tone: 'success', title: `${operationName(op.kind)} finished` });
      onSettled(op);
    },
    [toast, onSettled],
  );
  return tracked.map((op) => <TrackedOperation key={op.id} operation={op} onDone={onDone} />);
}
