import type { PromptItem } from './library';

export const CATEGORIES = ['all', 'mine', 'portrait', 'product', 'edit', 'style', 'scene'] as const;

export const BUILTIN_PROMPTS: PromptItem[] = [
  {
    id: 'b-portrait-studio',
    category: 'portrait',
    title: 'Studio portrait',
    text: 'A studio portrait with soft key light, shallow depth of field, 85mm lens, neutral grey backdrop',
    builtin: true,
  },
  {
    id: 'b-portrait-film',
    category: 'portrait',
    title: 'Film look',
    text: 'Turn this photo into a 1990s film snapshot: Kodak Portra colours, light grain, slight vignette',
    builtin: true,
  },
  {
    id: 'b-product-white',
    category: 'product',
    title: 'Clean packshot',
    text: 'Place the product on a seamless white background with a soft shadow, e-commerce packshot, 4K detail',
    builtin: true,
  },
  {
    id: 'b-product-lifestyle',
    category: 'product',
    title: 'Lifestyle scene',
    text: 'Show the product in use on a sunlit wooden table, lifestyle photography, natural morning light',
    builtin: true,
  },
  {
    id: 'b-edit-bg',
    category: 'edit',
    title: 'Remove background',
    text: 'Remove the background and keep only the main subject on a transparent-looking clean backdrop',
    builtin: true,
  },
  {
    id: 'b-edit-night',
    category: 'edit',
    title: 'Day to night',
    text: 'Keep the composition but make it night: warm window lights, blue hour sky, reflections',
    builtin: true,
  },
  {
    id: 'b-edit-outfit',
    category: 'edit',
    title: 'Change outfit',
    text: 'Keep the person and pose identical, change the outfit to a tailored navy suit',
    builtin: true,
  },
  {
    id: 'b-style-ghibli',
    category: 'style',
    title: 'Hand-painted anime',
    text: 'Redraw in a hand-painted anime film style, soft watercolour skies, gentle colours',
    builtin: true,
  },
  {
    id: 'b-style-figure',
    category: 'style',
    title: 'Collectible figure',
    text: 'Turn the subject into a 1/7 scale collectible figure on a desk, with its box and a computer screen showing the sculpt',
    builtin: true,
  },
  {
    id: 'b-style-line',
    category: 'style',
    title: 'Line art',
    text: 'Clean black-and-white line art, even stroke weight, no shading, colouring-book style',
    builtin: true,
  },
  {
    id: 'b-scene-beach',
    category: 'scene',
    title: 'Golden-hour beach',
    text: 'Put the subject on a beach at golden hour, long shadows, gentle waves, cinematic framing',
    builtin: true,
  },
  {
    id: 'b-scene-city',
    category: 'scene',
    title: 'Neon city',
    text: 'A rainy neon-lit city street at night, reflections on wet asphalt, cinematic wide shot',
    builtin: true,
  },
];
