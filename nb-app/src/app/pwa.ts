import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

/** Registers the service worker in production builds and offers a reload when a new version is waiting. */
export function usePwaUpdate(): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void import('virtual:pwa-register').then(({ registerSW }) => {
      if (cancelled) return;
      const update = registerSW({
        onNeedRefresh: () =>
          toast(t('pwa.updateReady'), {
            duration: Infinity,
            action: { label: t('pwa.reload'), onClick: () => void update(true) },
          }),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [t]);
}
