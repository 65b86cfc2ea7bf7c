// The request protocol v1 (docs/protocol.md) as TypeScript types: one entry of `Ops` per op.
// Conventions: amounts, rates and quantities are decimal strings ("1234.50"), never numbers; instants are
// RFC 3339 strings with an offset ("2025-01-27T10:00:00+08:00"); dates are "YYYY-MM-DD".

/** An RFC 3339 instant with an offset, whole seconds: `2025-01-27T10:00:00+08:00`. */
export type InstantText = string;
/** A calendar date `YYYY-MM-DD`. */
export type DateText = string;
/** An exact decimal number as text: `"1234.50"`, `"0.538"`. */
export type Decimal = string;
/** A request id, echoed in its response. */
export type Id = string | number | boolean | null | Id[] | { [key: string]: Id };

/** The clocks a duration can run on. */
export type SpanUnit = 'hours' | 'minutes' | 'days' | 'business_hours' | 'business_minutes' | 'working_days';

/**
 * A duration with exactly one member: calendar time (`hours`, `minutes`, `days`) or time counted on a
 * calendar (`business_hours`, `business_minutes`, `working_days`), e.g. `{ business_hours: 2 }`.
 */
export type Span = { [U in SpanUnit]: { [K in U]: number } & { [K in Exclude<SpanUnit, U>]?: never } }[SpanUnit];

/** One problem: a stable `code` (`area.reason`), a message for people, a JSON path where input was at fault. */
export interface Problem {
  code: string;
  message: string;
  path?: string;
}

// ---- calendar.* -------------------------------------------------------------------------------------------

/** Working windows per weekday, `"HH:MM-HH:MM"` (end may be `24:00`); a day without windows is a rest day. */
export interface WeekDoc {
  mon?: string[];
  tue?: string[];
  wed?: string[];
  thu?: string[];
  fri?: string[];
  sat?: string[];
  sun?: string[];
}

/** A business calendar written inline in a request (the same shape as a handbook's `calendars` entry). */
export interface CalendarDoc {
  description?: string;
  /** Local UTC offset, `+08:00` by default. */
  utc_offset?: string;
  week: WeekDoc;
  /** Windows of a make-up working day (补班); by default those of the first weekday that has any. */
  makeup_day?: string[];
  /** Id of a holiday set of the handbook, e.g. `cn_mainland`. */
  holidays?: string;
  /** Days outside the holiday data: refuse (default) or assume the regular week and flag the answer. */
  outside_coverage?: 'error' | 'assume_regular_week';
  source?: Source;
}

/** Provenance: a handbook clause (`"§2.2.1"`) or an assumption with its reason. */
export type Source = string | { assumed: string };

/** A handbook calendar id (`"office"`) or an inline calendar. */
export type CalendarRef = string | CalendarDoc;

