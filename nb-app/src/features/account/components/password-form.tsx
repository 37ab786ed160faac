import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useChangePassword } from '../api/account';

export function PasswordForm() {
  const { t } = useTranslation();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useChangePassword();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(
          { old_password: oldPassword, new_password: newPassword },
          {
            onSuccess: () => {
              toast.success(t('account.passwordChanged'));
              setOld('');
              setNew('');
            },
            onError: (err) => toast.error(err.message),
          },
        );
      }}
    >
      <TextField
        label={t('account.oldPassword')}
        type="password"
        autoComplete="current-password"
        value={oldPassword}
        onChange={(e) => setOld(e.target.value)}
        required
      />
      <TextField
        label={t('account.newPassword')}
        type="password"
        autoComplete="new-password"
        minLength={8}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        required
      />
      <Button type="submit">{t('account.changePassword')}</Button>
    </form>
  );
}
