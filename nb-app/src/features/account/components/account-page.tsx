import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { useRefreshedUser } from '@/hooks/use-refreshed-user';
import { useAuth } from '@/stores/auth';
import { logout } from '@/stores/session';
import { useUi } from '@/stores/ui';
import { ApiKeys } from './api-keys';
import { LedgerList } from './ledger-list';
import { PasswordForm } from './password-form';
import { RedeemForm } from './redeem-form';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3 rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 sm:p-5">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const user = useAuth((s) => s.user);
  const open = useUi((s) => s.open);
  const navigate = useNavigate();
  useRefreshedUser();

  if (!user) {
    return (
      <div className="mx-auto max-w-md space-y-4 p-6 text-center">
        <p className="text-zinc-500">{t('account.signedOut')}</p>
        <Button variant="primary" onClick={() => open('auth')}>
          {t('auth.login')}
        </Button>
      </div>
    );
  }
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 overflow-y-auto p-3 sm:p-6" data-testid="account-page">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold break-all">{user.nickname || user.email}</h1>
          <p className="text-sm break-all text-zinc-500">{user.email}</p>
        </div>
        <div className="flex gap-2">
          <Link to="/" className="rounded-lg px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            {t('nav.back')}
          </Link>
          <Button onClick={() => void logout().then(() => navigate('/'))} data-testid="logout">
            {t('auth.logout')}
          </Button>
        </div>
      </div>
      <Section title={t('account.credits')}>
        <p className="text-3xl font-bold text-amber-500" data-testid="account-credits">
          {user.credits}
        </p>
        <RedeemForm />
      </Section>
      <Section title={t('ledger.title')}>
        <LedgerList />
      </Section>
      <Section title={t('keys.title')}>
        <ApiKeys />
      </Section>
      <Section title={t('account.changePassword')}>
        <PasswordForm />
      </Section>
    </div>
  );
}
