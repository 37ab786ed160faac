import ReactMarkdown from 'react-markdown';

/** Model text as Markdown. Raw HTML is never rendered: react-markdown escapes it unless a raw plugin is added. */
export default function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown text-sm leading-relaxed break-words">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
