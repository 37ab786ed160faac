import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { NOTICE_KINDS } from '@/lib/gemini/errors';
import { useAuth } from '@/stores/auth';
import { useUi } from '@/stores/ui';

const KNOWN = new Set<string>(NOTICE_KINDS);

/** Says what happened and what to do about it, with the one button that helps. */
export function ErrorNotice({ kind, message }: { kind: string; message: string }) {
  const { t } = useTranslation();
  const open = useUi((s) => s.open);
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const key = KNOWN.has(kind) ? kind : 'unknown';
  return (
    <div
      role="alert"
      data-testid="generation-error"
      data-kind={key}
      className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
    >
      <p className="font-medium">{t(`errors.${key}.title`)}</p>
      <p className="mt-1 text-red-700/90 dark:text-red-300/90">{t(`errors.${key}.action`)}</p>
      {message && key !== 'no_image' ? <p className="mt-1 line-clamp-3 text-xs opacity-70">{message}</p> : null}
      {key === 'no_image' && message ? <p className="mt-1 text-xs whitespace-pre-wrap opacity-80">{message}</p> : null}
      <div className="mt-2 flex gap-2">
        {key === 'no_credits' ? (
          <Button size="sm" variant="primary" onClick={() => open('redeem')}>
            {t('account.redeem')}
          </Button>
        ) : null}
        {key === 'bad_key' && !loggedIn ? (
          <Button size="sm" variant="primary" onClick={() => open('key')}>
            {t('key.open')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
