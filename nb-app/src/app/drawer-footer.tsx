import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '@/components/icons';
import { useSettings, type Theme } from '@/stores/settings';
import { useUi } from '@/stores/ui';

const THEMES: Theme[] = ['light', 'dark', 'system'];

/** On phones the header has no room for help, theme and language: they live at the foot of the drawer. */
export function DrawerFooter() {
  const { t } = useTranslation();
  const { theme, language, set } = useSettings();
  const setSidebar = useUi((s) => s.setSidebar);
  const item = 'flex items-center gap-2 rounded-lg px-2 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800';
  return (
    <div className="space-y-1 border-t border-zinc-200 p-3 dark:border-zinc-800">
      <Link to="/help" className={item} onClick={() => setSidebar(false)}>
        <Icon name="help" className="h-4 w-4" /> {t('nav.help')}
      </Link>
      <button
        type="button"
        className={`${item} w-full`}
        onClick={() => set({ theme: THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] })}
      >
        <Icon name={theme === 'light' ? 'sun' : theme === 'dark' ? 'moon' : 'monitor'} className="h-4 w-4" />{' '}
        {t('nav.theme', { theme: t(`theme.${theme}`) })}
      </button>
      <button
        type="button"
        className={`${item} w-full`}
        onClick={() => set({ language: language === 'zh' ? 'en' : 'zh' })}
      >
        <span className="w-4 text-center text-xs font-semibold">{language === 'zh' ? 'EN' : '中'}</span>{' '}
        {language === 'zh' ? 'English' : '中文'}
      </button>
    </div>
  );
}
