import { useSettings } from './settings';
import type { GenerationOptions } from './generation';

/** The prompt box settings as request options; "auto" and unsupported sizes are left out of the request. */
export function currentOptions(): GenerationOptions {
  const s = useSettings.getState();
  return {
    model: s.model,
    imageSize: s.imageSize && s.imageSize !== 'auto' ? s.imageSize : undefined,
    aspectRatio: s.aspectRatio && s.aspectRatio !== 'auto' ? s.aspectRatio : undefined,
    stream: s.stream,
    sendContext: s.sendContext,
    grounding: s.grounding,
  };
}
