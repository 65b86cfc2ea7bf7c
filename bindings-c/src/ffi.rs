//! The checks every export makes before touching the core: the panic boundary, pointers in, strings out.
//!
//! Each helper returns `Err(status)` instead of crashing, so an export reads as a short list of `?`.

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use wuye::Engine;

use crate::engine::wuye_engine;
use crate::error::wuye_status;

/// Runs an export's body; a panic becomes `WUYE_PANIC` instead of unwinding into C.
///
/// `AssertUnwindSafe` is sound here: the body only reads the immutable engine and writes out-params last, so a
/// panic leaves nothing half-changed that a later call could observe.
pub(crate) fn guard(body: impl FnOnce() -> Result<wuye_status, wuye_status>) -> wuye_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status)) | Ok(Err(status)) => status,
        Err(_) => wuye_status::WUYE_PANIC,
    }
}

/// The same boundary for exports that return a value rather than a status; a panic yields `fallback`.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Fails with `WUYE_NULL_ARGUMENT` when any of the pointers is NULL (checked before anything else is read).
pub(crate) fn non_null(pointers: &[bool]) -> Result<(), wuye_status> {
    if pointers.iter().all(|present| *present) {
        Ok(())
    } else {
        Err(wuye_status::WUYE_NULL_ARGUMENT)
    }
}

/// Borrows the engine behind a handle.
///
/// # Safety
/// `engine` is non-NULL and came from `wuye_engine_new_*` and has not been freed.
pub(crate) unsafe fn engine<'a>(engine: *const wuye_engine) -> &'a Engine {
    // SAFETY: the handle is `Arc::into_raw` of an `Arc<Engine>` (see engine.rs), alive per the caller's contract.
    unsafe { &*engine.cast::<Engine>() }
}

/// Reads a NUL-terminated C string as UTF-8 (`WUYE_INVALID_UTF8` otherwise).
///
/// # Safety
/// `text` is non-NULL and points to a NUL-terminated string that outlives the call.
pub(crate) unsafe fn utf8<'a>(text: *const c_char) -> Result<&'a str, wuye_status> {
    // SAFETY: per the caller's contract.
    let bytes = unsafe { CStr::from_ptr(text) };
    bytes.to_str().map_err(|_| wuye_status::WUYE_INVALID_UTF8)
}

/// Hands a string to C; the caller releases it with `wuye_string_free`.
///
/// JSON and RFC 3339 text never hold a NUL byte; if one ever did, the caller gets `WUYE_INTERNAL`, not a cut string.
pub(crate) fn owned(text: String) -> Result<*mut c_char, wuye_status> {
    CString::new(text)
        .map(CString::into_raw)
        .map_err(|_| wuye_status::WUYE_INTERNAL)
}

/// Hands an error JSON to C through an optional out-param; when the caller passed NULL, nothing is allocated.
///
/// # Safety
/// `out` is NULL or valid for a write of a pointer.
pub(crate) unsafe fn write_error(out: *mut *mut c_char, json: String) -> Result<(), wuye_status> {
    // SAFETY: per the caller's contract.
    if let Some(slot) = unsafe { out.as_mut() } {
        *slot = owned(json)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status() {
        // `resume_unwind` starts the same unwinding a panic does, without the panic hook.
        let status = guard(|| std::panic::resume_unwind(Box::new("boom")));
        assert_eq!(status, wuye_status::WUYE_PANIC);
        assert_eq!(guard_value(7, || std::panic::resume_unwind(Box::new("boom"))), 7);
    }

    #[test]
    fn owned_refuses_interior_nul() {
        assert_eq!(owned("a\0b".into()), Err(wuye_status::WUYE_INTERNAL));
        let p = owned("ok".into());
        assert!(p.is_ok_and(|p| !p.is_null()));
        if let Ok(p) = p {
            // SAFETY: `p` came from `owned`.
            unsafe { crate::string::wuye_string_free(p) };
        }
    }
}
