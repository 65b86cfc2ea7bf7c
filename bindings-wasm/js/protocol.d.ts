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

/** A duration: calendar time (`hours`, `minutes`, `days`) or business time counted on a calendar. */
export type Span =
  | { hours: number }
  | { minutes: number }
  | { days: number }
  | { business_hours: number }
  | { business_minutes: number }
  | { working_days: number };

/** One problem: a stable `code` (`area.reason`), a message for people, a JSON path where input was at fault. */
export interface Problem {
  code: string;
  message: string;
  path?: string;
}

// ---- calendar.* -------------------------------------------------------------------------------------------

export interface Ops {
}

/** Every op name. */
export type Op = keyof Ops;

/** One request: `{op, id?, ...args}`. */
export type Request = { [O in Op]: { op: O; id?: Id } & Ops[O]['args'] }[Op];

/** One response envelope: the op's answer under `ok`, or a problem under `error`; `id` echoed. */
export type Envelope<O extends Op = Op> =
  | { ok: Ops[O]['ok']; error?: never; id?: Id }
  | { error: Problem; ok?: never; id?: Id };
