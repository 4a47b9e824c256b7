import { useState } from 'react';
import { Button } from './button';

/**
 * Copies `text` to the clipboard and says so in a polite live region. Without clipboard access
 * (plain http on a LAN address) it says to select and copy by hand.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" onClick={() => void copy()} aria-label={label}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      <span aria-live="polite" className="text-xs text-zinc-400">
        {state === 'failed' ? 'Copying is blocked here: select the text and copy it.' : ''}
      </span>
    </span>
  );
}
