import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '@/lib/api/auth';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useAuth } from '@/stores/auth';

export function AdminLogin({ forbidden }: { forbidden: boolean }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(forbidden ? t('admin.forbidden') : '');
  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      if (session.user.role !== 'admin') setError(t('admin.forbidden'));
      else useAuth.getState().setSession(session);
    },
    onError: (err) => setError(err.message),
  });
  return (
    <div className="flex min-h-dvh items-center justify-center p-4">
      <form
        className="w-full max-w-sm space-y-4 rounded-2xl border border-zinc-200 p-6 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate({ email, password });
        }}
      >
        <h1 className="text-lg font-semibold">{t('admin.title')}</h1>
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error ? (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className="w-full justify-center">
          {t('auth.login')}
        </Button>
      </form>
    </div>
  );
}
