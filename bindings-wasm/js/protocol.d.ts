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

export interface Ops {
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

/** Every op name. */
export type Op = keyof Ops;

/** One request: `{op, id?, ...args}`. */
export type Request = { [O in Op]: { op: O; id?: Id } & Ops[O]['args'] }[Op];

/** One response envelope: the op's answer under `ok`, or a problem under `error`; `id` echoed. */
export type Envelope<O extends Op = Op> =
  | { ok: Ops[O]['ok']; error?: never; id?: Id }
  | { error: Problem; ok?: never; id?: Id };
