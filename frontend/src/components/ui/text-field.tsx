import { useId, type InputHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  multiline?: boolean;
};

const inputClass =
  'mt-1 block w-full rounded-md bg-zinc-950 px-3 py-2 text-sm text-zinc-100 ring-1 focus:ring-2 focus:outline-none';

/** Labelled input (or textarea) whose error (role=alert) and hint are linked by aria-describedby. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  className,
  ...input
}: TextFieldProps) {
  const id = useId();
  const described =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') ||
    undefined;
  const shared = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    className: cn(
      inputClass,
      error ? 'ring-red-500 focus:ring-red-400' : 'ring-zinc-700 focus:ring-emerald-400',
      className,
    ),
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-300">
        {label}
      </label>
      {multiline ? (
        <textarea
          {...shared}
          name={input.name}
          rows={3}
          className={cn(shared.className, 'font-mono')}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input {...input} {...shared} onChange={(e) => onChange(e.target.value)} />
      )}
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-300">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
