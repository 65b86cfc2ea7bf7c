//! Every error mapping of the C API, in one place: core error codes and failures of the boundary itself become a
//! [`wuye_status`]; core problems become the protocol's error JSON.

use std::os::raw::{c_char, c_int};

use serde_json::{json, Value};
use wuye::{HandbookErrors, Problem};

/// What a call did: `WUYE_OK` (0) or why it failed.
///
/// Codes are banded by area and never reused or renumbered; a new release may add codes. Each band's `..00`
/// member stands for any error of that area this header does not name one by one, so a switch over bands keeps
/// working when the library learns new errors. The exact cause is always the JSON error `code`
/// (`calendar.out_of_coverage`).
///
/// | band | area |
/// |------|------|
/// | 0    | success |
/// | 1xx  | the call's own arguments (NULL, UTF-8, out-of-range values) |
/// | 2xx  | the protocol request |
/// | 3xx  | the handbook document and its org chart |
/// | 4xx  | calendars |
/// | 5xx  | SLA |
/// | 6xx  | fees |
/// | 7xx  | workflows |
/// | 8xx  | an area newer than this header |
/// | 9xx  | internal errors; a bug in wuye, please report |
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum wuye_status {
    /// Success.
    WUYE_OK = 0,
    /// A required pointer argument was NULL.
    WUYE_NULL_ARGUMENT = 100,
    /// A string argument was not valid UTF-8.
    WUYE_INVALID_UTF8 = 101,
    /// A non-pointer argument was out of its range (an unknown enum constant, say).
    WUYE_INVALID_ARGUMENT = 102,
    /// Any other `request.*` error.
    WUYE_REQUEST_INVALID = 200,
    /// `request.malformed_json`: the request text is not JSON.
    WUYE_REQUEST_MALFORMED_JSON = 201,
    /// `request.not_object`: a request (or a batch element) is not a JSON object.
    WUYE_REQUEST_NOT_OBJECT = 202,
    /// `request.unknown_op`: no area answers this `op`.
    WUYE_REQUEST_UNKNOWN_OP = 203,
    /// `request.missing_field`.
    WUYE_REQUEST_MISSING_FIELD = 204,
    /// `request.unknown_field`.
    WUYE_REQUEST_UNKNOWN_FIELD = 205,
    /// `request.invalid_value`.
    WUYE_REQUEST_INVALID_VALUE = 206,
    /// `request.unknown_variant`.
    WUYE_REQUEST_UNKNOWN_VARIANT = 207,
    /// `time.*`: an instant, date or offset the library cannot read exactly (no offset, sub-second, out of range).
    WUYE_REQUEST_INVALID_TIME = 210,
    /// Any `handbook.*` problem: the handbook does not validate.
    WUYE_HANDBOOK_INVALID = 300,
    /// `handbook.malformed_json`: the handbook text is not JSON.
    WUYE_HANDBOOK_MALFORMED_JSON = 301,
    /// Any `org.*` error: a question about the handbook's org chart (an unknown role, a role off the escalation
    /// ladder).
    WUYE_ORG_ERROR = 310,
    /// Any `calendar.*` error.
    WUYE_CALENDAR_ERROR = 400,
    /// Any `sla.*` error.
    WUYE_SLA_ERROR = 500,
    /// Any `fees.*` (or `money.*`) error.
    WUYE_FEES_ERROR = 600,
    /// Any `workflow.*` (or `custody.*`, the key and document custody ledger) error.
    WUYE_WORKFLOW_ERROR = 700,
    /// An error of an area this header does not know; read the JSON `code`.
    WUYE_OTHER_ERROR = 800,
    /// The library failed in a way it should not (a bug); the JSON or call result is missing.
    WUYE_INTERNAL = 900,
    /// A Rust panic was caught at the boundary (a bug); nothing was written to the out-params.
    WUYE_PANIC = 901,
}

