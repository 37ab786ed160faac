#!/usr/bin/env node
/**
 * Fails when the user entry's initial JavaScript (index.html's entry chunk plus everything it imports
 * statically; lazy chunks excluded) is above the gzip budget. Reads the Vite manifest of `npm run build`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = Number(process.env.NB_BUNDLE_BUDGET_KB ?? 250);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`check:bundle: ${manifestPath} is missing — run "npm run build" first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

function initialChunks(entryKey) {
  const seen = new Set();
  const walk = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) walk(dep);
  };
  walk(entryKey);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const report = (name, entryKey) => {
  const files = initialChunks(entryKey);
  const total = files.reduce((sum, f) => sum + gz(f), 0);
  console.log(`${name}: ${files.length} initial JS files, ${(total / 1024).toFixed(1)} KB gzip`);
  for (const f of files) console.log(`  ${(gz(f) / 1024).toFixed(1).padStart(7)} KB  ${f}`);
  return total;
};

const user = report('user entry (index.html)', 'index.html');
const swPath = join(dist, 'sw.js');
if (existsSync(swPath) && /url:\s*"(admin\.html|assets\/admin-)/.test(readFileSync(swPath, 'utf8'))) {
  console.error('check:bundle: the service worker precaches admin files; users must never download the admin console');
  process.exit(1);
}
if (manifest['admin.html']) {
  const adminFiles = new Set(initialChunks('admin.html'));
  const leaked = initialChunks('index.html').filter((f) => /\/admin-/.test(f) && adminFiles.has(f));
  if (leaked.length) {
    console.error(`check:bundle: admin chunks are part of the user entry: ${leaked.join(', ')}`);
    process.exit(1);
  }
}
if (user / 1024 > BUDGET_KB) {
  console.error(`check:bundle: FAILED — ${(user / 1024).toFixed(1)} KB gzip exceeds the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
console.log(`check:bundle: OK — ${(user / 1024).toFixed(1)} KB gzip of ${BUDGET_KB} KB`);
