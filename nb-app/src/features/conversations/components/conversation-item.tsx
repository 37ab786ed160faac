import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationRecord } from '@/lib/db';
import { Icon } from '@/components/icons';

interface ConversationItemProps {
  conversation: ConversationRecord;
  active: boolean;
  busy: boolean;
  onSelect: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
}

export function ConversationItem({ conversation, active, busy, onSelect, onRename, onDelete }: ConversationItemProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const label = conversation.title || t('conversations.untitled');

  if (editing) {
    return (
      <form
        className="px-2 py-1"
        onSubmit={(e) => {
          e.preventDefault();
          onRename(title.trim());
          setEditing(false);
        }}
      >
        <input
          autoFocus
          value={title}
          aria-label={t('conversations.rename')}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          className="w-full rounded-md border border-amber-400 bg-white px-2 py-1 text-sm outline-none dark:bg-zinc-900"
        />
      </form>
    );
  }
  return (
    <div
      data-testid="conversation-item"
      className={`group flex items-center gap-1 rounded-lg px-2 text-sm ${active ? 'bg-amber-100 text-zinc-900 dark:bg-amber-500/15 dark:text-zinc-50' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800/70'}`}
    >
      <button type="button" className="min-w-0 flex-1 truncate py-2 text-left" onClick={onSelect} title={label}>
        {busy ? <span className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-amber-500" /> : null}
        {label}
      </button>
      <button
        type="button"
        aria-label={t('conversations.rename')}
        className="rounded p-1 text-xs text-zinc-500 opacity-100 hover:bg-zinc-200 sm:opacity-0 sm:group-hover:opacity-100 dark:hover:bg-zinc-700"
        onClick={() => {
          setTitle(conversation.title);
          setEditing(true);
        }}
      >
        <Icon name="edit" className="h-4 w-4" />
      </button>
      <button
        type="button"
        aria-label={t('conversations.delete')}
        className="rounded p-1 text-xs text-zinc-500 opacity-100 hover:bg-zinc-200 hover:text-red-600 sm:opacity-0 sm:group-hover:opacity-100 dark:hover:bg-zinc-700"
        onClick={() => {
          if (window.confirm(t('conversations.confirmDelete', { title: label }))) onDelete();
        }}
      >
        <Icon name="trash" className="h-4 w-4" />
      </button>
    </div>
  );
}
