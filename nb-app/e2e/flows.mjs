/** The browser flows. Each gets a fresh browser context (empty storage). */
import {
  admin,
  assert,
  BASE,
  SIM,
  backend,
  credits,
  generate,
  login,
  newPage,
  outboxDrained,
  redeemCode,
  register,
  screenshot,
  visitorId,
} from './helpers.mjs';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const GUEST_KEY = `e2e-guest-key-${Date.now()}`;
/** One account per run: the backend throttles sign-ups per address, so later flows log in with it. */
let account;

async function signIn(page) {
  if (account) await login(page, account);
  else account = await register(page);
  return account;
}

export const flows = [
  {
    name: 'guest: own key against the simulator, images shown, history survives reload, synced, key never sent to the backend',
    async run(browser) {
      const { context, page, requests } = await newPage(browser, { guestKey: GUEST_KEY });
      await page.getByTestId('guest-notice').waitFor();
      const reply = await generate(page, 'a banana astronaut, studio light');
      await reply.getByTestId('result-image').first().waitFor();
      await screenshot(page, 'guest-generate');
      await page.reload();
      await page.getByTestId('result-image').first().waitFor();
      const edit = await generate(page, 'now make it night');
      assert(
        (await edit.getAttribute('data-status')) === 'done',
        'multi-turn edit with the signed model turn succeeds',
      );
      await outboxDrained(page);
      const visitor = await visitorId(page);
      const found = await backend(`/api/admin/conversations?visitor_id=${visitor}`, { token: await admin() });
      const items = Array.isArray(found) ? found : found.items;
      assert(items.length >= 1, `admin sees the guest conversation of ${visitor}`);
      const leaked = requests.filter((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`.includes(GUEST_KEY));
      assert(leaked.length === 0, `guest key sent to the backend: ${leaked.map((r) => r.url).join(', ')}`);
      assert(requests.length > 0, 'the backend saw the sync requests');
      await context.close();
    },
  },
  {
    name: 'logged in: register → redeem → generate (credits drop by the model price) → reload → history intact',
    async run(browser) {
      const { context, page } = await newPage(browser);
      const email = await signIn(page);
      assert((await page.getByTestId('key-button').count()) === 0, 'key button gone after login');
      const code = await redeemCode(100);
      const start = await credits(page);
      await page.getByTestId('credits-chip').click();
      await page.getByTestId('redeem-input').fill(code);
      await page.getByTestId('redeem-submit').click();
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="credits-chip"]')?.textContent?.replace(/[^\d]/g, '')) === n,
        start + 100,
      );
      const models = await backend('/api/models');
      const model = await page.getByTestId('model-select').inputValue();
      const price = (Array.isArray(models) ? models : models.items).find((m) => m.id === model).credits;
      const reply = await generate(page, 'a red fox in snow');
      await reply.getByTestId('result-image').first().waitFor();
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="credits-chip"]')?.textContent?.replace(/[^\d]/g, '')) === n,
        start + 100 - price,
      );
      await screenshot(page, 'logged-in');
      await outboxDrained(page);
      await page.reload();
      await page.getByTestId('result-image').first().waitFor();
      await page.getByTestId('account-link').click();
      await page.getByTestId('ledger').waitFor();
      await screenshot(page, 'account');
      await page.getByTestId('logout').click();
      await page.getByTestId('login-button').waitFor();
      assert(
        (await page.getByTestId('conversation-item').count()) === 0,
        'nothing of the account is visible after logout',
      );
      await login(page, email);
      await page.getByTestId('conversation-item').first().click();
      await page.getByTestId('result-image').first().waitFor();
      const edit = await generate(page, 'same fox, at night');
      assert(
        (await edit.getAttribute('data-status')) === 'done',
        'editing a conversation loaded from the server keeps its signatures',
      );
      await context.close();
    },
  },
  {
    name: 'signing up attaches the guest history to the new account',
    async run(browser) {
      const { context, page } = await newPage(browser, { guestKey: GUEST_KEY });
      const reply = await generate(page, 'a lighthouse before sign-up');
      await reply.getByTestId('result-image').first().waitFor();
      await outboxDrained(page);
      await register(page);
      await page.getByTestId('conversation-item').first().waitFor();
      assert((await page.getByTestId('key-button').count()) === 0, 'no key UI once logged in');
      const userId = await page.evaluate(() => JSON.parse(localStorage.getItem('nb-auth')).state.user.id);
      const found = await backend(`/api/admin/conversations?user_id=${userId}`, { token: await admin() });
      const titles = (Array.isArray(found) ? found : found.items).map((c) => c.title);
      assert(
        titles.includes('a lighthouse before sign-up'),
        `the guest conversation belongs to the account: ${titles.join(', ')}`,
      );
      await page.reload();
      await page.getByTestId('result-image').first().waitFor();
      await context.close();
    },
  },
  {
    name: 'serial pipeline of 2 steps',
    async run(browser) {
      const { context, page } = await newPage(browser, { guestKey: GUEST_KEY });
      await page.getByTestId('open-pipelines').click();
      const panel = page.getByTestId('pipeline-panel');
      await panel.getByTestId('mode-serial').click();
      await panel.getByTestId('pipeline-prompt-0').fill('a paper boat');
      await panel.getByTestId('pipeline-prompt-1').fill('make it night');
      await panel.getByTestId('run-pipeline').click();
      await page.waitForFunction(
        () => {
          const steps = [...document.querySelectorAll('[data-testid="pipeline-step"]')];
          return steps.length === 2 && steps.every((s) => s.getAttribute('data-status') === 'done');
        },
        undefined,
        { timeout: 60_000 },
      );
      await screenshot(page, 'pipeline');
      await context.close();
    },
  },
  {
    name: 'the arcade opens while an image is generating',
    async run(browser) {
      const { context, page } = await newPage(browser, { guestKey: GUEST_KEY });
      await page.getByTestId('prompt-input').fill('a slow castle #slow');
      await page.getByTestId('send').click();
      await page.getByTestId('arcade-launcher').click();
      await page.getByTestId('arcade').waitFor();
      await page.getByTestId('game-g2048').click();
      await page.getByTestId('game-frame').waitFor();
      await page.keyboard.press('ArrowLeft');
      await screenshot(page, 'arcade');
      await page.keyboard.press('Escape');
      await page.getByTestId('arcade').waitFor({ state: 'detached' });
      await context.close();
    },
  },
  {
    name: 'Stop cancels a logged-in generation and the credits come back (streaming off)',
    run: (browser) => stopRefunds(browser, false),
  },
  {
    name: 'Stop cancels a logged-in generation and the credits come back (streaming on)',
    run: (browser) => stopRefunds(browser, true),
  },
  {
    name: 'admin console: sign in, overview charts, token pool, codes and the guest conversations',
    async run(browser) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${BASE}/admin`);
      await page.locator('input[name="email"]').fill(process.env.NB_E2E_ADMIN_EMAIL ?? '');
      await page.locator('input[name="password"]').fill(process.env.NB_E2E_ADMIN_PASSWORD ?? '');
      await page.locator('button[type="submit"]').click();
      await page.getByTestId('admin-nav').waitFor();
      for (const path of ['users', 'tokens', 'codes', 'pricing', 'conversations', 'audit']) {
        await page.goto(`${BASE}/admin/${path}`);
        await page.locator('table').first().waitFor();
        await page.waitForLoadState('networkidle');
        const error = await page.getByRole('alert').count();
        assert(
          error === 0,
          `/admin/${path} shows an error: ${error ? await page.getByRole('alert').first().innerText() : ''}`,
        );
        if (path === 'conversations') await screenshot(page, 'admin-conversations');
      }
      await page.goto(`${BASE}/admin`);
      await page.getByTestId('overview-figures').locator('div').first().waitFor();
      await page.locator('.recharts-surface').first().waitFor();
      await screenshot(page, 'admin-overview');
      await context.close();
    },
  },
  {
    name: 'first visit: the tour explains guest vs logged-in (dark theme)',
    async run(browser) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: 'dark',
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      await page.goto(`${BASE}/`);
      await page.getByTestId('tour').waitFor();
      assert(
        await page.evaluate(() => document.documentElement.classList.contains('dark')),
        'system dark theme applied',
      );
      await page.getByTestId('tour').getByRole('button').last().click();
      await screenshot(page, 'tour-dark');
      await page.getByTestId('tour-skip').click();
      await page.reload();
      await page.getByTestId('prompt-input').waitFor();
      assert((await page.getByTestId('tour').count()) === 0, 'the tour shows only on the first visit');
      await context.close();
    },
  },
  {
    name: 'reference images, lightbox keys, edit again and download all as ZIP',
    async run(browser) {
      const { context, page } = await newPage(browser, { guestKey: GUEST_KEY });
      const png = Buffer.from(PNG_1x1, 'base64');
      await page
        .locator('input[type="file"][multiple]')
        .first()
        .setInputFiles([
          { name: 'a.png', mimeType: 'image/png', buffer: png },
          { name: 'b.png', mimeType: 'image/png', buffer: png },
        ]);
      await page.getByTestId('attachments').locator('img').nth(1).waitFor();
      await page.getByTestId('batch-select').selectOption('2');
      const sent = page.waitForRequest((r) => r.url().startsWith(SIM) && r.method() === 'POST');
      const reply = await generate(page, 'combine these two');
      const body = (await sent).postDataJSON();
      const images = body.contents.at(-1).parts.filter((p) => p.inlineData);
      assert(images.length === 2, `both reference images were sent (${images.length})`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-message"]').length === 2);
      await reply.getByTestId('result-image').first().click();
      await page.getByTestId('lightbox').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('lightbox').waitFor({ state: 'detached' });
      await page
        .getByTestId('model-message')
        .first()
        .getByText(/再次编辑|Edit again/)
        .first()
        .click({ force: true });
      await page.getByTestId('attachments').locator('img').first().waitFor();
      await page.getByTestId('open-history').click();
      await page.getByTestId('history-item').nth(1).waitFor();
      const download = page.waitForEvent('download');
      await page.getByTestId('history-panel').getByRole('button', { name: /ZIP/ }).click();
      assert((await download).suggestedFilename().endsWith('.zip'), 'a ZIP is downloaded');
      await context.close();
    },
  },
  {
    name: '360 px: no horizontal overflow',
    async run(browser) {
      const { context, page } = await newPage(browser, { width: 360, height: 740, guestKey: GUEST_KEY });
      const reply = await generate(page, 'a tiny robot');
      await reply.getByTestId('result-image').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, 'mobile-360');
      assert(overflow <= 0, `horizontal overflow of ${overflow}px at 360px`);
      await context.close();
    },
  },
];

