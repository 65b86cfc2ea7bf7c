// The wuye Engine for JavaScript: a thin shell over the wasm module's `RawEngine`.
//
// JSON text crosses into Rust and the canonical response text comes back; this file only converts between
// objects and text and turns `{"error": …}` answers into thrown `WuyeError`s. No rule and no arithmetic here.
// The same file sits next to each wasm-bindgen output (web/ and node/), importing its neighbour `wuye_wasm.js`.
import { RawEngine, defaultHandbook as rawDefaultHandbook, libraryVersion } from './wuye_wasm.js';

/** Inputs above this many UTF-16 code units are refused before they reach wasm memory (a guard, not a rule). */
export const MAX_INPUT_LENGTH = 64 * 1024 * 1024;

/** A problem reported by wuye: a stable `code` (`area.reason`), a message and, where input was at fault, a path. */
export class WuyeError extends Error {
  constructor(problem, problems) {
    super(String(problem?.message ?? 'unknown error'));
    this.name = 'WuyeError';
    this.code = String(problem?.code ?? 'internal.unknown');
    this.path = typeof problem?.path === 'string' ? problem.path : undefined;
    this.problems = Array.isArray(problems) ? problems : [{ code: this.code, message: this.message, path: this.path }];
  }
}

const fail = (code, message, path) => {
  throw new WuyeError(path === undefined ? { code, message } : { code, message, path });
};

// `area` is `request` or `handbook`: the first half of the error code, as in the core.
function checkText(text, what, area = 'request') {
  if (typeof text !== 'string') fail(`${area}.invalid_value`, `${what} must be JSON text (a string)`);
  if (text.length > MAX_INPUT_LENGTH) {
    fail(`${area}.too_large`, `${what} is ${text.length} characters; the limit is ${MAX_INPUT_LENGTH}`);
  }
  return text;
}

function stringify(value, what, area = 'request') {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    fail(`${area}.invalid_value`, `${what} cannot be written as JSON: ${e?.message ?? e}`);
  }
  if (text === undefined) fail(`${area}.invalid_value`, `${what} cannot be written as JSON`);
  return checkText(text, what, area);
}

// A wasm trap would mean a bug in the core (it never panics on input); surface it as a WuyeError all the same.
function guard(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof WuyeError) throw e;
    if (e instanceof WebAssembly.RuntimeError) fail('internal.trap', `the wasm module trapped: ${e.message}`);
    throw e;
  }
}

/** A compiled handbook. Compile once, then ask it many questions; every call is a pure function of its input. */
export class Engine {
  #raw;

  /**
   * @param handbook the handbook document as JSON text or as an object; omit it for the embedded default.
   * @throws WuyeError with the first problem in `code`/`message`/`path` and all of them in `problems`.
   */
  constructor(handbook) {
    const text = handbook === undefined || handbook === null ? undefined
      : typeof handbook === 'string' ? checkText(handbook, 'the handbook', 'handbook')
      : stringify(handbook, 'the handbook', 'handbook');
    this.#raw = guard(() => {
      try {
        return new RawEngine(text);
      } catch (e) {
        if (typeof e !== 'string') throw e;
        const answer = JSON.parse(e);
        throw new WuyeError(answer.error, answer.problems);
      }
    });
  }

  #engine() {
    if (this.#raw === null) fail('engine.freed', 'this Engine was freed');
    return this.#raw;
  }

  /** The handbook's name and version, as written in the document. */
  get name() {
    return this.#engine().name;
  }

  get handbookVersion() {
    return this.#engine().handbookVersion;
  }

  /** Answers protocol JSON text (one request or an array of them) with the exact response text. */
  request(json) {
    const text = checkText(json, 'the request');
    return guard(() => this.#engine().request(text));
  }

  /** Answers one request object (or an array of them) with the response envelope(s): `{ok}` or `{error}`. */
  handle(request) {
    return JSON.parse(this.request(stringify(request, 'the request')));
  }

  /** Runs one op and returns its `ok` value; an `{"error": …}` answer is thrown as a `WuyeError`. */
  call(op, args) {
    if (typeof op !== 'string') fail('request.invalid_value', '`op` must be a string', 'op');
    if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
      fail('request.invalid_value', 'the arguments of an op are an object');
    }
    const response = this.handle({ ...args, op });
    if (response.error) throw new WuyeError(response.error);
    return response.ok;
  }

  /** Releases the wasm memory now instead of at garbage collection; the engine is unusable afterwards. */
  free() {
    if (this.#raw !== null) {
      this.#raw.free();
      this.#raw = null;
    }
  }

  // Typed convenience methods: one per op, each exactly `call(op, args)`.
  calendarAdd(args) { return this.call('calendar.add', args); }
  calendarNextWorking(args) { return this.call('calendar.next_working', args); }
  calendarBetween(args) { return this.call('calendar.between', args); }
  calendarIsWorking(args) { return this.call('calendar.is_working', args); }
  calendarDay(args) { return this.call('calendar.day', args); }
  calendarDays(args) { return this.call('calendar.days', args); }
  slaEvaluate(args) { return this.call('sla.evaluate', args); }
  slaBatch(args) { return this.call('sla.batch', args); }
  slaKpi(args) { return this.call('sla.kpi', args); }
  slaKinds() { return this.call('sla.kinds', {}); }
  feesQuote(args) { return this.call('fees.quote', args); }
  feesBill(args) { return this.call('fees.bill', args); }
  feesApportion(args) { return this.call('fees.apportion', args); }
  feesTopup(args) { return this.call('fees.topup', args); }
  feesArrears(args) { return this.call('fees.arrears', args); }
  workflowList() { return this.call('workflow.list', {}); }
  workflowApply(args) { return this.call('workflow.apply', args); }
  workflowState(args) { return this.call('workflow.state', args); }
  workflowAllowed(args) { return this.call('workflow.allowed', args); }
  workflowOverdue(args) { return this.call('workflow.overdue', args); }
  custodyApply(args) { return this.call('custody.apply', args); }
  custodyLedger(args) { return this.call('custody.ledger', args); }
  custodyAllowed(args) { return this.call('custody.allowed', args); }
  orgRole(args) { return this.call('org.role', args); }
  orgEscalate(args) { return this.call('org.escalate', args); }
}

/** The embedded default handbook as pretty JSON text: a starting point to edit. */
export function defaultHandbook() {
  return guard(() => rawDefaultHandbook());
}

/** The wuye library version inside this module. */
export function version() {
  return libraryVersion();
}
