// Errors cross into JavaScript as `WuyeError`s (code, message, path) and bad input never traps the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, WuyeError, MAX_INPUT_LENGTH, defaultHandbook, version } from '../pkg/node/index.js';

const engine = new Engine();

/** Asserts `f` throws a WuyeError with `code` (and `path`, when given). */
function throwsWuye(f, code, path) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof WuyeError, `expected a WuyeError, got ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'WuyeError');
    assert.equal(e.code, code);
    if (path !== undefined) assert.equal(e.path, path);
    assert.ok(e.message.length > 0);
    return true;
  });
}

/** The engine still answers after whatever came before. */
function stillWorks() {
  assert.equal(engine.request('{"op":"nope.x","id":1}').includes('"request.unknown_op"'), true);
}

test('the default handbook compiles, and its text compiles to the same engine', () => {
  const text = defaultHandbook();
  const again = new Engine(text);
  assert.equal(again.name, engine.name);
  assert.equal(again.handbookVersion, '2026.1');
  assert.equal(new Engine(JSON.parse(text)).handbookVersion, '2026.1');
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('a broken handbook throws every problem at once', () => {
  throwsWuye(() => new Engine('{"format": '), 'handbook.malformed_json');
  throwsWuye(() => new Engine('[]'), 'handbook.not_object', '.');
  throwsWuye(() => new Engine(42), 'handbook.not_object');
  const cyclic = {};
  cyclic.self = cyclic;
  throwsWuye(() => new Engine(cyclic), 'handbook.invalid_value');
  const doc = JSON.parse(defaultHandbook());
  doc.format = 'wuye.handbook/0';
  doc.bogus = true;
  try {
    new Engine(doc);
    assert.fail('a bad handbook compiled');
  } catch (e) {
    assert.ok(e instanceof WuyeError);
    assert.ok(e.problems.length >= 2, JSON.stringify(e.problems));
    assert.deepEqual(
      { code: e.problems[0].code, message: e.problems[0].message, path: e.problems[0].path },
      { code: e.code, message: e.message, path: e.path },
    );
  }
});

test('malformed JSON text is an error answer, not an exception', () => {
  const r = JSON.parse(engine.request('{nope'));
  assert.equal(r.error.code, 'request.malformed_json');
  assert.equal(JSON.parse(engine.request('')).error.code, 'request.malformed_json');
  assert.equal(JSON.parse(engine.request('42')).error.code, 'request.not_object');
  assert.equal(JSON.parse(engine.request('"\\ud800"')).error.code, 'request.malformed_json');
  stillWorks();
});

test('wrong JavaScript types are WuyeErrors', () => {
  throwsWuye(() => engine.request(42), 'request.invalid_value');
  throwsWuye(() => engine.request(undefined), 'request.invalid_value');
  throwsWuye(() => engine.request({ op: 'calendar.add' }), 'request.invalid_value');
  throwsWuye(() => engine.handle(undefined), 'request.invalid_value');
  throwsWuye(() => engine.handle(() => 1), 'request.invalid_value');
  throwsWuye(() => engine.handle({ op: 'x.y', n: 10n }), 'request.invalid_value');
  const cyclic = { op: 'x.y' };
  cyclic.self = cyclic;
  throwsWuye(() => engine.handle(cyclic), 'request.invalid_value');
  throwsWuye(() => engine.call(7, {}), 'request.invalid_value', 'op');
  throwsWuye(() => engine.call('calendar.add', 'office'), 'request.invalid_value');
  throwsWuye(() => engine.call('calendar.add', [1]), 'request.invalid_value');
  stillWorks();
});

test('an error answer from a typed call is thrown with its code and path', () => {
  throwsWuye(() => engine.call('nope.nothing', {}), 'request.unknown_op', 'op');
  throwsWuye(() => engine.call('nope.nothing'), 'request.unknown_op', 'op');
});

test('handle() returns envelopes and echoes ids; a batch is answered in order', () => {
  const one = engine.handle({ op: 'nope.nothing', id: 'a' });
  assert.equal(one.id, 'a');
  assert.equal(one.error.code, 'request.unknown_op');
  const many = engine.handle([{ op: 'x.y', id: 1 }, { op: 'x.z', id: 2 }]);
  assert.deepEqual(many.map((r) => r.id), [1, 2]);
});

test('huge and deeply nested input is answered, never trapped', () => {
  // 5 MB of string inside a request: parsed, then refused by the op.
  const big = JSON.stringify({ op: 'nope.nothing', id: 'big', pad: 'x'.repeat(5_000_000) });
  assert.equal(JSON.parse(engine.request(big)).id, 'big');
  // 20 MB is past the core's request limit (8 MiB, docs/security.md): refused before parsing.
  const huge = JSON.stringify({ op: 'nope.nothing', id: 'huge', pad: 'x'.repeat(20_000_000) });
  assert.equal(JSON.parse(engine.request(huge)).error.code, 'request.too_large');
  // A batch at the limit of 1000 requests is answered; one more is refused as a whole.
  const batch = (n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ op: 'x.y', id: i })));
  const answers = JSON.parse(engine.request(batch(1000)));
  assert.equal(answers.length, 1000);
  assert.equal(answers[999].id, 999);
  assert.equal(JSON.parse(engine.request(batch(1001))).error.code, 'request.too_many_items');
  // Nesting far beyond serde_json's recursion limit: refused by a scan, without recursion.
  assert.equal(JSON.parse(engine.request('['.repeat(1_000_000))).error.code, 'request.too_deep');
  assert.equal(JSON.parse(engine.request('{"op":' + '['.repeat(100_000))).error.code, 'request.too_deep');
  // Past the guard: refused before it reaches wasm memory.
  throwsWuye(() => engine.request(' '.repeat(MAX_INPUT_LENGTH + 1)), 'request.too_large');
  throwsWuye(() => new Engine(' '.repeat(MAX_INPUT_LENGTH + 1)), 'handbook.too_large');
  stillWorks();
});

test('a freed engine refuses calls instead of touching freed memory', () => {
  const e = new Engine();
  e.free();
  e.free();
  throwsWuye(() => e.request('{}'), 'engine.freed');
  throwsWuye(() => e.name, 'engine.freed');
});

test('wrong types inside a typed call come back located', () => {
  const from = '2025-01-27T10:00:00+08:00';
  throwsWuye(() => engine.calendarAdd({ calendar: 5, from, add: { hours: 1 } }), 'request.invalid_value', 'calendar');
  throwsWuye(() => engine.calendarAdd({ calendar: 'office', from: 20250127, add: { hours: 1 } }), 'request.invalid_value', 'from');
  throwsWuye(() => engine.calendarAdd({ calendar: 'office', from, add: { hours: -1 } }), 'request.invalid_value', 'add.hours');
  throwsWuye(() => engine.calendarAdd({ calendar: 'office', from, add: { hours: 1e300 } }), 'request.invalid_value', 'add.hours');
  throwsWuye(() => engine.calendarAdd({ calendar: 'office', from }), 'request.missing_field');
  throwsWuye(() => engine.calendarDay({ calendar: 'night_shift', date: '2025-01-26' }), 'calendar.unknown', 'calendar');
  throwsWuye(() => engine.calendarDays({ calendar: 'office', from: '2025-01-01', to: '2030-01-01' }), 'request.invalid_range', 'to');
  const ok = engine.calendarAdd({ calendar: 'office', from, add: { working_days: 3 } });
  assert.deepEqual(ok, { assumed_regular_week: false, at: '2025-02-07T10:00:00+08:00' });
});
