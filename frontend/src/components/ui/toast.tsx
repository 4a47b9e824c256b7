import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { announce } from './announcer';

type Toast = { id: number; tone: 'error' | 'success' | 'info'; title: string; message?: string };
type ToastApi = { show: (toast: Omit<Toast, 'id'>) => void };

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

/**
 * Holds the visible toasts; errors stay until dismissed, others fade after a few seconds.
 * A toast is only what the eye sees: its text reaches screen readers through the one live
 * region (`announce`), so the toasts themselves carry no live role.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback(
    (id: number) => setToasts((all) => all.filter((t) => t.id !== id)),
    [],
  );
  const show = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId++;
      announce(toast.message ? `${toast.title}: ${toast.message}` : toast.title);
      setToasts((all) => [...all.slice(-4), { ...toast, id }]);
      if (toast.tone !== 'error') setTimeout(() => dismiss(id), 6_000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      {toasts.length > 0 ? (
        <section
          aria-label="Notifications"
          className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
        >
          {toasts.map((t) => (
            <div
              key={t.id}
              className={cn(
                'pointer-events-auto flex items-start gap-3 rounded-lg p-4 shadow-lg ring-1 backdrop-blur',
                t.tone === 'error' && 'bg-red-950/90 ring-red-500/40',
                t.tone === 'success' && 'bg-emerald-950/90 ring-emerald-500/40',
                t.tone === 'info' && 'bg-zinc-900/95 ring-zinc-600',
              )}
            >
              <div className="flex-1 text-sm">
                <p className="font-medium text-zinc-50">{t.title}</p>
                {t.message ? <p className="mt-1 text-zinc-300">{t.message}</p> : null}
              </div>
              <button
                type="button"
                onClick={() => dismiss(t.id)}
                className="text-zinc-400 hover:text-zinc-100"
                aria-label="Dismiss notification"
              >
                ×
              </button>
            </div>
          ))}
        </section>
      ) : null}
    </ToastContext.Provider>
  );
}

/** Show a toast from anywhere below `ToastProvider`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}
