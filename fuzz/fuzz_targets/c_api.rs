//! The C entry points fed arbitrary bytes, as a C caller would pass them: not necessarily UTF-8, cut at the first
//! NUL. Every call returns a status (never a crash), writes its out-parameter exactly as documented, and every
//! string it hands out is released with `wuye_string_free`.
#![no_main]

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wuye_c::engine::{wuye_engine, wuye_engine_free, wuye_engine_new_default, wuye_engine_new_from_json, wuye_engine_request};
use wuye_c::string::wuye_string_free;
use wuye_c::wuye_status;

/// The input as C would see it: the bytes up to the first NUL.
fn c_string(data: &[u8]) -> CString {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    CString::new(&data[..end]).expect("no interior NUL")
}

/// Reads and frees a string the library handed out.
fn take(s: *mut c_char) -> Option<String> {
    if s.is_null() {
        return None;
    }
    // SAFETY: a non-NULL out-string is a NUL-terminated string owned by the caller until wuye_string_free.
    let text = unsafe { CStr::from_ptr(s) }.to_str().expect("the library writes UTF-8").to_owned();
    unsafe { wuye_string_free(s) };
    Some(text)
}

/// One C engine for every request input (compiling per input would drown the fuzzer); freed never.
fn c_engine() -> *const wuye_engine {
    static ENGINE: OnceLock<usize> = OnceLock::new();
    *ENGINE.get_or_init(|| {
        let mut engine: *mut wuye_engine = ptr::null_mut();
        // SAFETY: valid out-parameter; errors are not wanted.
        assert_eq!(unsafe { wuye_engine_new_default(&mut engine, ptr::null_mut()) }, wuye_status::WUYE_OK);
        engine as usize
    }) as *const wuye_engine
}

fn core_engine() -> &'static wuye::Engine {
    static ENGINE: OnceLock<wuye::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| wuye::Engine::with_default_handbook().expect("compiles"))
}

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the entry point; the rest is the text.
    let Some((&which, rest)) = data.split_first() else { return };
    let text = c_string(rest);
    unsafe {
        if which % 2 == 0 {
            // A request on the default engine.
            let mut response: *mut c_char = ptr::null_mut();
            let status = wuye_engine_request(c_engine(), text.as_ptr(), &mut response);
            match take(response) {
                Some(answer) => {
                    let parsed: serde_json::Value = serde_json::from_str(&answer).expect("the answer is JSON");
                    assert!(parsed.is_object() || parsed.is_array());
                    if let Ok(request) = std::str::from_utf8(text.as_bytes()) {
                        assert_eq!(answer, core_engine().request(request), "C answers what the core answers");
                    }
                }
                None => assert_ne!(status, wuye_status::WUYE_OK, "no answer without a status saying why"),
            }
        } else {
            // A handbook.
            let mut engine: *mut wuye_engine = ptr::null_mut();
            let mut error: *mut c_char = ptr::null_mut();
            let status = wuye_engine_new_from_json(text.as_ptr(), &mut engine, &mut error);
            let error = take(error);
            if status == wuye_status::WUYE_OK {
                assert!(!engine.is_null() && error.is_none());
                wuye_engine_free(engine);
            } else {
                assert!(engine.is_null(), "no engine on failure");
            }
        }
    }
});
