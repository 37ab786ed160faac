import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, NavLink, Outlet, RouterProvider } from 'react-router';
import { Spinner } from '@/components/ui/field';
import { useRefreshedUser } from '@/hooks/use-refreshed-user';
import { useAuth } from '@/stores/auth';
import { useSettings } from '@/stores/settings';
import { AdminLogin } from './components/admin-login';

const PAGES = {
  overview: lazy(() => import('./overview/overview-page')),
  users: lazy(() => import('./users/users-page')),
  tokens: lazy(() => import('./tokens/tokens-page')),
  codes: lazy(() => import('./codes/codes-page')),
  pricing: lazy(() => import('./pricing/pricing-page')),
  conversations: lazy(() => import('./conversations/conversations-page')),
  audit: lazy(() => import('./audit/audit-page')),
};

function Shell() {
  const { t } = useTranslation();
  const { language, theme, set } = useSettings();
  const user = useAuth((s) => s.user);
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="border-b border-zinc-200 bg-zinc-50 p-3 md:w-56 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900/50">
        <a href="/" className="mb-3 flex items-center gap-2 font-semibold">
          <img src="/icon.svg" alt="" className="h-7 w-7" /> {t('admin.title')}
        </a>
        <nav className="flex gap-1 overflow-x-auto md:flex-col" data-testid="admin-nav">
          {(Object.keys(PAGES) as (keyof typeof PAGES)[]).map((id) => (
            <NavLink
              key={id}
              to={id === 'overview' ? '/' : `/${id}`}
              end
              className={({ isActive }) =>
                `shrink-0 rounded-lg px-3 py-2 text-sm ${isActive ? 'bg-amber-100 font-medium dark:bg-amber-500/15' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`
              }
            >
              {t(`admin.nav.${id}`)}
            </NavLink>
          ))}
        </nav>
        <div className="mt-4 hidden space-y-2 text-xs text-zinc-500 md:block">
          <p className="truncate">{user?.email}</p>
          <button
            type="button"
            className="underline"
            onClick={() => set({ language: language === 'zh' ? 'en' : 'zh' })}
          >
            {language === 'zh' ? 'English' : '中文'}
          </button>
          {' · '}
          <button
            type="button"
            className="underline"
            onClick={() => set({ theme: theme === 'dark' ? 'light' : 'dark' })}
          >
            {t(`theme.${theme === 'dark' ? 'light' : 'dark'}`)}
          </button>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-3 sm:p-6">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

const router = createBrowserRouter(
  [
    {
      path: '/',
      element: <Shell />,
      children: Object.entries(PAGES).map(([id, Page]) =>
        id === 'overview' ? { index: true, element: <Page /> } : { path: id, element: <Page /> },
      ),
    },
  ],
  { basename: '/admin' },
);

/** The admin console: its own entry (admin.html), loaded only by admins, never precached for users. */
export default function AdminApp() {
  const token = useAuth((s) => s.accessToken);
  const user = useAuth((s) => s.user);
  /** The stored role may be out of date: the console waits for the server's word before it opens. */
  const me = useRefreshedUser();
  if (me.isLoading)
    return (
      <div className="flex h-dvh items-center justify-center">
        <Spinner />
      </div>
    );
  if (!token || user?.role !== 'admin') return <AdminLogin forbidden={Boolean(token)} />;
  return <RouterProvider router={router} />;
}
