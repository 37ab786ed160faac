/** Shared pieces of the browser flows: backend calls, the simulator bridge and page helpers. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE = (process.env.NB_E2E_BASE_URL ?? '').replace(/\/+$/, '');
export const SIM = (process.env.NB_E2E_SIM_URL ?? '').replace(/\/+$/, '');
export const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
mkdirSync(DOCS, { recursive: true });

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export async function backend(path, { method, body, token } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

let adminToken;
/** Admin credentials come from NB_E2E_ADMIN_EMAIL / NB_E2E_ADMIN_PASSWORD. */
export async function admin() {
  if (adminToken) return adminToken;
  const email = process.env.NB_E2E_ADMIN_EMAIL;
  const password = process.env.NB_E2E_ADMIN_PASSWORD;
  if (!email || !password) throw new Error('NB_E2E_ADMIN_EMAIL and NB_E2E_ADMIN_PASSWORD are required for this flow');
  adminToken = (await backend('/api/auth/login', { body: { email, password } })).access_token;
  return adminToken;
}

export async function redeemCode(credits) {
  const res = await backend('/api/admin/redeem-codes', {
    body: { count: 1, credits, note: 'e2e' },
    token: await admin(),
  });
  const code = res.codes[0];
  return typeof code === 'string' ? code : code.code;
}

/** Records every request the page sends to our backend (URL, headers and body). */
export function recordBackendRequests(page) {
  const seen = [];
  page.on('request', (req) => {
    if (req.url().startsWith(BASE)) seen.push({ url: req.url(), headers: req.headers(), body: req.postData() ?? '' });
  });
  return seen;
}

export async function newPage(browser, { width = 1280, height = 800, guestKey } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, serviceWorkers: 'block', locale: 'zh-CN' });
  await context.addInitScript(() => {
    if (!localStorage.getItem('nb-settings')) {
      localStorage.setItem('nb-settings', JSON.stringify({ state: { tourSeen: true }, version: 1 }));
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const requests = recordBackendRequests(page);
  await page.goto(`${BASE}/`);
  if (guestKey) await setGuestKey(page, guestKey);
  return { context, page, requests };
}

export async function setGuestKey(page, key) {
  await page.getByTestId('key-button').click();
  const dialog = page.getByTestId('key-dialog');
  await dialog.locator('input[name="guest-key"]').fill(key);
  await dialog.locator('input[name="guest-endpoint"]').fill(SIM);
  await dialog.getByTestId('save-key').click();
  await dialog.waitFor({ state: 'detached' });
}

export async function generate(page, prompt) {
  const before = await page.getByTestId('model-message').count();
  await page.getByTestId('prompt-input').fill(prompt);
  await page.getByTestId('send').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="model-message"]').length > n, before, {
    timeout: 60_000,
  });
  return page.getByTestId('model-message').last();
}

export async function register(page) {
  const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.getByTestId('login-button').click();
  const dialog = page.getByTestId('auth-dialog');
  await dialog.getByTestId('auth-tab-register').click();
  await dialog.locator('input[name="email"]').fill(email);
  await dialog.locator('input[name="password"]').fill('e2e-password-123');
  await dialog.getByTestId('auth-submit').click();
  await page.getByTestId('credits-chip').waitFor();
  return email;
}

export async function login(page, email, password = 'e2e-password-123') {
  await page.getByTestId('login-button').click();
  const dialog = page.getByTestId('auth-dialog');
  await dialog.getByTestId('auth-tab-login').click();
  await dialog.locator('input[name="email"]').fill(email);
  await dialog.locator('input[name="password"]').fill(password);
  await dialog.getByTestId('auth-submit').click();
  await page.getByTestId('credits-chip').waitFor();
}

export async function credits(page) {
  return Number((await page.getByTestId('credits-chip').innerText()).replace(/[^\d-]/g, ''));
}

export async function visitorId(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('nb-settings') ?? '{}').state?.visitorId);
}

export async function outboxDrained(page) {
  await page.waitForFunction(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('nanobanana');
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').count();
          req.onsuccess = () => resolve(req.result === 0);
          req.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
    undefined,
    { timeout: 30_000, polling: 250 },
  );
}

export async function screenshot(page, name) {
  await page.addStyleTag({ content: '[data-sonner-toaster] { display: none !important; }' });
  await page.screenshot({ path: join(DOCS, `${name}.png`) });
}
