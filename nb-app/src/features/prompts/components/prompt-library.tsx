import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useUi } from '@/stores/ui';
import { usePrompts } from '../hooks/use-prompts';
import { CATEGORIES } from '../lib/builtin';
import { deletePrompt, savePrompt, searchPrompts } from '../lib/library';

export default function PromptLibrary() {
  const { t } = useTranslation();
  const open = useUi((s) => s.dialog === 'prompts');
  const close = useUi((s) => s.close);
  const insertPrompt = useUi((s) => s.insertPrompt);
  const { items, reload } = usePrompts(open);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string>('all');
  const [draft, setDraft] = useState({ title: '', text: '' });
  const shown = searchPrompts(items, query, category === 'mine' ? undefined : category).filter(
    (p) => category !== 'mine' || !p.builtin,
  );

  return (
    <Dialog open={open} onClose={() => close('prompts')} title={t('prompts.title')} wide>
      <div className="space-y-3">
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('prompts.search')}
          aria-label={t('prompts.search')}
          className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        <div className="flex flex-wrap gap-1">
          {CATEGORIES.map((c) => (
            <button
              key={c}
              type="button"
              onClick={() => setCategory(c)}
              className={`rounded-full px-3 py-1 text-xs ${category === c ? 'bg-amber-400 text-zinc-950' : 'bg-zinc-100 dark:bg-zinc-800'}`}
            >
              {t(`prompts.categories.${c}`)}
            </button>
          ))}
        </div>
        <ul className="grid gap-2 sm:grid-cols-2">
          {shown.map((p) => (
            <li
              key={p.id}
              className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-3 text-sm dark:border-zinc-800"
            >
              <p className="font-medium">{p.title}</p>
              <p className="line-clamp-3 flex-1 text-xs text-zinc-500">{p.text}</p>
              <div className="flex gap-2">
                <Button
                  size="sm"
                  variant="primary"
                  onClick={() => {
                    insertPrompt(p.text);
                    close('prompts');
                  }}
                >
                  {t('prompts.use')}
                </Button>
                {!p.builtin ? (
                  <Button size="sm" variant="ghost" onClick={() => void deletePrompt(p.id).then(reload)}>
                    {t('common.delete')}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
        <form
          className="space-y-2 rounded-xl bg-zinc-50 p-3 dark:bg-zinc-800/50"
          onSubmit={(e) => {
            e.preventDefault();
            if (!draft.text.trim()) return;
            void savePrompt({
              title: draft.title.trim() || draft.text.slice(0, 24),
              text: draft.text.trim(),
              category: 'mine',
            }).then(() => {
              setDraft({ title: '', text: '' });
              void reload();
            });
          }}
        >
          <p className="text-sm font-medium">{t('prompts.add')}</p>
          <input
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            placeholder={t('prompts.titleField')}
            aria-label={t('prompts.titleField')}
            className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <textarea
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            placeholder={t('prompts.textField')}
            aria-label={t('prompts.textField')}
            rows={2}
            className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <Button type="submit" size="sm">
            {t('common.save')}
          </Button>
        </form>
      </div>
    </Dialog>
  );
}
