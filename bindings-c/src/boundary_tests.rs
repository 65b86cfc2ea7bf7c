//! Every export driven from Rust the way C drives it — NULLs, invalid UTF-8, out-params, frees, one engine across
//! threads — so `cargo +nightly miri test -p wuye-c --lib` checks the unsafe code for undefined behaviour
//! (use after free, leaks, misaligned or dangling pointers). scripts/test-miri.sh runs it.

// The crate denies unwrap, expect, panic and indexing even in tests; these tests keep to that.
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;

use crate::engine::{
    wuye_engine, wuye_engine_free, wuye_engine_new_default, wuye_engine_new_from_json, wuye_engine_request,
};
use crate::string::wuye_string_free;
use crate::wuye_status;

/// Copies and frees a string the library handed out.
fn take(s: *mut c_char) -> String {
    assert!(!s.is_null());
    // SAFETY: a non-NULL out-string is NUL-terminated and ours until freed.
    let text = unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned();
    // SAFETY: freed once.
    unsafe { wuye_string_free(s) };
    text
}

fn default_engine() -> *mut wuye_engine {
    let mut engine = ptr::null_mut();
    // SAFETY: valid out-param; NULL error_out is allowed.
    assert_eq!(
        unsafe { wuye_engine_new_default(&mut engine, ptr::null_mut()) },
        wuye_status::WUYE_OK
    );
    assert!(!engine.is_null());
    engine
}

fn request(engine: *const wuye_engine, text: &[u8]) -> (wuye_status, Option<String>) {
    let text = CString::new(text).unwrap_or_default();
    let mut out = ptr::null_mut();
    // SAFETY: live engine, NUL-terminated text, valid out-param.
    let status = unsafe { wuye_engine_request(engine, text.as_ptr(), &mut out) };
    (status, (!out.is_null()).then(|| take(out)))
}

#[test]
fn a_request_round_trip_frees_everything() {
    let engine = default_engine();
    let (status, answer) = request(engine, br#"{"op":"sla.kinds","id":1}"#);
    assert_eq!(status, wuye_status::WUYE_OK);
    assert!(answer.unwrap_or_default().starts_with(r#"{"id":1,"ok":"#));
    let (status, answer) = request(engine, b"{nope");
    assert_eq!(status, wuye_status::WUYE_REQUEST_MALFORMED_JSON);
    assert!(answer.unwrap_or_default().contains("request.malformed_json"));
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let (status, answer) = request(engine, deep.as_bytes());
    assert_ne!(status, wuye_status::WUYE_OK);
    assert!(answer.unwrap_or_default().contains("request.too_deep"));
    // SAFETY: freed once.
    unsafe { wuye_engine_free(engine) };
}

#[test]
fn nulls_and_invalid_utf8_are_statuses_and_leave_out_params_alone() {
    let engine = default_engine();
    let mut slot: c_char = 0;
    let sentinel: *mut c_char = &mut slot; // only compared, never written through
    let mut out = sentinel;
    let text = c"{}";
    // SAFETY: NULLs are part of the contract; `out` is valid.
    unsafe {
        assert_eq!(
            wuye_engine_request(ptr::null(), text.as_ptr(), &mut out),
            wuye_status::WUYE_NULL_ARGUMENT
        );
        assert_eq!(
            wuye_engine_request(engine, ptr::null(), &mut out),
            wuye_status::WUYE_NULL_ARGUMENT
        );
        assert_eq!(
            wuye_engine_request(engine, text.as_ptr(), ptr::null_mut()),
            wuye_status::WUYE_NULL_ARGUMENT
        );
    }
    assert_eq!(out, sentinel);
    let not_utf8 = [0xff_u8, 0xfe, b'{', b'}', 0];
    // SAFETY: NUL-terminated bytes.
    let status = unsafe { wuye_engine_request(engine, not_utf8.as_ptr().cast(), &mut out) };
    assert_eq!(status, wuye_status::WUYE_INVALID_UTF8);
    assert_eq!(out, sentinel);
    // SAFETY: freeing NULL is a no-op; the engine is freed once.
    unsafe {
        wuye_string_free(ptr::null_mut());
        wuye_engine_free(ptr::null_mut());
        wuye_engine_free(engine);
    }
}

#[test]
fn a_refused_handbook_gives_an_error_string_and_no_engine() {
    let mut engine = ptr::null_mut();
    let mut error = ptr::null_mut();
    let text = cr#"{"format":"wuye.handbook/1"}"#;
    // SAFETY: valid pointers.
    let status = unsafe { wuye_engine_new_from_json(text.as_ptr(), &mut engine, &mut error) };
    assert_ne!(status, wuye_status::WUYE_OK);
    assert!(engine.is_null());
    assert!(take(error).contains("handbook."));
    // Without an error out-param nothing is allocated.
    // SAFETY: NULL error_out is allowed.
    let status = unsafe { wuye_engine_new_from_json(c"[".as_ptr(), &mut engine, ptr::null_mut()) };
    assert_eq!(status, wuye_status::WUYE_HANDBOOK_MALFORMED_JSON);
    assert!(engine.is_null());
}

#[test]
fn one_engine_serves_several_threads() {
    let engine = default_engine() as usize;
    let threads: Vec<_> = (0..2)
        .map(|i| {
            std::thread::spawn(move || {
                let text = format!(r#"{{"op":"nope.x","id":{i}}}"#);
                request(engine as *const wuye_engine, text.as_bytes())
                    .1
                    .unwrap_or_default()
            })
        })
        .collect();
    for (i, t) in threads.into_iter().enumerate() {
        assert!(t.join().unwrap_or_default().ends_with(&format!(r#""id":{i}}}"#)));
    }
    // SAFETY: every thread is done with it; freed once.
    unsafe { wuye_engine_free(engine as *mut wuye_engine) };
}
