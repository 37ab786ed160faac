import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Icon, type IconName } from '@/components/icons';
import { useAuth } from '@/stores/auth';
import { useSettings, type Theme } from '@/stores/settings';
import { useUi } from '@/stores/ui';

const THEMES: Theme[] = ['light', 'dark', 'system'];
const THEME_ICON: Record<Theme, IconName> = { light: 'sun', dark: 'moon', system: 'monitor' };

export function Header() {
  const { t } = useTranslation();
  const user = useAuth((s) => s.user);
  const loggedIn = useAuth((s) => Boolean(s.accessToken));
  const { theme, language, guestKey, set } = useSettings();
  const { open, setSidebar, sidebarOpen } = useUi();

  return (
    <header className="flex h-14 shrink-0 items-center gap-1 border-b border-zinc-200 bg-white/80 px-2 backdrop-blur sm:gap-2 sm:px-4 dark:border-zinc-800 dark:bg-zinc-950/80">
      <Button
        size="icon"
        variant="ghost"
        className="md:hidden"
        aria-label={t('nav.menu')}
        onClick={() => setSidebar(!sidebarOpen)}
      >
        <Icon name="menu" />
      </Button>
      <Link to="/" className="flex min-w-0 items-center gap-2 font-semibold">
        <img src="/icon.svg" alt="" className="h-7 w-7" />
        <span className="hidden truncate sm:inline">NanoBanana Pro</span>
      </Link>
      <div className="ml-auto flex items-center gap-0.5 sm:gap-1" data-tour="toolbar">
        <Button
          size="icon"
          variant="ghost"
          aria-label={t('nav.history')}
          title={t('nav.history')}
          onClick={() => open('history')}
          data-testid="open-history"
        >
          <Icon name="history" />
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label={t('nav.prompts')}
          title={t('nav.prompts')}
          onClick={() => open('prompts')}
        >
          <Icon name="book" />
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label={t('nav.pipelines')}
          title={t('nav.pipelines')}
          onClick={() => open('pipelines')}
          data-testid="open-pipelines"
        >
          <Icon name="chain" />
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label={t('nav.theme', { theme: t(`theme.${theme}`) })}
          title={t('nav.theme', { theme: t(`theme.${theme}`) })}
          className="max-sm:hidden"
          onClick={() => set({ theme: THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] })}
        >
          <Icon name={THEME_ICON[theme]} />
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="px-2 max-sm:hidden"
          onClick={() => set({ language: language === 'zh' ? 'en' : 'zh' })}
          aria-label={t('nav.language')}
        >
          {language === 'zh' ? 'EN' : '中'}
        </Button>
        <Link
          to="/help"
          className="hidden h-9 w-9 items-center justify-center rounded-lg hover:bg-zinc-100 sm:inline-flex dark:hover:bg-zinc-800"
          aria-label={t('nav.help')}
          title={t('nav.help')}
        >
          <Icon name="help" />
        </Link>
        {loggedIn && user ? (
          <>
            <button
              type="button"
              onClick={() => open('redeem')}
              data-testid="credits-chip"
              data-tour="mode"
              className="inline-flex items-center rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold whitespace-nowrap text-amber-800 dark:bg-amber-500/15 dark:text-amber-300"
              title={t('account.credits')}
            >
              <Icon name="bolt" className="mr-1 h-4 w-4" />
              {user.credits}
            </button>
            <Link
              to="/account"
              data-testid="account-link"
              className="ml-1 flex h-8 w-8 items-center justify-center rounded-full bg-zinc-900 text-sm font-semibold text-white uppercase dark:bg-zinc-100 dark:text-zinc-900"
            >
              {(user.nickname || user.email).slice(0, 1)}
            </Link>
          </>
        ) : (
          <>
            <Button
              size="sm"
              variant={guestKey ? 'secondary' : 'primary'}
              data-testid="key-button"
              data-tour="mode"
              onClick={() => open('key')}
            >
              <Icon name="key" className="h-4 w-4" />{' '}
              <span className="hidden sm:inline">{guestKey ? t('key.change') : t('key.open')}</span>
            </Button>
            <Button size="sm" variant="ghost" data-testid="login-button" onClick={() => open('auth')}>
              {t('auth.login')}
            </Button>
          </>
        )}
      </div>
    </header>
  );
}
