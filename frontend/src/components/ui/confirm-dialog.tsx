import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useContext, useId, useState, type ReactNode } from 'react';
import { Button } from './button';
import { DialogReturnFocus } from './dialog-return-focus';
import { cn } from '@/lib/cn';

const canTakeFocus = (el: HTMLElement | null): el is HTMLElement =>
  el !== null && el.isConnected && !(el as HTMLButtonElement).disabled;

type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  /** `danger` for anything that loses or replaces data. */
  tone?: 'default' | 'danger';
  confirmDisabled?: boolean;
  /** Shown, and tied to the confirm button, while `confirmDisabled`. */
  confirmDisabledReason?: string;
  pending?: boolean;
  onConfirm: () => void;
};

/**
 * Radix AlertDialog (role="alertdialog", focus trapped, Escape cancels) for every confirmation.
 * The confirm button is a plain button so the dialog stays open while the request runs. On
 * close, focus returns to the opener (see `DialogReturnFocus`): Radix would only return it to
 * a `Trigger`, and these dialogs are opened by a flow, not a trigger.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    open,
    onOpenChange,
    title,
    description,
    children,
    confirmLabel,
    tone = 'default',
  } = props;
  const returnFocusTo = useContext(DialogReturnFocus);
  const reasonId = useId();
  // Read while rendering: Radix moves focus into the dialog in an effect, after this.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement && document.activeElement !== document.body
      ? document.activeElement
      : null,
  );
  const returnFocus = (event: Event) => {
    event.preventDefault();
    const target = returnFocusTo?.() ?? opener;
    if (canTakeFocus(target)) target.focus();
  };
  const reason = props.confirmDisabled ? props.confirmDisabledReason : undefined;
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/70 backdrop-blur-sm" />
        <AlertDialog.Content
          onCloseAutoFocus={returnFocus}
          className={cn(
            'fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2',
            'rounded-xl bg-zinc-900 p-6 shadow-2xl ring-1',
            tone === 'danger' ? 'ring-red-500/40' : 'ring-zinc-700',
          )}
        >
          <AlertDialog.Title
            className={cn(
              'text-lg font-semibold',
              tone === 'danger' ? 'text-red-300' : 'text-zinc-50',
            )}
          >
            {title}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-3 space-y-2 text-sm text-zinc-300">{description}</div>
          </AlertDialog.Description>
          {children ? <div className="mt-4 space-y-3 text-sm">{children}</div> : null}
          {reason ? (
            <p id={reasonId} className="mt-4 text-right text-xs text-zinc-400">
              {reason}
            </p>
          ) : null}
          <div className={cn('flex justify-end gap-3', reason ? 'mt-2' : 'mt-6')}>
            <AlertDialog.Cancel asChild>
              <Button variant="ghost">Cancel</Button>
            </AlertDialog.Cancel>
            <Button
              variant={tone === 'danger' ? 'danger' : 'primary'}
              disabled={props.confirmDisabled || props.pending}
              aria-describedby={reason ? reasonId : undefined}
              aria-busy={props.pending || undefined}
              onClick={props.onConfirm}
            >
              {props.pending ? 'Working…' : confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
