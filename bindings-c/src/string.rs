//! Strings the library hands to C, and the one way to give them back.

use std::ffi::CString;
use std::os::raw::c_char;

use crate::ffi;

/// Releases a string returned by this library (a response, a result or an error JSON).
///
/// Ownership: takes back ownership of `text`; the pointer is dangling afterwards.
/// NULL: `wuye_string_free(NULL)` does nothing, so callers may free every out-param unconditionally.
/// Thread safety: any thread may free a string, once.
///
/// # Safety
/// `text` is NULL or a `char *` produced by this library and not yet freed. Never pass it to `free()` and never
/// pass a string from elsewhere here.
#[no_mangle]
pub unsafe extern "C" fn wuye_string_free(text: *mut c_char) {
    ffi::guard_value((), || {
        if !text.is_null() {
            // SAFETY: per the contract above, `text` came from `CString::into_raw` in `ffi::owned`.
            drop(unsafe { CString::from_raw(text) });
        }
    })
}
