import { zh } from '@/locales/zh';

type Tree = { [key: string]: string | Tree };

/** Every key of a translation tree, dotted (`admin.nav.users`). */
export function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

/** The keys `prefix.value` that a list of values builds and the translations lack. */
export function missingKeys(prefix: string, values: readonly string[]): string[] {
  const known = new Set(keys(zh));
  return values.map((v) => `${prefix}.${v}`).filter((k) => !known.has(k));
}