impl wuye_status {
    /// Every status, for the name table and its tests.
    pub(crate) const ALL: [wuye_status; 23] = [
        wuye_status::WUYE_OK,
        wuye_status::WUYE_NULL_ARGUMENT,
        wuye_status::WUYE_INVALID_UTF8,
        wuye_status::WUYE_INVALID_ARGUMENT,
        wuye_status::WUYE_REQUEST_INVALID,
        wuye_status::WUYE_REQUEST_MALFORMED_JSON,
        wuye_status::WUYE_REQUEST_NOT_OBJECT,
        wuye_status::WUYE_REQUEST_UNKNOWN_OP,
        wuye_status::WUYE_REQUEST_MISSING_FIELD,
        wuye_status::WUYE_REQUEST_UNKNOWN_FIELD,
        wuye_status::WUYE_REQUEST_INVALID_VALUE,
        wuye_status::WUYE_REQUEST_UNKNOWN_VARIANT,
        wuye_status::WUYE_REQUEST_INVALID_TIME,
        wuye_status::WUYE_HANDBOOK_INVALID,
        wuye_status::WUYE_HANDBOOK_MALFORMED_JSON,
        wuye_status::WUYE_ORG_ERROR,
        wuye_status::WUYE_CALENDAR_ERROR,
        wuye_status::WUYE_SLA_ERROR,
        wuye_status::WUYE_FEES_ERROR,
        wuye_status::WUYE_WORKFLOW_ERROR,
        wuye_status::WUYE_OTHER_ERROR,
        wuye_status::WUYE_INTERNAL,
        wuye_status::WUYE_PANIC,
    ];

    /// The constant's name as in the header, NUL-terminated.
    fn name(self) -> &'static str {
        match self {
            wuye_status::WUYE_OK => "WUYE_OK\0",
            wuye_status::WUYE_NULL_ARGUMENT => "WUYE_NULL_ARGUMENT\0",
            wuye_status::WUYE_INVALID_UTF8 => "WUYE_INVALID_UTF8\0",
            wuye_status::WUYE_INVALID_ARGUMENT => "WUYE_INVALID_ARGUMENT\0",
            wuye_status::WUYE_REQUEST_INVALID => "WUYE_REQUEST_INVALID\0",
            wuye_status::WUYE_REQUEST_MALFORMED_JSON => "WUYE_REQUEST_MALFORMED_JSON\0",
            wuye_status::WUYE_REQUEST_NOT_OBJECT => "WUYE_REQUEST_NOT_OBJECT\0",
            wuye_status::WUYE_REQUEST_UNKNOWN_OP => "WUYE_REQUEST_UNKNOWN_OP\0",
            wuye_status::WUYE_REQUEST_MISSING_FIELD => "WUYE_REQUEST_MISSING_FIELD\0",
            wuye_status::WUYE_REQUEST_UNKNOWN_FIELD => "WUYE_REQUEST_UNKNOWN_FIELD\0",
            wuye_status::WUYE_REQUEST_INVALID_VALUE => "WUYE_REQUEST_INVALID_VALUE\0",
            wuye_status::WUYE_REQUEST_UNKNOWN_VARIANT => "WUYE_REQUEST_UNKNOWN_VARIANT\0",
            wuye_status::WUYE_REQUEST_INVALID_TIME => "WUYE_REQUEST_INVALID_TIME\0",
            wuye_status::WUYE_HANDBOOK_INVALID => "WUYE_HANDBOOK_INVALID\0",
            wuye_status::WUYE_HANDBOOK_MALFORMED_JSON => "WUYE_HANDBOOK_MALFORMED_JSON\0",
            wuye_status::WUYE_ORG_ERROR => "WUYE_ORG_ERROR\0",
            wuye_status::WUYE_CALENDAR_ERROR => "WUYE_CALENDAR_ERROR\0",
            wuye_status::WUYE_SLA_ERROR => "WUYE_SLA_ERROR\0",
            wuye_status::WUYE_FEES_ERROR => "WUYE_FEES_ERROR\0",
            wuye_status::WUYE_WORKFLOW_ERROR => "WUYE_WORKFLOW_ERROR\0",
            wuye_status::WUYE_OTHER_ERROR => "WUYE_OTHER_ERROR\0",
            wuye_status::WUYE_INTERNAL => "WUYE_INTERNAL\0",
            wuye_status::WUYE_PANIC => "WUYE_PANIC\0",
        }
    }
}

