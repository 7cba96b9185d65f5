import { Navigate, Outlet, useSearchParams } from 'react-router';
import { useCurrentUser } from '../features/auth/session.ts';
import { safeNextPath } from '../lib/next-path.ts';

/**
 * Login, signup and "forgot password" are for signed-out visitors. Signed in (also right after
 * a successful login) they continue to `?next=` or the start page.
 */
export function PublicOnly() {
  const user = useCurrentUser();
  const [params] = useSearchParams();
  if (user) return <Navigate to={safeNextPath(params.get('next')) ?? '/'} replace />;
  return <Outlet />;
}
