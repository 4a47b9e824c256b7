import * as RadixDialog from '@radix-ui/react-dialog';
import { useContext, type ReactNode } from 'react';
import { Button } from './button';
import { DialogReturnFocus } from './dialog-return-focus';

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  closeLabel?: string;
};

/**
 * Radix Dialog for what is not a question (e.g. a live result list): focus trapped, Escape and
 * the close button dismiss it, focus returns to what opened it — or, when a `DialogReturnFocus`
 * provider names a target (the opener may be gone by then), to that target.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  closeLabel = 'Close',
}: DialogProps) {
  const returnFocusTo = useContext(DialogReturnFocus);
  const returnFocus = (event: Event) => {
    const target = returnFocusTo?.();
    if (!target?.isConnected) return; // Radix's own: what had focus when it opened
    event.preventDefault();
    target.focus();
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/70 backdrop-blur-sm" />
        <RadixDialog.Content
          onCloseAutoFocus={returnFocus}
          className="fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-zinc-900 p-6 shadow-2xl ring-1 ring-zinc-700"
        >
          <RadixDialog.Title className="text-lg font-semibold text-zinc-50">
            {title}
          </RadixDialog.Title>
          {description ? (
            <RadixDialog.Description asChild>
              <div className="mt-2 text-sm text-zinc-300">{description}</div>
            </RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div className="mt-4 min-h-0 overflow-y-auto text-sm">{children}</div>
          <div className="mt-6 flex justify-end">
            <RadixDialog.Close asChild>
              <Button variant="secondary">{closeLabel}</Button>
            </RadixDialog.Close>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
