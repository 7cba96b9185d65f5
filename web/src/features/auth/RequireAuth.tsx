import { Navigate, Outlet, useLocation } from 'react-router';
import { loginPathFor } from '../../lib/next-path.ts';
import { useCurrentUser } from './session.ts';

/** Route guard: signed-out visitors go to /login and come back here afterwards. */
export function RequireAuth() {
  const user = useCurrentUser();
  const location = useLocation();
  if (!user)
    return <Navigate to={loginPathFor(location.pathname + location.search + location.hash)} replace />;
  return <Outlet />;
}
