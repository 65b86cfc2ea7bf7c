//! Selectors: a short path into a JSON answer — `goals[measure=resolution].due_at`, `days[3].kind`, `.` —
//! that picks array elements by a field so expectations do not depend on array order.

use std::fmt;

use serde_json::Value;

/// A parsed selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    text: String,
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// An object member.
    Key(String),
    /// An array element by position.
    Index(usize),
    /// The one array element whose fields have these values (`[measure=resolution,cycle=2]`).
    Where(Vec<(String, String)>),
}

/// Why a selector found nothing in an answer: how far it got and what was missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The part of the selector that did resolve (`.` for none).
    pub resolved: String,
    pub reason: String,
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (resolved up to `{}`)", self.reason, self.resolved)
    }
}

impl Selector {
    /// Parses `a.b[2].c[k=v,k2=v2]`; `.` (or the empty string) selects the whole answer.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let mut steps = Vec::new();
        if text.is_empty() || text == "." {
            return Ok(Selector {
                text: ".".into(),
                steps,
            });
        }
        for (n, segment) in split_segments(text)?.into_iter().enumerate() {
            let (name, mut rest) = match segment.find('[') {
                Some(i) => segment.split_at(i),
                None => (segment, ""),
            };
            if name.is_empty() && rest.is_empty() {
                return Err(format!("empty segment {} in `{text}`", n + 1));
            }
            if name.contains(']') {
                return Err(format!("`]` without `[` in `{text}`"));
            }
            if !name.is_empty() {
                steps.push(Step::Key(name.to_string()));
            }
            while !rest.is_empty() {
                let Some(inner_end) = rest.find(']') else {
                    return Err(format!("`[` without `]` in `{text}`"));
                };
                let inner = rest.get(1..inner_end).unwrap_or_default();
                steps.push(parse_bracket(inner, text)?);
                rest = rest.get(inner_end + 1..).unwrap_or_default();
                if !rest.is_empty() && !rest.starts_with('[') {
                    return Err(format!("expected `.` or `[` after `]` in `{text}`"));
                }
            }
        }
        Ok(Selector {
            text: text.to_string(),
            steps,
        })
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value the selector points at.
    pub fn select<'v>(&self, root: &'v Value) -> Result<&'v Value, Miss> {
        let mut cur = root;
        let mut resolved = String::new();
        for step in &self.steps {
            let miss = |reason: String| Miss {
                resolved: if resolved.is_empty() {
                    ".".into()
                } else {
                    resolved.clone()
                },
                reason,
            };
            cur = match step {
                Step::Key(k) => match cur {
                    Value::Object(m) => m.get(k).ok_or_else(|| {
                        let have: Vec<&str> = m.keys().map(String::as_str).collect();
                        miss(format!("no member `{k}` (members: {})", have.join(", ")))
                    })?,
                    other => return Err(miss(format!("`{k}` asked of {}", kind(other)))),
                },
                Step::Index(i) => match cur {
                    Value::Array(a) => a
                        .get(*i)
                        .ok_or_else(|| miss(format!("no element [{i}]: the array has {}", a.len())))?,
                    other => return Err(miss(format!("[{i}] asked of {}", kind(other)))),
                },
                Step::Where(conds) => match cur {
                    Value::Array(a) => pick(a, conds).map_err(miss)?,
                    other => return Err(miss(format!("[{}] asked of {}", show(conds), kind(other)))),
                },
            };
            match step {
                Step::Key(k) if resolved.is_empty() => resolved.push_str(k),
                Step::Key(k) => {
                    resolved.push('.');
                    resolved.push_str(k);
                }
                Step::Index(i) => resolved.push_str(&format!("[{i}]")),
                Step::Where(c) => resolved.push_str(&format!("[{}]", show(c))),
            }
        }
        Ok(cur)
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Splits at dots outside brackets (a condition's value may contain dots: `[at=2025-01-01T00:00:00.5]`).
fn split_segments(text: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0u32, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '[' if depth > 0 => return Err(format!("nested `[` in `{text}`")),
            '[' => depth = 1,
            ']' if depth == 0 => return Err(format!("`]` without `[` in `{text}`")),
            ']' => depth = 0,
            '.' if depth == 0 => {
                out.push(text.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth > 0 {
        return Err(format!("`[` without `]` in `{text}`"));
    }
    out.push(text.get(start..).unwrap_or_default());
    if out.iter().any(|s| s.is_empty()) {
        return Err(format!(
            "empty segment in `{text}` (a `.` at the start or end, or `..`)"
        ));
    }
    Ok(out)
}

fn parse_bracket(inner: &str, text: &str) -> Result<Step, String> {
    if inner.is_empty() {
        return Err(format!("empty `[]` in `{text}`"));
    }
    if inner.bytes().all(|b| b.is_ascii_digit()) {
        return inner
            .parse()
            .map(Step::Index)
            .map_err(|_| format!("index `{inner}` is too large in `{text}`"));
    }
    let mut conds = Vec::new();
    for cond in inner.split(',') {
        let Some((field, value)) = cond.split_once('=') else {
            return Err(format!("`[{inner}]` in `{text}`: use [index] or [field=value]"));
        };
        let field = field.trim();
        if field.is_empty() {
            return Err(format!("`[{inner}]` in `{text}`: a condition needs a field name"));
        }
        conds.push((field.to_string(), value.trim().to_string()));
    }
    Ok(Step::Where(conds))
}

/// The single element matching every condition.
fn pick<'v>(items: &'v [Value], conds: &[(String, String)]) -> Result<&'v Value, String> {
    let matches = |item: &Value| {
        conds.iter().all(|(field, want)| match item.get(field) {
            Some(Value::String(s)) => s == want,
            Some(other) => serde_json::from_str::<Value>(want).is_ok_and(|w| w == *other),
            None => false,
        })
    };
    let mut found = items.iter().filter(|i| matches(i));
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(format!(
            "no element with {} among {} element(s)",
            show(conds),
            items.len()
        )),
        (Some(_), Some(_)) => Err(format!(
            "more than one element has {}; add a condition, e.g. [{},cycle=2]",
            show(conds),
            show(conds)
        )),
    }
}

