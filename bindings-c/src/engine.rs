//! The engine handle: compile a handbook once, then answer protocol requests from any number of threads.

use std::os::raw::c_char;
use std::sync::Arc;

use wuye::{Engine, HandbookErrors};

use crate::error::{self, wuye_status};
use crate::ffi;

/// A compiled handbook (规则引擎): immutable, shared freely across threads.
///
/// Create one with `wuye_engine_new_default` or `wuye_engine_new_from_json`, release it with `wuye_engine_free`.
/// Behind the pointer is a reference-counted engine (`Arc`), so later releases can hand out extra references
/// without changing this ABI.
pub struct wuye_engine {
    _private: [u8; 0],
}

/// Compiles the embedded default handbook into a new engine.
///
/// On `WUYE_OK`, writes the new engine to `*engine_out`. On a handbook error (3xx) — which would be a bug in the
/// embedded handbook — writes the protocol's error JSON to `*error_out` if `error_out` is not NULL.
///
/// Ownership: the caller owns `*engine_out` (free it with `wuye_engine_free`) and `*error_out` (free it with
/// `wuye_string_free`). Out-params are written only as described; initialise them to NULL.
/// NULL: `engine_out` NULL → `WUYE_NULL_ARGUMENT`; `error_out` may be NULL.
/// Thread safety: callable from any thread.
///
/// # Safety
/// `engine_out` is valid for a write of a pointer; `error_out` is NULL or valid for a write of a pointer.
#[no_mangle]
pub unsafe extern "C" fn wuye_engine_new_default(
    engine_out: *mut *mut wuye_engine,
    error_out: *mut *mut c_char,
) -> wuye_status {
    ffi::guard(|| {
        ffi::non_null(&[!engine_out.is_null()])?;
        // SAFETY: out-params checked or optional, per the contract above.
        unsafe { publish(Engine::with_default_handbook(), engine_out, error_out) }
    })
}

/// Parses, validates and compiles a handbook document (JSON text, UTF-8) into a new engine.
///
/// On `WUYE_OK`, writes the new engine to `*engine_out`. When the handbook is refused (`WUYE_HANDBOOK_INVALID`,
/// `WUYE_HANDBOOK_MALFORMED_JSON`), writes to `*error_out` (if not NULL) the protocol's error JSON for the first
/// problem plus every problem found: `{"error":{"code","message","path"},"problems":[...]}`.
///
/// Ownership: `handbook_json` stays the caller's (not kept after the call). The caller owns `*engine_out` (free
/// with `wuye_engine_free`) and `*error_out` (free with `wuye_string_free`); initialise both to NULL.
/// NULL: `handbook_json` or `engine_out` NULL → `WUYE_NULL_ARGUMENT`; `error_out` may be NULL. Text that is not
/// UTF-8 → `WUYE_INVALID_UTF8`.
/// Thread safety: callable from any thread.
///
/// # Safety
/// `handbook_json` is NULL or a NUL-terminated string; `engine_out` is valid for a write of a pointer;
/// `error_out` is NULL or valid for a write of a pointer.
#[no_mangle]
pub unsafe extern "C" fn wuye_engine_new_from_json(
    handbook_json: *const c_char,
    engine_out: *mut *mut wuye_engine,
    error_out: *mut *mut c_char,
) -> wuye_status {
    ffi::guard(|| {
        ffi::non_null(&[!handbook_json.is_null(), !engine_out.is_null()])?;
        // SAFETY: non-NULL and NUL-terminated per the contract above.
        let text = unsafe { ffi::utf8(handbook_json) }?;
        // SAFETY: out-params checked or optional, per the contract above.
        unsafe { publish(Engine::from_json(text), engine_out, error_out) }
    })
}

/// Writes a compiled engine, or the handbook's problems, through the out-params.
///
/// # Safety
/// `engine_out` is valid for a write; `error_out` is NULL or valid for a write.
unsafe fn publish(
    compiled: Result<Engine, HandbookErrors>,
    engine_out: *mut *mut wuye_engine,
    error_out: *mut *mut c_char,
) -> Result<wuye_status, wuye_status> {
    match compiled {
        Ok(engine) => {
            let handle = Arc::into_raw(Arc::new(engine)).cast_mut().cast::<wuye_engine>();
            // SAFETY: checked non-NULL by the caller.
            unsafe { *engine_out = handle };
            Ok(wuye_status::WUYE_OK)
        }
        Err(errors) => {
            let (status, json) = error::handbook(&errors);
            // SAFETY: NULL or valid per the contract.
            unsafe { ffi::write_error(error_out, json)? };
            Err(status)
        }
    }
}

/// Releases an engine.
///
/// Ownership: takes back ownership of `engine`; the handle is dangling afterwards. Strings the engine returned
/// stay valid (they are owned by the caller).
/// NULL: `wuye_engine_free(NULL)` does nothing.
/// Thread safety: must not run while another thread still uses the same engine.
///
/// # Safety
/// `engine` is NULL or a handle from `wuye_engine_new_*` that has not been freed.
#[no_mangle]
pub unsafe extern "C" fn wuye_engine_free(engine: *mut wuye_engine) {
    ffi::guard_value((), || {
        if !engine.is_null() {
            // SAFETY: the handle is `Arc::into_raw` of an `Arc<Engine>` (see `publish`), freed once per contract.
            drop(unsafe { Arc::from_raw(engine.cast_const().cast::<Engine>()) });
        }
    })
}

/// Answers one protocol request, or a JSON array of requests (a batch, answered in order), given as JSON text.
///
/// The response is byte for byte what the Rust `Engine::request` prints (compact JSON, keys sorted): `{"ok":...}`
/// or `{"error":{"code","message","path"}}`, with the request's `id` echoed. It is written to `*response_out`
/// whenever the engine answered: on `WUYE_OK`, and on a request-level error (2xx–8xx), where the status mirrors
/// the response's `error.code` (`request.malformed_json` → `WUYE_REQUEST_MALFORMED_JSON`). A batch returns
/// `WUYE_OK`; each element carries its own outcome. On 1xx and 9xx nothing is written.
///
/// Ownership: `request_json` stays the caller's. The caller owns `*response_out`; free it with
/// `wuye_string_free` (initialise it to NULL and free it after every call: freeing NULL is a no-op).
/// NULL: any NULL argument → `WUYE_NULL_ARGUMENT`. Text that is not UTF-8 → `WUYE_INVALID_UTF8`.
/// Thread safety: any number of threads may call this at once on the same engine.
///
/// # Safety
/// `engine` is NULL or a live handle from `wuye_engine_new_*`; `request_json` is NULL or a NUL-terminated
/// string; `response_out` is NULL or valid for a write of a pointer.
#[no_mangle]
pub unsafe extern "C" fn wuye_engine_request(
    engine: *const wuye_engine,
    request_json: *const c_char,
    response_out: *mut *mut c_char,
) -> wuye_status {
    ffi::guard(|| {
        ffi::non_null(&[!engine.is_null(), !request_json.is_null(), !response_out.is_null()])?;
        // SAFETY: non-NULL and live / NUL-terminated per the contract above.
        let (engine, request) = unsafe { (ffi::engine(engine), ffi::utf8(request_json)?) };
        let response = engine.request(request);
        let status = error::status_of_response(&response);
        // SAFETY: non-NULL, valid per the contract.
        unsafe { *response_out = ffi::owned(response)? };
        Ok(status)
    })
}
