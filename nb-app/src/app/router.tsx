import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Spinner } from '@/components/ui/field';
import { Layout } from './layout';
import { HomeRoute } from './routes/home';

const AccountPage = lazy(() => import('@/features/account/components/account-page'));
const HelpCenter = lazy(() => import('@/features/tour/components/help-center'));

const page = (node: ReactNode) => (
  <Suspense
    fallback={
      <div className="flex flex-1 items-center justify-center">
        <Spinner />
      </div>
    }
  >
    {node}
  </Suspense>
);

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'account', element: page(<AccountPage />) },
      { path: 'help', element: page(<HelpCenter />) },
      { path: '*', element: <HomeRoute /> },
    ],
  },
]);