/// The status for a core error code (`area.reason`).
pub(crate) fn status_of_code(code: &str) -> wuye_status {
    use wuye_status::*;
    match code {
        "request.malformed_json" => WUYE_REQUEST_MALFORMED_JSON,
        "request.not_object" => WUYE_REQUEST_NOT_OBJECT,
        "request.unknown_op" => WUYE_REQUEST_UNKNOWN_OP,
        "request.missing_field" => WUYE_REQUEST_MISSING_FIELD,
        "request.unknown_field" => WUYE_REQUEST_UNKNOWN_FIELD,
        "request.invalid_value" => WUYE_REQUEST_INVALID_VALUE,
        "request.unknown_variant" => WUYE_REQUEST_UNKNOWN_VARIANT,
        "handbook.malformed_json" => WUYE_HANDBOOK_MALFORMED_JSON,
        _ => match code.split_once('.').map_or(code, |(area, _)| area) {
            "request" => WUYE_REQUEST_INVALID,
            "time" => WUYE_REQUEST_INVALID_TIME,
            "handbook" => WUYE_HANDBOOK_INVALID,
            "org" => WUYE_ORG_ERROR,
            "calendar" => WUYE_CALENDAR_ERROR,
            "sla" => WUYE_SLA_ERROR,
            "fees" | "money" => WUYE_FEES_ERROR,
            "workflow" | "custody" => WUYE_WORKFLOW_ERROR,
            "internal" => WUYE_INTERNAL,
            _ => WUYE_OTHER_ERROR,
        },
    }
}

/// The status of one protocol response text: `WUYE_OK` for an `ok` answer or a batch (each element carries its own
/// outcome), else the status of the error's code.
///
/// The response is canonical (keys sorted), so a single error answer starts with `{"error":`; only those are read
/// again, which keeps the successful path free of a second parse.
pub(crate) fn status_of_response(response: &str) -> wuye_status {
    if !response.starts_with("{\"error\":") {
        return wuye_status::WUYE_OK;
    }
    let parsed: Option<Value> = serde_json::from_str(response).ok();
    match parsed
        .as_ref()
        .and_then(|v| v.pointer("/error/code"))
        .and_then(Value::as_str)
    {
        Some(code) => status_of_code(code),
        None => wuye_status::WUYE_INTERNAL,
    }
}

/// A core problem as the protocol's error JSON, `{"error":{"code","message","path"}}`, with its status.
pub(crate) fn problem(problem: &Problem) -> (wuye_status, String) {
    (status_of_code(problem.code), json!({ "error": problem }).to_string())
}

/// Handbook problems as the protocol's error JSON (the first problem) plus every problem found, in document
/// order: `{"error":{...},"problems":[{...},...]}`.
pub(crate) fn handbook(errors: &HandbookErrors) -> (wuye_status, String) {
    let first = errors.0.first();
    let status = first.map_or(wuye_status::WUYE_HANDBOOK_INVALID, |p| status_of_code(p.code));
    (status, json!({ "error": first, "problems": errors.0 }).to_string())
}

/// The name of a status constant (`"WUYE_CALENDAR_ERROR"`), for logs.
///
/// Ownership: the string is static; never free it.
/// NULL: never returns NULL; a number that is no status gives `"WUYE_UNKNOWN_STATUS"`.
/// Thread safety: callable from any thread at any time.
///
/// # Safety
/// Always safe to call; any `int` is accepted.
#[no_mangle]
pub extern "C" fn wuye_status_name(status: c_int) -> *const c_char {
    crate::ffi::guard_value(UNKNOWN.as_ptr().cast(), || {
        let name = wuye_status::ALL
            .iter()
            .find(|s| **s as c_int == status)
            .map_or(UNKNOWN, |s| s.name());
        name.as_ptr().cast()
    })
}

