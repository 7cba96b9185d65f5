import { Outlet } from 'react-router';
import { TopBar } from './TopBar.tsx';

/** Frame of the signed-in pages outside a workspace (/workspaces, /profile). */
export function AccountLayout() {
  return (
    <div className="app">
      <TopBar />
      <main id="main" tabIndex={-1} className="page page-narrow">
        <Outlet />
      </main>
    </div>
  );
}
