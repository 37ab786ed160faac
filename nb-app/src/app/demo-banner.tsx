import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchClientConfig } from '@/lib/api/config';
import { useAuth } from '@/stores/auth';

/** Shown when the platform runs its offline demo upstream; a missing /api/config simply means no banner. */
export function DemoBanner() {
  const { t } = useTranslation();
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const config = useQuery({
    queryKey: ['config'],
    queryFn: ({ signal }) => fetchClientConfig(signal),
    staleTime: Infinity,
  });
  if (!config.data?.demo_upstream || !loggedIn) return null;
  return (
    <div
      className="bg-sky-50 px-4 py-1.5 text-center text-xs text-sky-800 dark:bg-sky-500/10 dark:text-sky-200"
      data-testid="demo-banner"
    >
      {t('demo.banner')}
    </div>
  );
}
