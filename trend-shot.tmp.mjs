import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:4799';
const password = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const scheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ locale: 'en-US', colorScheme: scheme, viewport: { width, height: 900 } });
    const s = await (await context.request.get(`${base}/api/v1/auth/session`)).json();
    const r = await context.request.post(`${base}/api/v1/auth/login`, { data: { email: 'principal@demo.leeway.local', password }, headers: { 'x-csrf-token': s.csrfToken } });
    if (!r.ok()) throw new Error(`login ${r.status()} ${await r.text()}`);
    const ws = await (await context.request.get(`${base}/api/v1/workspaces`)).json();
    const id = (ws.items ?? ws.workspaces ?? ws)[0].id;
    const page = await context.newPage(); page.on('pageerror', (e) => console.log('PAGEERROR', e.message)); page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
    await page.goto(`${base}/w/${id}/insights`);
    await page.getByTestId('trend-chart').waitFor({ timeout: 20000 }).catch(async (e) => { await page.screenshot({ path: '/tmp/trend-shots/fail.png' }); throw e; });
    await page.waitForTimeout(800);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(scheme, width, 'horizontal overflow px:', scroll, 'lang', await page.getAttribute('html', 'lang'));
    const trend = page.getByTestId('insights-trend');
    await trend.scrollIntoViewIfNeeded();
    // hover the chart to show a tooltip
    const box = await page.getByTestId('trend-chart').boundingBox();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await page.waitForTimeout(300);
    await trend.screenshot({ path: `/tmp/trend-shots/insights-${scheme}-${width}.png` });
    if (scheme === 'dark' && width === 375) {
      console.log('aria', await page.getByTestId('trend-chart').getAttribute('aria-label'));
    }
    await page.goto(`${base}/w/${id}/lessons`);
    await page.getByTestId('lesson-factor-chart').waitFor({ timeout: 20000 }).catch(() => console.log('no factor chart'));
    await page.waitForTimeout(500);
    const fig = page.locator('.lsn-chart');
    if (await fig.count()) {
      await page.getByTestId('lesson-factor-chart').scrollIntoViewIfNeeded(); const b2 = await page.getByTestId('lesson-factor-chart').boundingBox();
      await page.mouse.move(b2.x + b2.width * 0.9, b2.y + b2.height * 0.8);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/trend-shots/lessons-${scheme}-${width}.png`, clip: { x: 0, y: Math.max(0, b2.y - 100), width, height: Math.min(500, 900 - Math.max(0, b2.y - 100)) } });
      const sc2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      console.log('lessons overflow', sc2);
    }
    await context.close();
  }
}
await browser.close();
