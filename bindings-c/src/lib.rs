//! # libwuye — the C API of wuye (物业)
//!
//! A thin shell over the core: it checks pointers and UTF-8, calls [`wuye::Engine`], and maps the answer to a
//! status code. No rule and no arithmetic live here; what C gets is byte for byte what Rust gets.
//!
//! The rules every export follows (docs/c-api.md says the same for C readers):
//! - Names are `wuye_<thing>_<verb>`; opaque handles are `wuye_<thing>`, created by `_new*` and released by `_free`.
//! - Fallible calls return a [`wuye_status`] (`WUYE_OK` = 0, other codes banded by area, never reused); output
//!   parameters come last.
//! - Every `char *` the library hands out is owned by the caller and released with [`string::wuye_string_free`],
//!   never with `free()`. `const char *` results are static and never freed.
//! - Every pointer is NULL-checked (a status, not a crash), every string UTF-8-checked, and every body runs
//!   inside `catch_unwind`: a Rust panic never crosses into C (it becomes `WUYE_PANIC`).
//! - A compiled engine is immutable: any number of threads may use one engine at the same time.
// Not even in tests: a reader can trust that nothing in src/ panics on purpose.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(non_camel_case_types)] // C names: `wuye_engine`, `wuye_status`

// `catch_unwind` is the panic boundary; with `panic = "abort"` a bug would kill the host process instead.
#[cfg(panic = "abort")]
compile_error!("wuye-c must be built with panic = \"unwind\": its exports stop panics with catch_unwind");

#[cfg(test)]
mod boundary_tests;
pub mod calendar;
pub mod engine;
pub mod error;
pub mod fees;
mod ffi;
pub mod string;

use std::os::raw::c_char;

pub use error::wuye_status;

/// The library version as in Cargo.toml (`"0.1.0"`); compare with `WUYE_VERSION` from the header to detect a
/// header/library mismatch.
///
/// Ownership: the string is static; never free it.
/// NULL: never returns NULL.
/// Thread safety: callable from any thread at any time.
///
/// # Safety
/// Always safe to call.
#[no_mangle]
pub extern "C" fn wuye_version() -> *const c_char {
    ffi::guard_value(std::ptr::null(), || VERSION.as_ptr().cast())
}

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    #[test]
    fn version_is_the_crate_version() {
        // SAFETY: wuye_version returns a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(super::wuye_version()) };
        assert_eq!(v.to_str(), Ok(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn version_matches_the_workspace_manifest() {
        let manifest = include_str!("../../Cargo.toml");
        let declared = manifest
            .lines()
            .skip_while(|l| l.trim() != "[workspace.package]")
            .find_map(|l| l.trim().strip_prefix("version = "))
            .map(|v| v.trim_matches('"'));
        // SAFETY: static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(super::wuye_version()) };
        assert_eq!(version.to_str().ok(), declared);
    }
}
