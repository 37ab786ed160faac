import { lazy, Suspense } from 'react';

const Markdown = lazy(() => import('./markdown'));

export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<p className="text-sm whitespace-pre-wrap">{text}</p>}>
      <Markdown text={text} />
    </Suspense>
  );
}
