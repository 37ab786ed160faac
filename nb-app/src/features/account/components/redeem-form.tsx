import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ApiError, errorMessage } from '@/lib/api-client';
import { Button } from '@/components/ui/button';
import { useRedeemCode } from '../api/account';

const ERRORS: Record<number, string> = {
  404: 'redeem.unknown',
  409: 'redeem.used',
  410: 'redeem.expired',
  429: 'redeem.throttled',
};

export function RedeemForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const redeem = useRedeemCode();
  const err = redeem.error;
  const error = !err ? '' : err instanceof ApiError && ERRORS[err.status] ? t(ERRORS[err.status]) : errorMessage(err);

  const submit = () =>
    redeem.mutate(code.trim(), {
      onSuccess: (res) => {
        toast.success(t('redeem.success', { count: res.credits_added }));
        setCode('');
        onDone?.();
      },
    });

  return (
    <form
      className="flex flex-col gap-2 sm:flex-row"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <input
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={t('redeem.placeholder')}
        aria-label={t('redeem.code')}
        data-testid="redeem-input"
        className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm uppercase outline-none focus:border-amber-500 dark:border-zinc-700 dark:bg-zinc-950"
      />
      <Button type="submit" variant="primary" disabled={redeem.isPending || !code.trim()} data-testid="redeem-submit">
        {t('redeem.submit')}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-600 sm:basis-full">
          {error}
        </p>
      ) : null}
    </form>
  );
}
