// Types of the wuye npm package (both the web and the node entry). The request and response shapes of each op
// are in ./protocol.d.ts, written from docs/protocol.md.
import type { Id, Op, Ops, Problem, Request, Envelope } from './protocol.js';

export * from './protocol.js';

/** A problem reported by wuye, thrown by every method that can fail. */
export declare class WuyeError extends Error {
  readonly name: 'WuyeError';
  /** Stable machine code `area.reason`, e.g. `calendar.unknown_calendar`, `request.invalid_value`. */
  readonly code: string;
  /** Where the input was at fault, as a JSON path (`span.hours`, `calendars.office.week.mon[0]`), if known. */
  readonly path: string | undefined;
  /** Every problem found (a handbook reports all of its problems at once); the first is `code`/`message`/`path`. */
  readonly problems: Problem[];
}

/** Inputs longer than this (UTF-16 code units) are refused with `request.too_large` / `handbook.too_large`. */
export declare const MAX_INPUT_LENGTH: number;

/** A compiled handbook: compile once, then ask many questions. Every call is a pure function of its input. */
export declare class Engine {
  /**
   * Compiles a handbook document (JSON text or an object), or the embedded default handbook when omitted.
   * @throws WuyeError listing every handbook problem.
   */
  constructor(handbook?: string | object);
  /** The handbook's `name`, as written in the document. */
  readonly name: string;
  /** The handbook's `version`, as written in the document. */
  readonly handbookVersion: string;

  /** Answers protocol JSON text (one request or an array) with the exact response text; never throws for bad JSON. */
  request(json: string): string;
  /** Answers one request object with its envelope: `{ok}` or `{error}` (with `id` echoed). */
  handle<R extends Request>(request: R): Envelope<R["op"]>;
  /** Answers a batch, in order; each element gets its own envelope. */
  handle(batch: readonly Request[]): Envelope[];
  /** Runs one op and returns its `ok` value. @throws WuyeError for an `{"error"}` answer. */
  call<O extends Op>(op: O, args: Ops[O]['args']): Ops[O]['ok'];
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;

  calendarAdd(args: Ops['calendar.add']['args']): Ops['calendar.add']['ok'];
  calendarNextWorking(args: Ops['calendar.next_working']['args']): Ops['calendar.next_working']['ok'];
  calendarBetween(args: Ops['calendar.between']['args']): Ops['calendar.between']['ok'];
  calendarIsWorking(args: Ops['calendar.is_working']['args']): Ops['calendar.is_working']['ok'];
  calendarDay(args: Ops['calendar.day']['args']): Ops['calendar.day']['ok'];
  calendarDays(args: Ops['calendar.days']['args']): Ops['calendar.days']['ok'];
  slaEvaluate(args: Ops['sla.evaluate']['args']): Ops['sla.evaluate']['ok'];
  slaBatch(args: Ops['sla.batch']['args']): Ops['sla.batch']['ok'];
  slaKpi(args: Ops['sla.kpi']['args']): Ops['sla.kpi']['ok'];
  slaKinds(): Ops['sla.kinds']['ok'];
  feesQuote(args: Ops['fees.quote']['args']): Ops['fees.quote']['ok'];
  feesBill(args: Ops['fees.bill']['args']): Ops['fees.bill']['ok'];
  feesApportion(args: Ops['fees.apportion']['args']): Ops['fees.apportion']['ok'];
  feesTopup(args: Ops['fees.topup']['args']): Ops['fees.topup']['ok'];
  feesArrears(args: Ops['fees.arrears']['args']): Ops['fees.arrears']['ok'];
  workflowList(): Ops['workflow.list']['ok'];
  workflowApply(args: Ops['workflow.apply']['args']): Ops['workflow.apply']['ok'];
  workflowState(args: Ops['workflow.state']['args']): Ops['workflow.state']['ok'];
  workflowAllowed(args: Ops['workflow.allowed']['args']): Ops['workflow.allowed']['ok'];
  workflowOverdue(args: Ops['workflow.overdue']['args']): Ops['workflow.overdue']['ok'];
  custodyApply(args: Ops['custody.apply']['args']): Ops['custody.apply']['ok'];
  custodyLedger(args: Ops['custody.ledger']['args']): Ops['custody.ledger']['ok'];
  custodyAllowed(args: Ops['custody.allowed']['args']): Ops['custody.allowed']['ok'];
  orgRole(args: Ops['org.role']['args']): Ops['org.role']['ok'];
  orgEscalate(args: Ops['org.escalate']['args']): Ops['org.escalate']['ok'];
}

/** The embedded default handbook as pretty JSON text. */
export declare function defaultHandbook(): string;
/** The wuye library version inside the module. */
export declare function version(): string;

/** What `init` accepts in browsers: the URL of (or bytes of, or a compiled) `wuye_wasm_bg.wasm`. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** Loads the wasm module (browsers: once, before the first Engine; Node: a no-op). */
export default function init(input?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;
export declare function init(input?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;
/** Loads the wasm module synchronously from its bytes (browsers; Node: a no-op). */
export declare function initSync(input?: { module: BufferSource | WebAssembly.Module }): unknown;
export type { Id };