fn show(conds: &[(String, String)]) -> String {
    conds
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer() -> Value {
        json!({
            "kind": "complaint",
            "goals": [
                {"measure": "first_response", "cycle": 1, "due_at": "A"},
                {"measure": "resolution", "cycle": 1, "due_at": "B", "warnings": [{"percent": 50}, {"percent": 80}]},
                {"measure": "resolution", "cycle": 2, "due_at": "C"}
            ]
        })
    }

    fn sel(s: &str) -> Result<Value, Miss> {
        Selector::parse(s).unwrap().select(&answer()).cloned()
    }

    #[test]
    fn names_indices_and_conditions_resolve() {
        assert_eq!(sel("kind").unwrap(), json!("complaint"));
        assert_eq!(sel("goals[0].due_at").unwrap(), json!("A"));
        assert_eq!(sel("goals[measure=first_response].due_at").unwrap(), json!("A"));
        assert_eq!(sel("goals[measure=resolution,cycle=2].due_at").unwrap(), json!("C"));
        assert_eq!(sel("goals[1].warnings[percent=80]").unwrap(), json!({"percent": 80}));
        assert_eq!(sel("goals[cycle=1][0]").err().unwrap().resolved, "goals");
        assert_eq!(sel(".").unwrap(), answer());
        let root = json!([{"a": 1}, {"a": 2}]);
        assert_eq!(Selector::parse("[1].a").unwrap().select(&root).unwrap(), &json!(2));
    }

    #[test]
    fn a_miss_says_how_far_it_got_and_why() {
        let m = sel("goals[measure=resolution].due_at").unwrap_err();
        assert_eq!(m.resolved, "goals");
        assert!(m.reason.contains("more than one element"), "{m}");
        let m = sel("goals[measure=follow_up]").unwrap_err();
        assert!(m.reason.contains("no element with measure=follow_up among 3"), "{m}");
        let m = sel("goals[1].nope").unwrap_err();
        assert_eq!(m.resolved, "goals[1]");
        assert!(m.reason.contains("no member `nope`"), "{m}");
        let m = sel("goals[9]").unwrap_err();
        assert!(m.reason.contains("the array has 3"), "{m}");
        let m = sel("kind.x").unwrap_err();
        assert_eq!(m.reason, "`x` asked of a string");
    }

    #[test]
    fn malformed_selectors_are_refused_with_a_reason() {
        for bad in [
            "goals[",
            "goals]",
            "a..b",
            ".a",
            "a.",
            "goals[]",
            "goals[measure]",
            "goals[=x]",
            "a[0]b",
            "a[[0]]",
        ] {
            assert!(Selector::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Selector::parse("goals[measure=resolution].due_at").is_ok());
        assert!(Selector::parse("a[at=2025-01-01T00:00:00.5]").is_ok());
    }
}
