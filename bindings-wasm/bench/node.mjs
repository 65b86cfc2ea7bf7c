// The Node half of scripts/bench-wasm.sh: the requests of bench/requests.json through the wasm package, as text
// (`request`), as a typed method (objects in and out), and as batches of 1000. One JSON line per measurement.
import { readFileSync } from 'node:fs';
import { Engine } from '../pkg/node/index.js';

const BATCH = 1000;
const ROUNDS = 5;
const ROUND_MS = 300;

/** Operations per second of `f` (doing `perCall` operations per call), the median of ROUNDS rounds. */
function medianOps(perCall, f) {
  const rates = [];
  for (let r = -1; r < ROUNDS; r++) { // round -1 warms the JIT up and is not counted
    const start = process.hrtime.bigint();
    let calls = 0;
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      f();
      calls++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    if (r >= 0) rates.push((calls * perCall) / (elapsed / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(ROUNDS / 2)];
}

const cases = JSON.parse(readFileSync(new URL('./requests.json', import.meta.url), 'utf8'));
const engine = new Engine();
let sink = 0;
for (const { name, method, request } of cases) {
  const text = JSON.stringify(request);
  if (engine.request(text).includes('"request.unknown_op"')) {
    console.log(JSON.stringify({ side: 'node', case: name, missing: true }));
    continue;
  }
  const { op, ...args } = request;
  const batchText = `[${Array(BATCH).fill(text).join(',')}]`;
  const results = {
    single: medianOps(1, () => { sink += engine.request(text).length; }),
    typed: medianOps(1, () => { sink += engine[method](args) ? 1 : 0; }),
    batch: medianOps(BATCH, () => { sink += engine.request(batchText).length; }),
  };
  for (const [mode, ops] of Object.entries(results)) {
    console.log(JSON.stringify({ side: 'node', case: name, mode, ops: Math.round(ops) }));
  }
}
if (sink === 42) console.log('');