async function stopRefunds(browser, streaming) {
  const { context, page } = await newPage(browser);
  await signIn(page);
  const code = await redeemCode(50);
  await page.getByTestId('credits-chip').click();
  await page.getByTestId('redeem-input').fill(code);
  await page.getByTestId('redeem-submit').click();
  await page.getByTestId('redeem-dialog').waitFor({ state: 'detached' });
  const before = await credits(page);
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('nb-auth')).state.accessToken);
  const refunds = async () =>
    (await backend('/api/credits/ledger', { token })).items.filter((e) => e.kind === 'refund').length;
  const refundsBefore = await refunds();
  await page.getByTestId('new-conversation').click();
  await page.getByTestId('toggle-stream').setChecked(streaming, { force: true });
  await page.getByTestId('prompt-input').fill('a slow castle #slow');
  await page.getByTestId('send').click();
  const charged = Date.now();
  while ((await backend('/api/credits/balance', { token })).balance === before) {
    assert(Date.now() - charged < 1500, 'the generation was charged while running');
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.getByTestId('stop').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="inflight"]').length === 0);
  assert((await page.getByTestId('model-message').count()) === 0, 'a stopped generation leaves no reply');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="credits-chip"]')?.textContent?.replace(/[^\d]/g, '')) === n,
    before,
    { timeout: 30_000 },
  );
  assert((await refunds()) === refundsBefore + 1, 'the ledger shows exactly one refund for the stopped generation');
  await context.close();
}
