import { describe, expect, it } from 'vitest';
import { classifyOutcome, mergeChunk, pickFinalImage, toContextContents } from './parts';
import type { Part } from './types';

const img = (data: string, extra: Partial<Part> = {}): Part => ({
  inlineData: { mimeType: 'image/png', data },
  ...extra,
});

describe('part handling', () => {
  it('picks the last non-thought image, never a draft', () => {
    const parts: Part[] = [
      { text: 'planning', thought: true },
      img('draft-1k', { thought: true }),
      { text: 'here it is' },
      img('first-final'),
      img('final-4k', { thoughtSignature: 'sig' }),
      img('late-draft', { thought: true }),
    ];
    expect(pickFinalImage(parts)?.inlineData?.data).toBe('final-4k');
  });

  it('returns nothing when only thought images exist', () => {
    expect(pickFinalImage([img('draft', { thought: true })])).toBeUndefined();
  });

  it('keeps every thoughtSignature when building multi-turn context', () => {
    const history = [
      { role: 'user' as const, parts: [{ text: 'a cat' }] },
      {
        role: 'model' as const,
        parts: [
          { text: 'thinking', thought: true },
          { text: 'Done', thoughtSignature: 'text-sig' },
          img('x', { thoughtSignature: 'img-sig' }),
        ],
      },
    ];
    const contents = toContextContents(history);
    expect(contents[1].parts).toEqual([
      { text: 'Done', thoughtSignature: 'text-sig' },
      img('x', { thoughtSignature: 'img-sig' }),
    ]);
    expect(JSON.stringify(contents)).toContain('img-sig');
  });

  it('joins streamed text deltas and keeps a signature that arrives on a delta', () => {
    let acc: Part[] = [];
    acc = mergeChunk(acc, [{ text: 'Hel', thought: true }]);
    acc = mergeChunk(acc, [{ text: 'lo', thought: true }]);
    acc = mergeChunk(acc, [{ text: 'Answer' }]);
    acc = mergeChunk(acc, [{ text: '!', thoughtSignature: 'S' }]);
    acc = mergeChunk(acc, [img('final', { thoughtSignature: 'I' })]);
    expect(acc).toEqual([
      { text: 'Hello', thought: true },
      { text: 'Answer!', thoughtSignature: 'S' },
      img('final', { thoughtSignature: 'I' }),
    ]);
  });

  it('keeps streamed thought summaries apart as paragraphs', () => {
    const acc = mergeChunk(mergeChunk([], [{ text: '**Plan**\n\nlayout', thought: true }]), [
      { text: '**Light**\n\nwarm', thought: true },
    ]);
    expect(acc).toEqual([{ text: '**Plan**\n\nlayout\n\n**Light**\n\nwarm', thought: true }]);
  });

  it('classifies blocked, safety and text-only outcomes as failures', () => {
    expect(classifyOutcome({ parts: [], blockReason: 'PROHIBITED_CONTENT' }).kind).toBe('blocked');
    expect(classifyOutcome({ parts: [], finishReason: 'IMAGE_SAFETY' }).kind).toBe('safety');
    expect(classifyOutcome({ parts: [{ text: 'I am a model' }], finishReason: 'NO_IMAGE' })).toEqual({
      kind: 'no_image',
      text: 'I am a model',
    });
    expect(classifyOutcome({ parts: [img('draft', { thought: true })], finishReason: 'STOP' }).kind).toBe('no_image');
    expect(classifyOutcome({ parts: [img('ok')], finishReason: 'STOP' }).kind).toBe('image');
  });
});
