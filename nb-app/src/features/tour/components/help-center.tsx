import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Toggle } from '@/components/ui/field';
import { useSettings, type Theme } from '@/stores/settings';
import { useUi } from '@/stores/ui';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2 rounded-2xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default function HelpCenter() {
  const { t } = useTranslation();
  const open = useUi((s) => s.open);
  const { theme, language, arcadeAuto, set } = useSettings();
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 overflow-y-auto p-3 sm:p-6" data-testid="help-center">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t('help.title')}</h1>
        <Link to="/" className="rounded-lg px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          {t('nav.back')}
        </Link>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card title={t('help.guestTitle')}>
          <p className="text-zinc-600 dark:text-zinc-300">{t('help.guestBody')}</p>
        </Card>
        <Card title={t('help.userTitle')}>
          <p className="text-zinc-600 dark:text-zinc-300">{t('help.userBody')}</p>
        </Card>
      </div>
      <Card title={t('help.faqTitle')}>
        {(['credits', 'stop', 'context', 'privacy'] as const).map((q) => (
          <details key={q} className="rounded-lg bg-zinc-50 p-2 dark:bg-zinc-800/50">
            <summary className="cursor-pointer font-medium">{t(`help.faq.${q}.q`)}</summary>
            <p className="mt-1 text-zinc-600 dark:text-zinc-300">{t(`help.faq.${q}.a`)}</p>
          </details>
        ))}
      </Card>
      <Card title={t('help.settings')}>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-zinc-500">{t('help.theme')}</span>
          {(['light', 'dark', 'system'] as Theme[]).map((th) => (
            <Button
              key={th}
              size="sm"
              variant={theme === th ? 'primary' : 'secondary'}
              onClick={() => set({ theme: th })}
            >
              {t(`theme.${th}`)}
            </Button>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-zinc-500">{t('help.language')}</span>
          <Button
            size="sm"
            variant={language === 'zh' ? 'primary' : 'secondary'}
            onClick={() => set({ language: 'zh' })}
          >
            中文
          </Button>
          <Button
            size="sm"
            variant={language === 'en' ? 'primary' : 'secondary'}
            onClick={() => set({ language: 'en' })}
          >
            English
          </Button>
        </div>
        <Toggle label={t('help.arcadeAuto')} checked={arcadeAuto} onChange={(v) => set({ arcadeAuto: v })} />
      </Card>
      <Button variant="primary" onClick={() => open('tour')} data-testid="restart-tour">
        {t('help.startTour')}
      </Button>
    </div>
  );
}
