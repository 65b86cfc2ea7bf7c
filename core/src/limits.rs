//! Limits on one protocol request (请求限额), so a hostile or broken caller cannot exhaust memory, stack or time.
//!
//! Checked before any op runs: the text size, then the JSON nesting depth (without parsing), then the length of
//! every array. Each breach is a stable error code with the path of the offending value.

use serde_json::Value;

use crate::error::Problem;

/// How much one request may ask of the engine. Set with [`crate::Engine::with_limits`]; see docs/security.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of request text (`Engine::request`): `request.too_large` past it.
    pub max_request_bytes: usize,
    /// Nesting depth of arrays and objects, the outermost counting 1: `request.too_deep` past it.
    /// Capped at [`Limits::DEPTH_CAP`] (serde_json's parser refuses 128 levels; recursion stays bounded).
    pub max_depth: usize,
    /// Requests in one batch (a top-level array): `request.too_many_items`.
    pub max_batch: usize,
    /// Events in one `events` array (a ticket's or a workflow's history): `request.too_many_items`.
    pub max_events: usize,
    /// Elements of any other array in a request (tickets, units, readings): `request.too_many_items`.
    pub max_items: usize,
}

impl Limits {
    /// The deepest nesting any setting allows: serde_json refuses 128 levels, and values built by a host for
    /// `Engine::handle` are held to the same bound so the recursive steps after the check stay shallow.
    pub const DEPTH_CAP: usize = 127;

    fn depth(&self) -> usize {
        self.max_depth.min(Limits::DEPTH_CAP)
    }

