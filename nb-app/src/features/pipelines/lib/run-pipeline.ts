import { runLimited } from '@/lib/concurrency';
import type { ImageRef } from '@/lib/gemini/types';

export type PipelineMode = 'serial' | 'parallel' | 'combination';

export interface StepResult {
  ok: boolean;
  images: ImageRef[];
  error?: string;
}

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepState {
  index: number;
  label: string;
  prompt: string;
  inputs: ImageRef[];
  status: StepStatus;
  images: ImageRef[];
  error?: string;
}

export interface PipelineRun {
  mode: PipelineMode;
  prompts: string[];
  inputs: ImageRef[];
  concurrency: number;
  runStep: (step: StepState) => Promise<StepResult>;
  onProgress?: (steps: StepState[]) => void;
  signal?: AbortSignal;
}

/** The steps a pipeline will run, before any of them starts. */
export function planSteps(mode: PipelineMode, prompts: string[], inputs: ImageRef[]): StepState[] {
  const make = (prompt: string, stepInputs: ImageRef[], i: number, label: string): StepState => ({
    index: i,
    label,
    prompt,
    inputs: stepInputs,
    status: 'pending',
    images: [],
  });
  if (mode === 'combination' && inputs.length > 0) {
    return prompts.flatMap((prompt, p) =>
      inputs.map((input, k) => make(prompt, [input], p * inputs.length + k, `P${p + 1}×I${k + 1}`)),
    );
  }
  return prompts.map((prompt, i) => make(prompt, mode === 'serial' && i > 0 ? [] : inputs, i, `#${i + 1}`));
}

/**
 * serial: each step edits the previous step's images and the run stops at the first failure;
 * parallel: every prompt on the same inputs; combination: every prompt × every input.
 * Parallel and combination never exceed `concurrency` requests in flight.
 */
export async function runPipeline(run: PipelineRun): Promise<StepState[]> {
  const steps = planSteps(run.mode, run.prompts, run.inputs);
  const emit = () => run.onProgress?.(steps.map((s) => ({ ...s })));
  const exec = async (step: StepState) => {
    if (run.signal?.aborted) {
      step.status = 'skipped';
      emit();
      return;
    }
    step.status = 'running';
    emit();
    const res = await run.runStep({ ...step });
    step.status = res.ok ? 'done' : 'failed';
    step.images = res.images;
    step.error = res.error;
    emit();
  };
  emit();
  if (run.mode === 'serial') {
    let current = run.inputs;
    for (const step of steps) {
      step.inputs = current;
      await exec(step);
      if (step.status !== 'done') {
        for (const rest of steps.filter((s) => s.status === 'pending')) rest.status = 'skipped';
        emit();
        break;
      }
      current = step.images;
    }
    return steps;
  }
  await runLimited(
    steps.map((step) => () => exec(step)),
    run.concurrency,
  );
  return steps;
}
