import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrompts } from '../hooks/use-prompts';
import { searchPrompts } from '../lib/library';
import { findSlashTrigger, replaceTrigger } from '../lib/slash';

interface QuickPickerProps {
  text: string;
  caret: number;
  onReplace: (text: string, caret: number) => void;
}

/** Opens when `/` is typed; picking a prompt replaces only the `/query` trigger. */
export function PromptQuickPicker({ text, caret, onReplace }: QuickPickerProps) {
  const { t } = useTranslation();
  const trigger = findSlashTrigger(text, caret);
  const { items } = usePrompts(Boolean(trigger));
  const [index, setIndex] = useState(0);
  const matches = trigger ? searchPrompts(items, trigger.query).slice(0, 6) : [];
  const [dismissed, setDismissed] = useState<number | null>(null);
  const visible = trigger !== null && matches.length > 0 && dismissed !== trigger.start;

  const pick = (i: number) => {
    if (!trigger || !matches[i]) return;
    const next = replaceTrigger(text, trigger, matches[i].text);
    onReplace(next.text, next.caret);
  };

  useEffect(() => {
    if (!visible) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setIndex((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      } else if (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        pick(index);
      } else if (e.key === 'Escape') {
        setDismissed(trigger?.start ?? null);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!visible) return null;
  return (
    <ul
      role="listbox"
      aria-label={t('prompts.quick')}
      data-testid="quick-picker"
      className="absolute bottom-full left-2 right-2 z-20 mb-2 max-h-64 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {matches.map((p, i) => (
        <li key={p.id} role="option" aria-selected={i === index}>
          <button
            type="button"
            onMouseDown={(e) => {
              e.preventDefault();
              pick(i);
            }}
            className={`w-full rounded-lg px-3 py-2 text-left text-sm ${i === index ? 'bg-amber-100 dark:bg-amber-500/15' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
          >
            <span className="font-medium">{p.title}</span>
            <span className="block truncate text-xs text-zinc-500">{p.text}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
