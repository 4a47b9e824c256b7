import type { ReactNode } from 'react';

type Props = {
  /** Read by screen readers only: what the table lists. */
  caption: string;
  /** Visible column headers; a last, unlabelled "Actions" column follows them. */
  columns: string[];
  /** Extra classes for the table (a minimum width for wide tables). */
  className?: string;
  /** The rows: a `<tbody>`. */
  children: ReactNode;
};

/** A list table of the dashboard: horizontal scroll on narrow screens, one header style. */
export function DataTable({ caption, columns, className = '', children }: Props) {
  return (
    <div className="overflow-x-auto">
      <table className={`w-full text-left text-sm ${className}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs tracking-wide whitespace-nowrap text-zinc-400 uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="py-2 pr-4 font-medium">
                {column}
              </th>
            ))}
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
