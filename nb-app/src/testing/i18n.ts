import { initI18n } from '@/lib/i18n';

initI18n('en');
