#!/usr/bin/env node
/**
 * Browser flows against a running backend that serves the built SPA (NB_E2E_BASE_URL) and the offline
 * Gemini simulator (NB_E2E_SIM_URL). Headless Debian Chromium through playwright-core; no browser download.
 */
import { chromium } from 'playwright-core';
import { BASE, SIM } from './helpers.mjs';
import { flows } from './flows.mjs';

if (!BASE || !SIM) {
  console.log(
    'test:e2e skipped: set NB_E2E_BASE_URL (backend serving the SPA) and NB_E2E_SIM_URL (Gemini simulator) to run the browser flows',
  );
  process.exit(0);
}

const only = process.env.NB_E2E_ONLY;
const browser = await chromium.launch({
  executablePath: process.env.NB_E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let passed = 0;
let failed = 0;
for (const flow of flows.filter((f) => !only || f.name.includes(only))) {
  const started = Date.now();
  try {
    await flow.run(browser);
    passed++;
    console.log(`✓ ${flow.name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed++;
    console.log(`✗ ${flow.name} (${Date.now() - started} ms)\n  ${err instanceof Error ? err.stack : err}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
