import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useApiKeys, useCreateKey, useDeleteKey, type CreatedApiKey } from '../api/account';

/** Platform API keys: the secret is shown exactly once, right after creation, with a copy button. */
export function ApiKeys() {
  const { t } = useTranslation();
  const keys = useApiKeys().data ?? [];
  const createKey = useCreateKey();
  const deleteKey = useDeleteKey();
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<CreatedApiKey | null>(null);

  const create = () =>
    createKey.mutate(name.trim() || 'default', {
      onSuccess: (created) => {
        setFresh(created);
        setName('');
      },
      onError: (err) => toast.error(err.message),
    });

  return (
    <div className="space-y-3">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('keys.name')}
          aria-label={t('keys.name')}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        <Button type="submit" variant="primary">
          {t('keys.create')}
        </Button>
      </form>
      {fresh ? (
        <div
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-500/40 dark:bg-amber-500/10"
          data-testid="fresh-key"
        >
          <p className="font-medium">{t('keys.copyOnce')}</p>
          <code className="block overflow-x-auto rounded bg-white p-2 font-mono text-xs break-all dark:bg-zinc-950">
            {fresh.key}
          </code>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="primary"
              onClick={() =>
                void navigator.clipboard.writeText(fresh.key).then(() => toast.success(t('common.copied')))
              }
            >
              {t('common.copy')}
            </Button>
            <Button size="sm" onClick={() => setFresh(null)}>
              {t('keys.done')}
            </Button>
          </div>
        </div>
      ) : null}
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {keys.length === 0 ? <li className="py-2 text-zinc-500">{t('keys.empty')}</li> : null}
        {keys.map((k) => (
          <li key={k.id} className="flex items-center justify-between gap-2 py-2">
            <div className="min-w-0">
              <p className="truncate font-medium">{k.name}</p>
              <p className="font-mono text-xs text-zinc-500">{k.prefix}…</p>
            </div>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                if (window.confirm(t('keys.confirmDelete'))) deleteKey.mutate(k.id);
              }}
            >
              {t('common.delete')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
