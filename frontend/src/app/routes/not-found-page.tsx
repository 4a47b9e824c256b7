import { Link } from 'react-router-dom';
import { routes } from '@/lib/routes';

/** Unknown URL. */
export function NotFoundPage() {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold text-zinc-50">Page not found</h1>
      <Link to={routes.home} className="text-emerald-300 hover:underline">
        Back to all servers
      </Link>
    </div>
  );
}
