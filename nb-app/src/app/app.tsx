import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { useRefreshedUser } from '@/hooks/use-refreshed-user';
import { initI18n } from '@/lib/i18n';
import { onSessionEnded } from '@/stores/auth';
import { outbox, useConversations } from '@/stores/conversations';
import { logout } from '@/stores/session';
import { useSettings } from '@/stores/settings';
import { router } from './router';
import { applyTheme } from './theme';
import { usePwaUpdate } from './pwa';

onSessionEnded(() => void logout(false));

/** Refreshes the signed-in user (credits, role) at start and after a login; renders nothing. */
function UserRefresh() {
  useRefreshedUser();
  return null;
}

export function App() {
  const language = useSettings((s) => s.language);
  const theme = useSettings((s) => s.theme);
  const i18n = initI18n(language);
  usePwaUpdate();

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  useEffect(() => {
    void useConversations.getState().load();
  }, []);
  useEffect(() => {
    const kick = () => void outbox.flush();
    window.addEventListener('online', kick);
    return () => window.removeEventListener('online', kick);
  }, []);

  return (
    <I18nextProvider i18n={i18n}>
      <UserRefresh />
      <RouterProvider router={router} />
      <Toaster richColors position="top-center" theme={theme} />
    </I18nextProvider>
  );
}