const UNKNOWN: &str = "WUYE_UNKNOWN_STATUS\0";

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn codes_map_to_their_band() {
        assert_eq!(
            status_of_code("request.unknown_op"),
            wuye_status::WUYE_REQUEST_UNKNOWN_OP
        );
        assert_eq!(
            status_of_code("request.something_new"),
            wuye_status::WUYE_REQUEST_INVALID
        );
        assert_eq!(
            status_of_code("time.missing_offset"),
            wuye_status::WUYE_REQUEST_INVALID_TIME
        );
        assert_eq!(
            status_of_code("handbook.unknown_role"),
            wuye_status::WUYE_HANDBOOK_INVALID
        );
        assert_eq!(
            status_of_code("calendar.out_of_coverage"),
            wuye_status::WUYE_CALENDAR_ERROR
        );
        assert_eq!(status_of_code("fees.unknown_tariff"), wuye_status::WUYE_FEES_ERROR);
        assert_eq!(status_of_code("money.overflow"), wuye_status::WUYE_FEES_ERROR);
        assert_eq!(status_of_code("org.not_on_ladder"), wuye_status::WUYE_ORG_ERROR);
        assert_eq!(
            status_of_code("workflow.guard_failed"),
            wuye_status::WUYE_WORKFLOW_ERROR
        );
        assert_eq!(status_of_code("custody.unknown_key"), wuye_status::WUYE_WORKFLOW_ERROR);
        assert_eq!(status_of_code("kpi.whatever"), wuye_status::WUYE_OTHER_ERROR);
        assert_eq!(status_of_code("nodot"), wuye_status::WUYE_OTHER_ERROR);
    }

    #[test]
    fn statuses_are_banded_and_named_once() {
        let mut seen = std::collections::HashSet::new();
        for s in wuye_status::ALL {
            let n = s as c_int;
            assert!(n == 0 || (100..1000).contains(&n));
            // SAFETY: wuye_status_name returns static NUL-terminated strings.
            let name = unsafe { CStr::from_ptr(wuye_status_name(n)) }.to_str();
            assert_eq!(name, Ok(s.name().trim_end_matches('\0')));
            seen.insert(name.ok());
        }
        assert_eq!(seen.len(), wuye_status::ALL.len(), "ALL lists every status once");
        // SAFETY: as above.
        let unknown = unsafe { CStr::from_ptr(wuye_status_name(-1)) };
        assert_eq!(unknown.to_str(), Ok("WUYE_UNKNOWN_STATUS"));
    }

    #[test]
    fn response_status_reads_only_single_errors() {
        assert_eq!(status_of_response(r#"{"ok":{}}"#), wuye_status::WUYE_OK);
        assert_eq!(
            status_of_response(r#"[{"error":{"code":"request.unknown_op"}}]"#),
            wuye_status::WUYE_OK
        );
        let e = r#"{"error":{"code":"request.unknown_op","message":"m","path":"op"},"id":1}"#;
        assert_eq!(status_of_response(e), wuye_status::WUYE_REQUEST_UNKNOWN_OP);
    }

    #[test]
    fn every_status_in_the_header_has_its_name() {
        let header = include_str!("../include/wuye.h");
        let mut count = 0;
        let constants = header
            .lines()
            .filter_map(|l| l.trim().strip_prefix("WUYE_")?.trim_end_matches(',').split_once(" = "));
        for (name, value) in constants {
            let Ok(number) = value.parse::<c_int>() else { continue };
            // SAFETY: static NUL-terminated string.
            let got = unsafe { CStr::from_ptr(wuye_status_name(number)) };
            assert_eq!(got.to_str().map(|n| n.strip_prefix("WUYE_")), Ok(Some(name)));
            count += 1;
        }
        assert_eq!(count, wuye_status::ALL.len());
    }
}
