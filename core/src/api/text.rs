//! The fast path (直读): request text read straight into an op's typed arguments, and its typed answer written
//! straight to canonical text, with no `serde_json::Value` in between.
//!
//! It answers only what it answers byte for byte as the canonical path would, and hands everything else back
//! (`None`): text that is not one object with a string `op`, arguments that do not parse (the canonical path
//! locates the error), an array some limit might refuse, an answer with a repeated key.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::canonical;
use super::exchange::Exchange;
use crate::error::Problem;
use crate::{limits, Engine};

/// Answers one request object from its text, or `None` to send it down the canonical path.
///
/// `longest_array` bounds the longest array in the text (from the limits scan): past the smallest array limit the
/// canonical path decides, since only it can name the offending array.
pub(super) fn answer(engine: &Engine, text: &str, longest_array: usize) -> Option<String> {
    // Only an object is a request (serde would also read a struct such as `Head` from an array).
    if longest_array > array_limit(engine) || !text.trim_start().starts_with('{') {
        return None;
    }
    // Usually `op` comes first and the arguments pass picks up `id` on its way; otherwise a first pass finds both.
    let leading = leading_op(text);
    let head: Option<Head> = match leading {
        Some(_) => None,
        None => Some(serde_json::from_str(text).ok()?),
    };
    let op = match (leading, &head) {
        (Some(op), _) => op,
        (None, Some(head)) => head.op.as_deref()?,
        (None, None) => return None,
    };
    let mut x = TextExchange {
        text,
        skipped: Skipped::default(),
        args_read: false,
        handed_back: false,
    };
    let result = super::dispatch(engine, op, &mut x);
    if x.handed_back {
        return None;
    }
    let id = match head {
        Some(head) => head.id,
        // Without the first pass, only the arguments pass saw `id`, and saw whether `op` or `id` came twice.
        None if x.args_read && x.skipped.ops == 1 && x.skipped.ids <= 1 => x.skipped.id,
        None => return None,
    };
    // Keys in canonical order: "error" < "id" < "ok".
    let mut out = Vec::with_capacity(64 + result.as_ref().map_or(0, Vec::len));
    out.push(b'{');
    match result {
        Ok(answer) => {
            if let Some(id) = &id {
                out.extend_from_slice(b"\"id\":");
                canonical::write(&mut out, id)?;
                out.push(b',');
            }
            out.extend_from_slice(b"\"ok\":");
            out.extend_from_slice(&answer);
        }
        Err(problem) => {
            out.extend_from_slice(b"\"error\":");
            canonical::write(&mut out, &problem)?;
            if let Some(id) = &id {
                out.extend_from_slice(b",\"id\":");
                canonical::write(&mut out, id)?;
            }
        }
    }
    out.push(b'}');
    String::from_utf8(out).ok()
}

/// Answers a batch (a JSON array of requests) element by element, each by [`answer`] or, failing that, through a
/// `Value` exactly as the canonical path answers it inside the batch; `None` for a batch the canonical path must
/// refuse or cannot split (too long, malformed). `longest_array` is the whole text's bound, batch array included.
pub(super) fn batch(engine: &Engine, text: &str, longest_array: usize) -> Option<String> {
    let items: Vec<&RawValue> = serde_json::from_str(text).ok()?;
    if items.len() > engine.limits.max_batch {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // The whole text passed the depth check. Its longest array bounds every element's too; only when that
        // bound is past a limit (a long batch counts) is each element measured on its own.
        let item = item.get();
        let longest = match longest_array <= array_limit(engine) {
            true => longest_array,
            false => limits::check_text(&engine.limits, item).unwrap_or(usize::MAX),
        };
        match answer(engine, item, longest) {
            Some(a) => out.push_str(&a),
            None => out.push_str(&super::canonical_element(engine, item)?),
        }
    }
    out.push(']');
    Some(out)
}

/// The length past which some array limit might refuse an array (only the canonical path names which).
fn array_limit(engine: &Engine) -> usize {
    engine.limits.max_events.min(engine.limits.max_items)
}