    /// The defaults: generous for any real property (a 10 000-unit estate fits), small enough to be safe.
    pub const DEFAULT: Limits = Limits {
        max_request_bytes: 8 * 1024 * 1024,
        max_depth: 32,
        max_batch: 1_000,
        max_events: 1_000,
        max_items: 10_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Checks the size and nesting depth of request text before it is parsed (a scan, no recursion).
///
/// Also returns an upper bound on the longest array in the text (its commas plus one), so a caller that parses the
/// text straight into typed values can tell whether an array limit might apply without parsing it twice.
pub(crate) fn check_text(limits: &Limits, text: &str) -> Result<usize, Problem> {
    if text.len() > limits.max_request_bytes {
        return Err(Problem::new(
            "request.too_large",
            format!(
                "the request is {} bytes; the limit is {}",
                text.len(),
                limits.max_request_bytes
            ),
        ));
    }
    // Commas counted per open array; objects are open containers whose commas are not counted.
    let mut commas = [0usize; Limits::DEPTH_CAP + 1];
    let mut is_array = [false; Limits::DEPTH_CAP + 1];
    let (bytes, mut i, mut depth, mut longest) = (text.as_bytes(), 0, 0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'"' => i = string_end(bytes, i),
            b'[' | b'{' => {
                depth += 1;
                if depth > limits.depth() {
                    return Err(too_deep(limits));
                }
                commas[depth] = 0;
                is_array[depth] = b == b'[';
            }
            b',' if is_array[depth] => commas[depth] += 1,
            b']' | b'}' => {
                if is_array[depth] {
                    longest = longest.max(commas[depth] + 1);
                    is_array[depth] = false;
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    Ok(longest)
}

/// The index just past the string whose contents start at `i` (the end of the text if it never closes).
///
/// Most of a request's bytes are inside strings: they are skipped eight at a time up to the next quote or
/// backslash (the word-at-a-time zero-byte test), which makes the limits scan a small part of a request's cost.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // Non-zero iff some byte of `w` is `c`; its lowest set bit is in the first such byte.
    let has = |w: u64, c: u8| {
        let x = w ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    loop {
        while let Some(chunk) = bytes.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let w = u64::from_le_bytes(chunk);
            let found = has(w, b'"') | has(w, b'\\');
            if found != 0 {
                i += found.trailing_zeros() as usize / 8;
                break;
            }
            i += 8;
        }
        match bytes.get(i) {
            Some(b'"') => return i + 1,
            Some(b'\\') => i += 2,
            Some(_) => i += 1,
            None => return bytes.len(),
        }
    }
}

/// Checks the batch length of a parsed request (a top-level array).
pub(crate) fn check_batch(limits: &Limits, batch: &[Value]) -> Result<(), Problem> {
    if batch.len() > limits.max_batch {
        return Err(too_many("a batch", batch.len(), limits.max_batch));
    }
    Ok(())
}

/// Checks the depth and array lengths of one parsed request whose outermost value sits at `depth` (1, or 2 in a
/// batch). Iterative, so a deep value cannot overflow the stack; paths are spelled out only for the error.
pub(crate) fn check_value(limits: &Limits, request: &Value, depth: usize) -> Result<(), Problem> {
    // Every container visited, with its parent's index, so an error can name its path.
    let mut seen: Vec<(Option<usize>, Step)> = Vec::new();
    // (value, depth, parent index in `seen`, step from the parent, name of the member it sits under)
    let mut todo: Vec<(&Value, usize, Option<usize>, Step, &str)> = vec![(request, depth, None, Step::Root, "")];
    while let Some((value, depth, parent, step, name)) = todo.pop() {
        let (Value::Array(_) | Value::Object(_)) = value else {
            continue;
        };
        seen.push((parent, step));
        let me = seen.len() - 1;
        if depth > limits.depth() {
            return Err(located(too_deep(limits), &seen, me));
        }
        match value {
            Value::Array(items) => {
                let (what, max) = match name {
                    "events" => ("an `events` array", limits.max_events),
                    _ => ("an array", limits.max_items),
                };
                if items.len() > max {
                    return Err(located(too_many(what, items.len(), max), &seen, me));
                }
                for (i, item) in items.iter().enumerate() {
                    todo.push((item, depth + 1, Some(me), Step::Index(i), name));
                }
            }
            Value::Object(members) => {
                for (k, v) in members {
                    todo.push((v, depth + 1, Some(me), Step::Key(k), k.as_str()));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// One step of a JSON path.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// The problem located at the path of container `at` (none for the request itself).
fn located(problem: Problem, seen: &[(Option<usize>, Step)], at: usize) -> Problem {
    let mut steps = Vec::new();
    let mut cursor = Some(at);
    while let Some((parent, step)) = cursor.and_then(|i| seen.get(i)) {
        steps.push(*step);
        cursor = *parent;
    }
    let mut path = String::new();
    for step in steps.iter().rev() {
        match step {
            Step::Root => {}
            Step::Key(k) if path.is_empty() => path.push_str(k),
            Step::Key(k) => {
                path.push('.');
                path.push_str(k);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    if path.is_empty() {
        problem
    } else {
        problem.at(path)
    }
}

fn too_deep(limits: &Limits) -> Problem {
    Problem::new(
        "request.too_deep",
        format!("the request nests deeper than {} levels", limits.depth()),
    )
}

fn too_many(what: &str, n: usize, max: usize) -> Problem {
    Problem::new(
        "request.too_many_items",
        format!("{what} holds {n} elements; the limit is {max}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// The scan byte by byte, as first written: the reference for the word-at-a-time one.
    fn reference_scan(text: &str, max_depth: usize) -> Option<usize> {
        let mut commas = vec![0usize; max_depth + 2];
        let mut is_array = vec![false; max_depth + 2];
        let (mut depth, mut in_string, mut escaped, mut longest) = (0usize, false, false, 0usize);
        for b in text.bytes() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max_depth {
                        return None;
                    }
                    commas[depth] = 0;
                    is_array[depth] = b == b'[';
                }
                b',' if is_array[depth] => commas[depth] += 1,
                b']' | b'}' => {
                    if is_array[depth] {
                        longest = longest.max(commas[depth] + 1);
                        is_array[depth] = false;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        Some(longest)
    }

    proptest! {
        #[test]
        fn the_word_at_a_time_scan_equals_the_byte_at_a_time_one(
            text in proptest::collection::vec(prop::sample::select(
                vec!["\"", "\\", "[", "]", "{", "}", ",", "a", "é", "\\\"", "0123456789", " "]), 0..80)
        ) {
            let text = text.concat();
            let l = Limits { max_depth: 6, ..Limits::DEFAULT };
            prop_assert_eq!(check_text(&l, &text).ok(), reference_scan(&text, 6), "{}", text);
        }
    }

    fn nested(depth: usize) -> String {
        "[".repeat(depth) + &"]".repeat(depth)
    }

    #[test]
    fn depth_is_counted_outside_strings_only() {
        let l = Limits {
            max_depth: 3,
            ..Limits::DEFAULT
        };
        assert!(check_text(&l, &nested(3)).is_ok());
        assert_eq!(check_text(&l, &nested(4)).unwrap_err().code, "request.too_deep");
        assert!(check_text(&l, r#"{"a":"[[[[[[\"{{{{"}"#).is_ok());
        assert!(check_text(&l, r#"[{"a":"\\"},[]]"#).is_ok());
    }

    #[test]
    fn size_is_checked_at_and_past_the_limit() {
        let l = Limits {
            max_request_bytes: 4,
            ..Limits::DEFAULT
        };
        assert!(check_text(&l, "1234").is_ok());
        assert_eq!(check_text(&l, "12345").unwrap_err().code, "request.too_large");
    }

    #[test]
    fn arrays_are_counted_by_name_with_a_path() {
        let l = Limits {
            max_batch: 2,
            max_events: 1,
            max_items: 3,
            ..Limits::DEFAULT
        };
        assert!(check_batch(&l, &[json!({}), json!({})]).is_ok());
        assert_eq!(
            check_batch(&l, &[json!({}), json!({}), json!({})]).unwrap_err().code,
            "request.too_many_items"
        );
        assert!(check_value(&l, &json!({"ticket": {"events": [1]}}), 1).is_ok());
        let p = check_value(&l, &json!({"ticket": {"events": [1, 2]}}), 1).unwrap_err();
        assert_eq!(
            (p.code, p.path.as_deref()),
            ("request.too_many_items", Some("ticket.events"))
        );
        assert!(check_value(&l, &json!({"units": [1, 2, 3]}), 1).is_ok());
        let p = check_value(&l, &json!({"tickets": [{"events": [1]}, {"events": [1, 2]}]}), 1).unwrap_err();
        assert_eq!(p.path.as_deref(), Some("tickets[1].events"));
        assert!(check_value(&l, &json!({"units": [1, 2, 3, 4]}), 1).is_err());
    }

    #[test]
    fn a_deep_value_is_refused_without_recursion() {
        let mut v = json!(1);
        for _ in 0..100_000 {
            v = Value::Array(vec![v]);
        }
        assert_eq!(
            check_value(&Limits::DEFAULT, &v, 1).unwrap_err().code,
            "request.too_deep"
        );
        // serde_json's Value drops recursively; unwind it by hand so the test itself does not overflow.
        while let Value::Array(mut a) = v {
            v = a.pop().unwrap_or(Value::Null);
        }
    }
}
