// Drives the playground (examples/web) in headless Chromium: serves the repository on 127.0.0.1, fills in the
// forms, asserts the answers shown, and saves tests/out/playground.png. Run by scripts/test-wasm.sh (in `timeout`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, mkdtempSync, readFile, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static file server for the repository, bound to 127.0.0.1 on a free port. */
function serve() {
  const server = http.createServer((req, res) => {
    const path = resolve(root, '.' + decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (req.method !== 'GET' || (path !== root && !path.startsWith(root + sep))) {
      res.writeHead(403).end();
      return;
    }
    readFile(path, (err, body) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

test('the playground computes in the browser and draws the SLA timeline', { timeout: 180_000 }, async () => {
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), 'wuye-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ARGS,
      viewport: { width: 1100, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/examples/web/index.html`);
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 30_000 });
    assert.match(await page.textContent('#hb-status'), /^compiled: /);

    // Calendar: three working days across the Spring Festival.
    await page.selectOption('#cal-name', 'office');
    await page.fill('#cal-from', '2025-01-27T10:00:00+08:00');
    await page.fill('#cal-amount', '3');
    await page.selectOption('#cal-unit', 'working_days');
    await page.click('#cal-add');
    assert.equal(await page.textContent('#cal-result'), '2025-02-07T10:00:00+08:00');
    assert.ok((await page.locator('#cal-timeline svg rect.running').count()) > 0, 'counted time is drawn');
    assert.ok((await page.locator('#cal-timeline svg rect.day-statutory_holiday').count()) > 0, 'holidays are drawn');

    // SLA: a major repair, paused over the weekend for parts, still open after its due instant.
    if (await page.locator('#sla-body').isVisible()) {
      await page.selectOption('#sla-kind', 'major_repair');
      await page.fill('#sla-events', [
        '2025-01-24T16:00:00+08:00 created',
        '2025-01-24T16:20:00+08:00 acknowledged',
        '2025-01-24T17:00:00+08:00 paused waiting for parts',
        '2025-01-26T09:00:00+08:00 resumed',
      ].join('\n'));
      await page.fill('#sla-now', '2025-02-06T11:00:00+08:00');
      await page.click('#sla-evaluate');
      assert.equal(await page.textContent('#sla-status'), '');
      assert.equal(await page.textContent('#sla-due'), '2025-02-05T17:00:00+08:00');
      assert.match(await page.textContent('#sla-state'), /resolution breached/);
      for (const part of ['rect.working', 'rect.running', 'rect.pause', 'rect.breach', 'path.warning', 'line.due']) {
        assert.ok((await page.locator(`#sla-timeline svg ${part}`).count()) > 0, `the SLA timeline draws ${part}`);
      }
      // A bad event is reported on its line, and nothing is drawn from it.
      await page.fill('#sla-events', '2025-01-24T16:00:00+08:00 created\n2025-01-23T09:00:00+08:00 resolved');
      await page.click('#sla-evaluate');
      assert.match(await page.textContent('#sla-status'), /^line 2: sla\./);
    } else {
      assert.match(await page.textContent('#sla-unavailable'), /not available in this build/i);
    }

    // Fees: bill a unit; each line comes with its formula, and the total is exact.
    if (await page.locator('#fees-body').isVisible()) {
      await page.fill('#fees-args', JSON.stringify({
        unit: {
          id: '1-101', use: 'residential', areas: { building: '126.38' },
          readings: [{ item: 'electricity_residential', previous: '10230', current: '10530', used_before: '2600' }],
          shares: [{ item: 'shared_electricity', pool: '334.64', weight: '126.38', total_weight: '324.56' }],
          debts: [{ id: '2024-10', principal: '315.95', due: '2024-10-31' }],
        },
        period: { from: '2025-01-01', to: '2025-01-31' },
      }));
      await page.click('#fees-bill');
      assert.equal(await page.textContent('#fees-status'), '');
      assert.equal(await page.textContent('#fees-total'), '629.19');
      assert.equal(await page.locator('#fees-lines tbody tr').count(), 4);
      assert.match(await page.textContent('#fees-lines tbody'), /2\.50 × 126\.38 m² × 1 month\(s\) = 315\.95/);
    } else {
      assert.match(await page.textContent('#fees-unavailable'), /not available in this build/i);
    }

    // Workflow: the assistant may not approve; the supervisor may, and then finance may take the deposit.
    if (await page.locator('#wf-body').isVisible()) {
      await page.selectOption('#wf-name', 'renovation_permit');
      await page.fill('#wf-event', 'approve');
      await page.fill('#wf-actor', '李娜');
      await page.selectOption('#wf-role', 'assistant');
      await page.fill('#wf-at', '2026-03-03T15:00:00+08:00');
      await page.click('#wf-apply');
      assert.match(await page.textContent('#wf-status'), /refused — nothing changed\. workflow\.role_not_allowed at event\.role/);
      assert.equal(await page.textContent('#wf-state'), 'under_review');
      assert.ok(await page.locator('#wf-next li[data-role="supervisor"][data-event="approve"]').count());
      await page.fill('#wf-actor', '王主管');
      await page.selectOption('#wf-role', 'supervisor');
      await page.click('#wf-apply');
      assert.match(await page.textContent('#wf-status'), /^accepted: /);
      assert.equal(await page.textContent('#wf-state'), 'approved');
      assert.ok(await page.locator('#wf-next li[data-event="pay_deposit"]').count(), 'the deposit is the next step');
    } else {
      assert.match(await page.textContent('#wf-unavailable'), /not available in this build/i);
    }

    // A broken handbook is reported with its path and the previous one stays in use.
    await page.fill('#hb-text', '{"format": "wuye.handbook/1", "name": 5}');
    await page.click('#hb-compile');
    assert.match(await page.textContent('#hb-status'), /not compiled/);
    assert.ok((await page.locator('#hb-problems li').count()) > 0);
    await page.click('#hb-reset');
    assert.match(await page.textContent('#hb-status'), /^compiled: /);

    // Put the ticket back for the screenshot.
    if (await page.locator('#sla-body').isVisible()) {
      await page.fill('#sla-events', [
        '2025-01-24T16:00:00+08:00 created',
        '2025-01-24T16:20:00+08:00 acknowledged',
        '2025-01-24T17:00:00+08:00 paused waiting for parts',
        '2025-01-26T09:00:00+08:00 resumed',
      ].join('\n'));
      await page.click('#sla-evaluate');
    }
    mkdirSync(join(root, 'tests/out'), { recursive: true });
    await page.screenshot({ path: join(root, 'tests/out/playground.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context?.close().catch(() => {});
    await new Promise((ok) => server.close(ok));
    server.closeAllConnections?.();
    rmSync(profile, { recursive: true, force: true });
  }
});
