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

/** Every op, with its arguments and its answer. */
export interface Ops extends CalendarOps, SlaOps {}

/** Every op name. */
export type Op = keyof Ops;

/** One request: `{op, id?, ...args}`. */
export type Request = { [O in Op]: { op: O; id?: Id } & Ops[O]['args'] }[Op];

/** One response envelope: the op's answer under `ok`, or a problem under `error`; `id` echoed. */
export type Envelope<O extends Op = Op> =
  | { ok: Ops[O]['ok']; error?: never; id?: Id }
  | { error: Problem; ok?: never; id?: Id };
