//! Typed entry point for the hottest calendar question — "when is this due?" — without a JSON round trip.
//!
//! Same answer as the `calendar.add` op (the C tests compare both on a grid of inputs); instants are Unix
//! seconds so a host converts nothing.

use std::os::raw::c_char;

use wuye::calendar::Span;
use wuye::{Instant, Problem};

use crate::engine::wuye_engine;
use crate::error::{self, wuye_status};
use crate::ffi;

/// How a span is counted: one of the `WUYE_SPAN_*` constants (an integer, so a bad value is a status, not UB).
pub type wuye_span_unit = u32;
/// Wall-clock hours, nights and holidays included.
pub const WUYE_SPAN_HOURS: wuye_span_unit = 1;
/// Wall-clock minutes.
pub const WUYE_SPAN_MINUTES: wuye_span_unit = 2;
/// Wall-clock days of 24 hours.
pub const WUYE_SPAN_DAYS: wuye_span_unit = 3;
/// Hours counted only inside the calendar's working windows (工作时间).
pub const WUYE_SPAN_BUSINESS_HOURS: wuye_span_unit = 4;
/// Minutes counted only inside the calendar's working windows.
pub const WUYE_SPAN_BUSINESS_MINUTES: wuye_span_unit = 5;
/// Whole working days (工作日): the same clock time on the N-th working day after the start.
pub const WUYE_SPAN_WORKING_DAYS: wuye_span_unit = 6;

/// An instant produced by calendar arithmetic.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct wuye_shifted {
    /// The instant, in seconds since 1970-01-01T00:00:00Z.
    pub at: i64,
    /// True when the answer relied on the regular week outside the years the holiday data covers.
    pub assumed_regular_week: bool,
}

/// Adds a span to an instant on a handbook calendar (`"office"`, say): the typed form of the `calendar.add` op.
///
/// `from_unix_seconds` is seconds since 1970-01-01T00:00:00Z; `unit` is a `WUYE_SPAN_*` constant and `amount`
/// how many of them. On `WUYE_OK`, writes the due instant to `*result_out`. On a calendar or time error
/// (`WUYE_CALENDAR_ERROR` for an unknown calendar or a date outside the holiday data,
/// `WUYE_REQUEST_INVALID_TIME` outside 1900..9999) writes the protocol's error JSON to `*error_out` if
/// `error_out` is not NULL. An unknown `unit` → `WUYE_INVALID_ARGUMENT`.
///
/// Ownership: `calendar_id` stays the caller's; `*result_out` is a plain value; the caller owns `*error_out`
/// (free with `wuye_string_free`; initialise it to NULL).
/// NULL: `engine`, `calendar_id` or `result_out` NULL → `WUYE_NULL_ARGUMENT`; `error_out` may be NULL. A
/// `calendar_id` that is not UTF-8 → `WUYE_INVALID_UTF8`.
/// Thread safety: any number of threads may call this at once on the same engine.
///
/// # Safety
/// `engine` is NULL or a live handle from `wuye_engine_new_*`; `calendar_id` is NULL or a NUL-terminated string;
/// `result_out` is NULL or valid for a write of a `wuye_shifted`; `error_out` is NULL or valid for a write of a
/// pointer.
#[no_mangle]
pub unsafe extern "C" fn wuye_calendar_add(
    engine: *const wuye_engine,
    calendar_id: *const c_char,
    from_unix_seconds: i64,
    unit: wuye_span_unit,
    amount: u32,
    result_out: *mut wuye_shifted,
    error_out: *mut *mut c_char,
) -> wuye_status {
    ffi::guard(|| {
        ffi::non_null(&[!engine.is_null(), !calendar_id.is_null(), !result_out.is_null()])?;
        // SAFETY: non-NULL and live / NUL-terminated per the contract above.
        let (engine, id) = unsafe { (ffi::engine(engine), ffi::utf8(calendar_id)?) };
        let span = span(unit, amount).ok_or(wuye_status::WUYE_INVALID_ARGUMENT)?;
        let shifted = Instant::new(from_unix_seconds).map_err(Problem::from).and_then(|from| {
            let calendar = engine.calendars().get(id)?;
            Ok(calendar.add(from, &span)?)
        });
        match shifted {
            Ok(s) => {
                let result = wuye_shifted {
                    at: s.at.0,
                    assumed_regular_week: s.assumed_regular_week,
                };
                // SAFETY: non-NULL, valid per the contract.
                unsafe { *result_out = result };
                Ok(wuye_status::WUYE_OK)
            }
            Err(problem) => {
                let (status, json) = error::problem(&problem);
                // SAFETY: NULL or valid per the contract.
                unsafe { ffi::write_error(error_out, json)? };
                Err(status)
            }
        }
    })
}

/// The core's span for a unit constant, or `None` for a number that is no unit.
fn span(unit: wuye_span_unit, amount: u32) -> Option<Span> {
    Some(match unit {
        WUYE_SPAN_HOURS => Span::Hours(amount),
        WUYE_SPAN_MINUTES => Span::Minutes(amount),
        WUYE_SPAN_DAYS => Span::Days(amount),
        WUYE_SPAN_BUSINESS_HOURS => Span::BusinessHours(amount),
        WUYE_SPAN_BUSINESS_MINUTES => Span::BusinessMinutes(amount),
        WUYE_SPAN_WORKING_DAYS => Span::WorkingDays(amount),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_add_matches_the_protocol_vector() {
        let mut engine = std::ptr::null_mut();
        // SAFETY: valid out-params.
        assert_eq!(
            unsafe { crate::engine::wuye_engine_new_default(&mut engine, std::ptr::null_mut()) },
            wuye_status::WUYE_OK
        );
        let mut out = wuye_shifted {
            at: 0,
            assumed_regular_week: true,
        };
        // 2025-03-03T11:00:00+08:00 + 24 business hours = 2025-03-06T14:00:00+08:00 (tests/vectors/calendar.jsonl)
        let status = unsafe {
            wuye_calendar_add(
                engine,
                c"office".as_ptr(),
                1_740_970_800,
                WUYE_SPAN_BUSINESS_HOURS,
                24,
                &mut out,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, wuye_status::WUYE_OK);
        assert_eq!(out.at, 1_741_240_800);
        assert!(!out.assumed_regular_week);
        // SAFETY: the engine came from wuye_engine_new_default.
        unsafe { crate::engine::wuye_engine_free(engine) };
    }

    #[test]
    fn every_unit_constant_is_a_span() {
        for unit in 1..=6 {
            assert!(span(unit, 1).is_some());
        }
        assert!(span(0, 1).is_none() && span(7, 1).is_none());
    }
}
