import { describe, expect, it } from 'vitest';
import type { ImageRef } from '@/lib/gemini/types';
import { planSteps, runPipeline, type StepState } from './run-pipeline';

const ref = (id: string): ImageRef => ({ id, mimeType: 'image/png' });

describe('pipelines', () => {
  it("serial: each step edits the previous step's images", async () => {
    const seen: string[][] = [];
    const steps = await runPipeline({
      mode: 'serial',
      prompts: ['a', 'b', 'c'],
      inputs: [ref('in')],
      concurrency: 3,
      runStep: async (s) => {
        seen.push(s.inputs.map((r) => r.id));
        return { ok: true, images: [ref(`out-${s.prompt}`)] };
      },
    });
    expect(seen).toEqual([['in'], ['out-a'], ['out-b']]);
    expect(steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
  });

  it('serial: stops at the first failure and skips the rest', async () => {
    let calls = 0;
    const steps = await runPipeline({
      mode: 'serial',
      prompts: ['a', 'b', 'c'],
      inputs: [],
      concurrency: 1,
      runStep: async (s) => {
        calls++;
        return s.prompt === 'b' ? { ok: false, images: [], error: 'safety' } : { ok: true, images: [ref(s.prompt)] };
      },
    });
    expect(calls).toBe(2);
    expect(steps.map((s) => s.status)).toEqual(['done', 'failed', 'skipped']);
  });

  it('parallel: never more requests in flight than the cap, all on the same inputs', async () => {
    let inFlight = 0;
    let peak = 0;
    const inputs: string[][] = [];
    await runPipeline({
      mode: 'parallel',
      prompts: ['1', '2', '3', '4', '5', '6', '7'],
      inputs: [ref('x')],
      concurrency: 3,
      runStep: async (s) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        inputs.push(s.inputs.map((r) => r.id));
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return { ok: true, images: [] };
      },
    });
    expect(peak).toBe(3);
    expect(inputs.every((i) => i.join() === 'x')).toBe(true);
  });

  it('combination: every prompt × every input', () => {
    const steps = planSteps('combination', ['p1', 'p2'], [ref('i1'), ref('i2'), ref('i3')]);
    expect(steps.map((s) => `${s.prompt}:${s.inputs[0].id}`)).toEqual([
      'p1:i1',
      'p1:i2',
      'p1:i3',
      'p2:i1',
      'p2:i2',
      'p2:i3',
    ]);
  });

  it('reports progress per step', async () => {
    const snapshots: StepState[][] = [];
    await runPipeline({
      mode: 'parallel',
      prompts: ['a', 'b'],
      inputs: [],
      concurrency: 1,
      onProgress: (s) => snapshots.push(s),
      runStep: async () => ({ ok: true, images: [] }),
    });
    expect(snapshots[0].map((s) => s.status)).toEqual(['pending', 'pending']);
    expect(snapshots.some((snap) => snap[0].status === 'running' && snap[1].status === 'pending')).toBe(true);
    expect(snapshots.at(-1)?.map((s) => s.status)).toEqual(['done', 'done']);
  });

  it('an aborted run skips the steps that have not started', async () => {
    const controller = new AbortController();
    const steps = await runPipeline({
      mode: 'parallel',
      prompts: ['a', 'b', 'c'],
      inputs: [],
      concurrency: 1,
      signal: controller.signal,
      runStep: async () => {
        controller.abort();
        return { ok: false, images: [], error: 'aborted' };
      },
    });
    expect(steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped']);
  });
});