/** An instant, with a flag when the regular week was assumed outside the holiday data. */
export interface Moment {
  at: InstantText;
  assumed_regular_week: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'statutory_holiday' | 'rest_day' | 'makeup_workday';

/** One day of a calendar. */
export interface DayInfo {
  date: DateText;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  kind: DayKind;
  working: boolean;
  /** The holiday's name (春节) on holidays, rest days and make-up days. */
  name?: string;
  /** Working windows of the day, `"08:30-12:00"`. */
  windows: string[];
  working_seconds: number;
  /** Present (true) only when the regular week was assumed outside the holiday data. */
  assumed_regular_week?: true;
}


export interface CalendarOps {
  /** The instant `add` after `from` on the calendar (business time skips non-working time). */
  'calendar.add': { args: { calendar: CalendarRef; from: InstantText; add: Span }; ok: Moment };
  /** The first working instant at or after `from`. */
  'calendar.next_working': { args: { calendar: CalendarRef; from: InstantText }; ok: Moment };
  /** Business and calendar seconds from `from` to `to`. */
  'calendar.between': {
    args: { calendar: CalendarRef; from: InstantText; to: InstantText };
    ok: { business_seconds: number; calendar_seconds: number; assumed_regular_week: boolean };
  };
  /** Whether `at` is inside a working window. */
  'calendar.is_working': {
    args: { calendar: CalendarRef; at: InstantText };
    ok: { working: boolean; assumed_regular_week: boolean };
  };
  /** One day: its kind, holiday name and working windows. */
  'calendar.day': { args: { calendar: CalendarRef; date: DateText }; ok: DayInfo };
  /** Every day from `from` to `to` inclusive (at most 731). */
  'calendar.days': { args: { calendar: CalendarRef; from: DateText; to: DateText }; ok: { days: DayInfo[] } };
}

// ---- sla.* ------------------------------------------------------------------------------------------------

/** Something that happened to a ticket, at an instant the host states (`type` picks the event). */
export type TicketEvent =
  | { type: 'created'; at: InstantText }
  | { type: 'acknowledged'; at: InstantText }
  | { type: 'assigned'; at: InstantText; to: string }
  | { type: 'paused'; at: InstantText; reason: string }
  | { type: 'resumed'; at: InstantText }
  | { type: 'reclassified'; at: InstantText; kind: string }
  | { type: 'resolved'; at: InstantText }
  | { type: 'reopened'; at: InstantText }
  | { type: 'owner_informed'; at: InstantText }
  | { type: 'follow_up_done'; at: InstantText; satisfaction?: string }
  | { type: 'closed'; at: InstantText }
  | { type: 'cancelled'; at: InstantText };

/** A registered request or repair (工单): its kind (a handbook SLA kind) and its events, `created` first. */
export interface Ticket {
  id: string;
  kind: string;
  events: TicketEvent[];
}

export type Measure = 'first_response' | 'resolution' | 'follow_up';
export type GoalState = 'running' | 'paused' | 'met' | 'breached' | 'met_late' | 'cancelled';
export type TicketState = 'open' | 'paused' | 'resolved' | 'closed' | 'cancelled';

export interface SlaWarning {
  percent: number;
  at?: InstantText;
  reached: boolean;
}

export interface EscalationReport {
  role: string;
  when: 'start' | 'breach';
  at?: InstantText;
  /** The escalation's instant has come. */
  fired: boolean;
  /** Fired and the goal is still open: someone must act. */
  due: boolean;
}

/** One goal of one cycle, evaluated. Seconds are on the goal's clock (business seconds on a calendar). */
export interface GoalReport {
  measure: Measure;
  cycle: number;
  state: GoalState;
  target: Span;
  calendar?: string;
  target_seconds: number;
  elapsed_seconds: number;
  remaining_seconds: number;
  percent_used: number;
  started_at: InstantText;
  due_at?: InstantText;
  stopped_at?: InstantText;
  breached_at?: InstantText;
  warnings: SlaWarning[];
  escalations: EscalationReport[];
  /** The stretches that counted (pauses left out), up to now or the stop. */
  counted: [InstantText, InstantText][];
  source: Source;
}

export interface EscalationDue {
  role: string;
  measure: Measure;
  cycle: number;
  since: InstantText;
}

export type OpenObligation =
  | { obligation: 'explain_to_owner'; cycle: number; since: InstantText }
  | { obligation: 'follow_up'; cycle: number; due_at?: InstantText };

/** A ticket evaluated at `now`. */
export interface TicketReport {
  ticket: string;
  kind: string;
  kind_name: string;
  state: TicketState;
  cycle: number;
  assignee?: string;
  goals: GoalReport[];
  escalations_due: EscalationDue[];
  obligations_open: OpenObligation[];
  /** The next instant at which the answer changes: set one timer for it instead of polling. */
  next_change_at?: InstantText;
  assumed_regular_week: boolean;
}

export interface KpiGroup {
  key: string;
  tickets: number;
  goals_decided: number;
  goals_on_time: number;
  on_time_percent?: Decimal;
  resolutions: number;
  mean_resolution_seconds?: number;
  p90_resolution_seconds?: number;
}

export interface Kpi {
  tickets: number;
  by_kind: KpiGroup[];
  by_assignee: KpiGroup[];
  satisfaction: {
    answered: number;
    satisfied: number;
    without_answer: number;
    percent?: Decimal;
    target_percent: number;
    meets_target: boolean;
    satisfied_answers: string[];
  };
}

export interface SlaOps {
  /** A ticket's goals at `now`: states, due instants, warnings, escalations, obligations, `next_change_at`. */
  'sla.evaluate': { args: { ticket: Ticket; now: InstantText }; ok: TicketReport };
  /** Many tickets at once (one refused ticket does not spoil the rest) and what needs attention. */
  'sla.batch': {
    args: { tickets: Ticket[]; now: InstantText; due_within?: Span };
    ok: {
      results: ({ ok: TicketReport } | { error: Problem })[];
      overdue: string[];
      due_soon: string[];
      escalations_due: (EscalationDue & { ticket: string })[];
    };
  };
  /** On-time rates by kind and assignee, and owner satisfaction against the handbook's target. */
  'sla.kpi': { args: { tickets: Ticket[]; now: InstantText }; ok: Kpi };
  /** The handbook's request kinds and their goals. */
  'sla.kinds': {
    args: {};
    ok: { id: string; name: string; goals: { measure: Measure; target: Span }[] }[];
  };
}

// ---- fees.* -----------------------------------------------------------------------------------------------

/** Areas of a unit in m² (decimal strings): building (建筑面积), indoor (套内), exclusive (专有部分). */
export interface Areas {
  building: Decimal;
  indoor?: Decimal;
  exclusive?: Decimal;
}

export type Occupancy = 'occupied' | 'unsold' | { vacant: { since: DateText } };

/** A meter reading for a metered or tiered item; `used_before` is the tier period's use so far. */
export interface Reading {
  item: string;
  previous: Decimal;
  current: Decimal;
  used_before?: Decimal;
}

/** The unit's share of a shared (公摊) pool: `pool × weight / total_weight`. */
export interface ShareInput {
  item: string;
  pool: Decimal;
  weight: Decimal;
  total_weight: Decimal;
}

/** An unpaid charge, for late fees. */
export interface DebtInput {
  id?: string;
  principal: Decimal;
  due: DateText;
}

/** A unit as the fee rules see it: its property use (物业使用性质), areas, occupancy and what was measured. */
export interface Unit {
  id?: string;
  /** A use of the handbook's `fees.uses`: `residential`, `shop`, `office`, `parking`, … */
  use: string;
  areas: Areas;
  occupancy?: Occupancy;
  readings?: Reading[];
  shares?: ShareInput[];
  debts?: DebtInput[];
}

/** A billing period, both days included. */
export interface PeriodInput {
  from: DateText;
  to: DateText;
}

/** One bill line; with `explain: true` it also says how it was computed and from which rule. */
export interface BillLine {
  item: string;
  amount: Decimal;
  name?: string;
  rule?: string;
  source?: Source;
  inputs?: Record<string, Decimal | number | boolean | string>;
  formula?: string;
  /** The exact value before rounding; a fraction `"n/d"` when prorated. */
  exact?: string;
  /** The debt a late-fee line is for. */
  debt?: string;
}

/** A unit's bill for a period. */
export interface UnitBill {
  unit?: string;
  use: string;
  payer: string;
  period?: { from: DateText; to: DateText; months: string };
  lines: BillLine[];
  /** Items of the unit's use that got no reading or share: nothing is forgotten silently. */
  omitted?: string[];
  total: Decimal;
}

export type PoolInput = { item: string; amount: Decimal } | { item: string; quantity: Decimal; price: Decimal };

export interface FeesOps {
  /** One unit, one period: each line (with its explanation when `explain`) and the total. */
  'fees.quote': {
    args: { unit: Unit; period: PeriodInput; as_of?: DateText; prepaid?: boolean; explain?: boolean };
    ok: UnitBill;
  };
  /** A bill run: every unit's bill, shared pools apportioned over the units whose use carries their item. */
  'fees.bill': {
    args: {
      units: (Unit & { id: string })[];
      period: PeriodInput;
      pools?: PoolInput[];
      as_of?: DateText;
      prepaid?: boolean;
      explain?: boolean;
    };
    ok: {
      bills: UnitBill[];
      period: { from: DateText; to: DateText; months: string };
      pools: { item: string; amount: Decimal; exact?: string; formula?: string }[];
      total: Decimal;
    };
  };
  /** Splits a total over weights, to the fen, by largest remainder. */
  'fees.apportion': {
    args: ({ total: Decimal } | { quantity: Decimal; price: Decimal }) & { weights: Decimal[] };
    ok: { shares: Decimal[]; total: Decimal; method: string; exact?: string };
  };
  /** What a prepaid water or electricity top-up buys at the tariff for the unit's use. */
  'fees.topup': {
    args: { use: string; utility: string; used_before?: Decimal; arrears?: Decimal } & (
      | { money: Decimal; quantity?: never }
      | { quantity: Decimal; money?: never }
    );
    ok: {
      item: string;
      name: string;
      amount: Decimal;
      exact: string;
      quantity: Decimal;
      segments: { tier: number; quantity: Decimal; price: Decimal }[];
      unused?: Decimal;
      used_before: Decimal;
      arrears?: Decimal;
      note?: string;
      source: Source;
    };
  };
  /** Arrears at a date: payments allocated, late fees, ageing buckets and the dunning stage (催收). */
  'fees.arrears': {
    args: { as_of: DateText; charges: DebtInput[]; payments?: { amount: Decimal; on: DateText }[] };
    ok: {
      as_of: DateText;
      charges: {
        id?: string;
        principal: Decimal;
        due: DateText;
        paid: Decimal;
        outstanding: Decimal;
        days_overdue: number;
        bucket: string | null;
        late_fee: Decimal;
        late_fee_days: number;
        late_fee_exact: string;
        capped: boolean;
      }[];
      ageing: { label: string; amount: Decimal }[];
      outstanding: Decimal;
      late_fees: Decimal;
      not_due: Decimal;
      total_due: Decimal;
      unapplied: Decimal;
      stage?: { id: string; name: string };
      late_fee_rule: Record<string, Decimal | number | boolean | Source>;
    };
  };
}

// ---- workflow.* and custody.* -----------------------------------------------------------------------------

/** JSON values carried in event payloads and facts. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** An event of a workflow instance: who (`actor`, in `role`), what (`name`), when, with which facts and why. */
export interface WorkflowEvent {
  name: string;
  actor: string;
  role: string;
  at: InstantText;
  payload?: { [key: string]: Json };
  /** Why, in words (审批意见): kept in the audit trail. */
  note?: string;
}

/** A key or access-card event of the custody ledger. */
export interface KeyEvent extends WorkflowEvent {
  key: string;
}

/** A deposit or similar account of an instance (amounts as decimal strings). */
export interface Account {
  held: Decimal;
  deducted: Decimal;
  refunded: Decimal;
  balance: Decimal;
}

export interface WorkflowTimer {
  state: string;
  responsible: string;
  within: Span;
  calendar: string;
  started_at: InstantText;
  due_at: InstantText;
  overdue: boolean;
  assumed_regular_week?: true;
  source: Source;
}

/** Where an instance stands: its state, facts, accounts, timers and the next instant the answer changes. */
export interface WorkflowState {
  workflow: string;
  state: string;
  terminal: boolean;
  entered_at?: InstantText;
  events: number;
  facts?: { [key: string]: Json };
  accounts?: { [key: string]: Account };
  timers: WorkflowTimer[];
  timer_error?: Problem;
  next_change_at?: InstantText;
}

/** A transition a role may make now. */
export interface AllowedStep {
  event: string;
  to: string;
  guards?: string[];
}

export interface Ledger {
  keys: { key: string; place: string; since: InstantText; facts?: { [key: string]: Json }; events: number }[];
  places: { [place: string]: string[] };
}

export interface WorkflowOps {
  /** Every workflow definition of the handbook. */
  'workflow.list': {
    args: {};
    ok: { id: string; name: string; initial: string; states: string[]; terminal: string[]; events: string[] }[];
  };
  /** Replays `history`, then applies `event`: the new history (instants in local offset) and state, or an error. */
  'workflow.apply': {
    args: { workflow: string; history: WorkflowEvent[]; event: WorkflowEvent; now: InstantText };
    ok: { history: WorkflowEvent[]; state: WorkflowState };
  };
  /** The state `history` leads to at `now`. */
  'workflow.state': { args: { workflow: string; history: WorkflowEvent[]; now: InstantText }; ok: WorkflowState };
  /** The events `role` may make now. */
  'workflow.allowed': {
    args: { workflow: string; history: WorkflowEvent[]; role: string; now: InstantText };
    ok: { state: string; role: string; allowed: AllowedStep[] };
  };
  /** Every overdue timer across many instances, earliest due first; refused histories go to `errors`. */
  'workflow.overdue': {
    args: { instances: { id: string; workflow: string; history: WorkflowEvent[] }[]; now: InstantText };
    ok: {
      overdue: {
        id: string;
        workflow: string;
        state: string;
        responsible: string;
        started_at: InstantText;
        due_at: InstantText;
      }[];
      errors: { id: string; error: Problem }[];
    };
  };
  /** Applies a key event to the custody ledger (钥匙保管). */
  'custody.apply': {
    args: { history: KeyEvent[]; event: KeyEvent; now: InstantText };
    ok: { history: KeyEvent[]; ledger: Ledger };
  };
  /** Who holds which key, and which keys each place holds. */
  'custody.ledger': { args: { history: KeyEvent[]; now: InstantText }; ok: Ledger };
  /** The events `role` may make with `key` now. */
  'custody.allowed': {
    args: { history: KeyEvent[]; key: string; role: string; now: InstantText };
    ok: { key: string; place: string; role: string; allowed: AllowedStep[] };
  };
}

// ---- org.* ------------------------------------------------------------------------------------------------

/** A role of the org chart (组织构架). */
export interface RoleInfo {
  id: string;
  name: string;
  reports_to?: string;
  headcount?: number;
  /** Outside the company (the owner). */
  external: boolean;
  source: Source;
}

export interface OrgOps {
  /** One role of the org chart. */
  'org.role': { args: { role: string }; ok: RoleInfo };
  /** Who a matter goes up to next on the escalation ladder (§2.1); `to` is null at the top. */
  'org.escalate': { args: { from: string }; ok: { from: RoleInfo; to: RoleInfo | null } };
}

/** Every op, with its arguments and its answer. */
export interface Ops extends CalendarOps, SlaOps, FeesOps, WorkflowOps, OrgOps {}

/** Every op name. */
export type Op = keyof Ops;

/** One request: `{op, id?, ...args}`. */
export type Request = { [O in Op]: { op: O; id?: Id } & Ops[O]['args'] }[Op];

/** One response envelope: the op's answer under `ok`, or a problem under `error`; `id` echoed. */
export type Envelope<O extends Op = Op> =
  | { ok: Ops[O]['ok']; error?: never; id?: Id }
  | { error: Problem; ok?: never; id?: Id };
