// The built package resolves by name the way consumers import it: `wuye` picks the Node build under Node, and the
// web build (ESM, `init` + `initSync`) works too when given the wasm bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));

test('`import "wuye"` resolves to the Node build and answers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wuye-consumer-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(pkg, join(dir, 'node_modules', 'wuye'), 'dir');
    const script = `
      import init, { Engine, WuyeError } from 'wuye';
      await init();
      const e = new Engine();
      const due = e.calendarAdd({ calendar: 'office', from: '2025-01-27T10:00:00+08:00', add: { working_days: 3 } });
      let code;
      try { e.calendarDay({ calendar: 'nope', date: '2025-01-01' }); } catch (x) { code = x instanceof WuyeError && x.code; }
      console.log(JSON.stringify({ at: due.at, code, url: import.meta.resolve('wuye') }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir }).toString());
    assert.equal(out.at, '2025-02-07T10:00:00+08:00');
    assert.equal(out.code, 'calendar.unknown');
    assert.match(out.url, /\/node\/index\.js$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the web build runs from its bytes (initSync), with the same answers', async () => {
  const web = await import('../pkg/web/index.js');
  web.initSync({ module: readFileSync(join(pkg, 'web', 'wuye_wasm_bg.wasm')) });
  const e = new web.Engine();
  const answer = e.request('{"op":"calendar.add","calendar":"office","from":"2025-01-27T10:00:00+08:00","add":{"working_days":3}}');
  assert.equal(answer, '{"ok":{"assumed_regular_week":false,"at":"2025-02-07T10:00:00+08:00"}}');
  assert.throws(() => new web.Engine('{'), (x) => x instanceof web.WuyeError && x.code === 'handbook.malformed_json');
});
