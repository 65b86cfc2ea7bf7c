// Replays every tests/vectors/*.jsonl and tests/bad-inputs/*.jsonl file through the wasm module: each response
// must equal the Rust core's byte for byte (format: tests/vectors/README.md). Files are discovered at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Engine } from '../pkg/node/index.js';

const dirs = ['vectors', 'bad-inputs'].map((d) => fileURLToPath(new URL(`../../tests/${d}/`, import.meta.url)));
const dir = dirs[0];
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(d, f)),
);

/** The vectors of one file: `{line, description, request, response}`, three non-blank lines each. */
function readVectors(file) {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  assert.equal(lines.length % 3, 0, `${file}: vectors come in three lines`);
  const vectors = [];
  for (let i = 0; i < lines.length; i += 3) {
    const [d, req, res] = lines.slice(i, i + 3);
    assert.ok(d.text.startsWith('# '), `${file}:${d.line}: a vector starts with a \`# description\` line`);
    vectors.push({ line: d.line, description: d.text.slice(2), request: req.text, response: res.text });
  }
  return vectors;
}

const engine = new Engine();

test('there are vector files to replay', () => {
  assert.ok(files.length > 0, `no *.jsonl in ${dir}`);
});

for (const file of files) {
  test(file, async (t) => {
    const vectors = readVectors(file);
    assert.ok(vectors.length > 0, `${file} has no vectors`);
    for (const v of vectors) {
      await t.test(`${file}:${v.line} ${v.description}`, () => {
        assert.equal(engine.request(v.request), v.response);
      });
    }
  });
}

test('every op the vectors exercise has TypeScript types (js/protocol.d.ts)', () => {
  const dts = readFileSync(new URL('../js/protocol.d.ts', import.meta.url), 'utf8');
  const typed = new Set([...dts.matchAll(/^\s+'([a-z_]+\.[a-z_]+)': \{/gm)].map((m) => m[1]));
  const missing = new Set();
  // Only the vectors: the bad inputs hold malformed requests and ops that exist nowhere on purpose.
  for (const file of files.filter((f) => f.startsWith(dir))) {
    for (const v of readVectors(file)) {
      const requests = [JSON.parse(v.request)].flat();
      const responses = [JSON.parse(v.response)].flat();
      requests.forEach((r, i) => {
        const op = r?.op;
        if (typeof op !== 'string' || responses[i]?.error?.code === 'request.unknown_op') return;
        if (!typed.has(op)) missing.add(`${op} (${file}:${v.line})`);
      });
    }
  }
  assert.deepEqual([...missing], [], 'add these ops to js/protocol.d.ts');
});
