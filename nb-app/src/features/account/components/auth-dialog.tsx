import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ApiError } from '@/lib/api-client';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { authenticate } from '@/stores/session';
import { useUi } from '@/stores/ui';

export function AuthDialog() {
  const { t } = useTranslation();
  const open = useUi((s) => s.dialog === 'auth');
  const close = useUi((s) => s.close);
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      if (mode === 'login') await authenticate({ mode, body: { email, password } });
      else await authenticate({ mode, body: { email, password, ...(nickname ? { nickname } : {}) } });
      toast.success(t('auth.welcome'));
      setPassword('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('auth.badCredentials'));
      else if (err instanceof ApiError && err.status === 429) setError(t('auth.throttled'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={() => close('auth')}
      title={mode === 'login' ? t('auth.login') : t('auth.register')}
      testId="auth-dialog"
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid grid-cols-2 rounded-lg bg-zinc-100 p-1 text-sm dark:bg-zinc-800">
          {(['login', 'register'] as const).map((m) => (
            <button
              key={m}
              type="button"
              onClick={() => setMode(m)}
              data-testid={`auth-tab-${m}`}
              className={`rounded-md py-1.5 ${mode === m ? 'bg-white shadow-sm dark:bg-zinc-950' : 'text-zinc-500'}`}
            >
              {t(`auth.${m}`)}
            </button>
          ))}
        </div>
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'register' ? 8 : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {mode === 'register' ? (
          <TextField
            label={t('auth.nickname')}
            name="nickname"
            value={nickname}
            onChange={(e) => setNickname(e.target.value)}
          />
        ) : null}
        <p className="text-xs text-zinc-500">{t('auth.historyMoves')}</p>
        {error ? (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <Button
          type="submit"
          variant="primary"
          className="w-full justify-center"
          disabled={busy}
          data-testid="auth-submit"
        >
          {mode === 'login' ? t('auth.login') : t('auth.register')}
        </Button>
      </form>
    </Dialog>
  );
}
