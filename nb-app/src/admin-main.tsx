import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Toaster } from 'sonner';
import './index.css';
import { applyTheme } from './app/theme';
import { initI18n } from './lib/i18n';
import { createQueryClient } from './stores/query-client';
import { useSettings } from './stores/settings';

const AdminApp = lazy(() => import('./features/admin/admin-app'));
const queryClient = createQueryClient();

function AdminRoot() {
  const language = useSettings((s) => s.language);
  const theme = useSettings((s) => s.theme);
  const i18n = initI18n(language);
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <I18nextProvider i18n={i18n}>
      <Suspense fallback={null}>
        <AdminApp />
      </Suspense>
      <Toaster richColors position="top-center" theme={theme} />
    </I18nextProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AdminRoot />
    </QueryClientProvider>
  </StrictMode>,
);