/// `op` when it is the request's first member and has no escapes (`{"op":"fees.quote", …`).
fn leading_op(text: &str) -> Option<&str> {
    const WS: [char; 4] = [' ', '\t', '\n', '\r'];
    let rest = text.trim_start_matches(WS).strip_prefix('{')?;
    let rest = rest.trim_start_matches(WS).strip_prefix("\"op\"")?;
    let rest = rest.trim_start_matches(WS).strip_prefix(':')?;
    let rest = rest.trim_start_matches(WS).strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    rest[end..].starts_with('"').then(|| &rest[..end])
}

/// The two members every request may have, read in a first pass that skips the rest.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    op: Option<Cow<'a, str>>,
    /// `Some(Value::Null)` for `"id": null`, which is echoed like any other id.
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// What the arguments pass saw of the members it skips.
#[derive(Default)]
struct Skipped {
    ops: u32,
    ids: u32,
    id: Option<Value>,
}

/// Arguments from the request text; on any refusal the request is handed back to the canonical path.
struct TextExchange<'t> {
    text: &'t str,
    skipped: Skipped,
    args_read: bool,
    handed_back: bool,
}

impl TextExchange<'_> {
    fn hand_back(&mut self) -> Problem {
        self.handed_back = true;
        Problem::new("internal.handed_back", "answered by the canonical path")
    }
}

impl Exchange for TextExchange<'_> {
    type Answer = Vec<u8>;

    fn args<T: DeserializeOwned>(&mut self) -> Result<T, Problem> {
        let mut de = serde_json::Deserializer::from_str(self.text);
        let read = T::deserialize(Arguments(&mut de, &mut self.skipped)).and_then(|v| de.end().map(|()| v));
        self.args_read = true;
        read.map_err(|_| self.hand_back())
    }

    fn ok<T: Serialize>(&mut self, answer: &T) -> Result<Vec<u8>, Problem> {
        let mut out = Vec::with_capacity(1024);
        match canonical::write(&mut out, answer) {
            Some(()) => Ok(out),
            None => Err(self.hand_back()),
        }
    }
}

// ---------------------------------------------------------------- reading the arguments

/// A request object read as an op's arguments: every member but `op` and `id`.
struct Arguments<'a, 'de>(
    &'a mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
    &'a mut Skipped,
);

impl<'de> Deserializer<'de> for Arguments<'_, 'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(WithoutHead(visitor, self.1))
    }

    // Every kind of serde's data model goes to the map reader (the float kinds included: requests carry none).
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Hands the op's visitor a map without the request's `op` and `id` members.
struct WithoutHead<'s, V>(V, &'s mut Skipped);

impl<'de, V: Visitor<'de>> Visitor<'de> for WithoutHead<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(SkipHead(map, self.1))
    }
}

/// A request's members without `op` and `id` (counted, and the `id` kept).
struct SkipHead<'s, A>(A, &'s mut Skipped);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for SkipHead<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.0.next_key::<Key<'de>>()? {
            match key.as_str() {
                "op" => {
                    self.1.ops += 1;
                    self.0.next_value::<IgnoredAny>()?;
                    continue;
                }
                "id" => {
                    self.1.ids += 1;
                    self.1.id = Some(self.0.next_value::<Value>()?);
                    continue;
                }
                _ => {}
            }
            return match key {
                Key::Borrowed(k) => seed.deserialize(de::value::BorrowedStrDeserializer::new(k)),
                Key::Owned(k) => seed.deserialize(de::value::StringDeserializer::new(k)),
            }
            .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}

/// A member name, borrowed from the text unless it had escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(k) => k,
            Key::Owned(k) => k,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, k: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(k))
            }
            fn visit_str<E: de::Error>(self, k: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(k.to_string()))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_skip_op_and_id_wherever_they_are() {
        #[derive(Deserialize, Debug, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct Args {
            n: u32,
            s: String,
        }
        let text = r#"{"n": 3, "op": "x.y", "s": "a\"b", "id": {"deep": [1]}}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let mut skipped = Skipped::default();
        let args = Args::deserialize(Arguments(&mut de, &mut skipped)).unwrap();
        assert_eq!(
            (skipped.ops, skipped.ids, skipped.id),
            (1, 1, Some(serde_json::json!({"deep": [1]})))
        );
        assert_eq!(args, Args { n: 3, s: "a\"b".into() });
        let mut de = serde_json::Deserializer::from_str(r#"{"n": 3, "s": "", "extra": 1}"#);
        assert!(Args::deserialize(Arguments(&mut de, &mut Skipped::default())).is_err());
    }
}
