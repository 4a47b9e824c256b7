import { createContext } from 'react';

/**
 * Where focus goes when a dialog closes, for dialogs opened without a Radix trigger (the opener
 * may be disabled or gone by then). Without it, the element focused when it opened. Its own
 * module, apart from the dialogs: screens provide it without loading Radix.
 */
export const DialogReturnFocus = createContext<(() => HTMLElement | null) | null>(null);
