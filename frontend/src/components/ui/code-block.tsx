import { CopyButton } from './copy-button';

/** Preformatted text to copy (a command, a unit file), with its own copy button. */
export function CodeBlock({ label, text }: { label: string; text: string }) {
  return (
    <figure className="space-y-2">
      <figcaption className="flex items-center justify-between gap-2 text-sm font-medium text-zinc-300">
        {label}
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </figcaption>
      <pre className="rounded-md break-all whitespace-pre-wrap bg-zinc-950 p-3 font-mono text-xs text-zinc-200 ring-1 ring-zinc-800">
        <code>{text}</code>
      </pre>
    </figure>
  );
}
