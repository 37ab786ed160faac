import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRecord } from '@/lib/db';
import { useConversations } from '@/stores/conversations';
import { useGeneration, type InFlight } from '@/stores/generation';
import { currentOptions } from '@/stores/generation-options';
import { InflightView } from './inflight-view';
import { MessageView } from './message-view';

type Row =
  { kind: 'message'; position: number; message: MessageRecord } | { kind: 'run'; position: number; run: InFlight };

const EMPTY: MessageRecord[] = [];

export function MessageList({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const messages = useConversations((s) => s.messages[conversationId] ?? EMPTY);
  const deleteMessage = useConversations((s) => s.deleteMessage);
  const inflight = useGeneration((s) => s.inflight);
  const send = useGeneration((s) => s.send);
  const bottom = useRef<HTMLDivElement>(null);

  const rows = useMemo<Row[]>(() => {
    // A run's reply is saved under the run's own id a moment before the run leaves `inflight`;
    // showing both would give React two rows with one key (and a stale duplicate reply).
    const saved = new Set(messages.map((m) => m.id));
    const runs = Object.values(inflight).filter((r) => r.conversationId === conversationId && !saved.has(r.id));
    return [
      ...messages.map((message) => ({ kind: 'message' as const, position: message.position, message })),
      ...runs.map((run) => ({ kind: 'run' as const, position: run.position, run })),
    ].sort((a, b) => a.position - b.position);
  }, [messages, inflight, conversationId]);

  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [rows.length]);

  const regenerate = (message: MessageRecord) => {
    const prompt = [...messages].reverse().find((m) => m.role === 'user' && m.position < message.position);
    if (!prompt) return;
    const text = prompt.parts
      .filter((p) => p.text)
      .map((p) => p.text)
      .join('\n');
    void send({ conversationId, prompt: text, inputs: [], options: currentOptions(), replyTo: prompt });
  };

  if (rows.length === 0) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center text-zinc-500">
        <img src="/icon.svg" alt="" className="h-14 w-14" />
        <p className="text-lg font-medium text-zinc-700 dark:text-zinc-200">{t('generate.emptyTitle')}</p>
        <p className="max-w-sm text-sm">{t('generate.emptyHint')}</p>
      </div>
    );
  }
  return (
    <div className="mx-auto w-full max-w-3xl space-y-6 px-3 py-6 sm:px-6" data-testid="messages">
      {rows.map((row) =>
        row.kind === 'run' ? (
          <InflightView key={row.run.id} run={row.run} />
        ) : (
          <MessageView
            key={row.message.id}
            message={row.message}
            onRegenerate={row.message.role === 'model' ? () => regenerate(row.message) : undefined}
            onDelete={() => void deleteMessage(conversationId, row.message.id)}
          />
        ),
      )}
      <div ref={bottom} />
    </div>
  );
}
