//! Canonical JSON (规范 JSON) written straight from any `Serialize` value: compact, object keys sorted — the same
//! bytes as going through a `serde_json::Value`, without building one.
//!
//! serde_json's serializer sends every byte through its `Formatter`; this formatter keeps them in its own buffer
//! and, when an object closes with its keys out of order, moves the members into order. Types that declare their
//! fields in key order cost nothing extra; the others pay one copy of the object's bytes.

use std::io;
use std::ops::Range;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// Appends `value` to `out` as canonical JSON; `None` if it does not serialize or an object repeats a key (through
/// a `Value` the last would win; such a value takes the canonical path).
pub(super) fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Option<()> {
    // Room for a typical answer's nesting, members and keys, so the writer rarely grows a buffer.
    let mut canonical = Canonical {
        out: std::mem::take(out),
        open: Vec::with_capacity(8),
        members: Vec::with_capacity(32),
        keys: Vec::with_capacity(256),
        ..Canonical::default()
    };
    let written = value.serialize(&mut serde_json::Serializer::with_formatter(io::sink(), &mut canonical));
    *out = canonical.out;
    (written.is_ok() && !canonical.repeated_key).then_some(())
}

#[derive(Default)]
struct Canonical {
    out: Vec<u8>,
    /// The open objects, innermost last.
    open: Vec<Object>,
    /// The members of every open object, in written order.
    members: Vec<Member>,
    /// Every open object's keys, unescaped, back to back (compared byte for byte, as `String`s order in a
    /// `Value`'s map).
    keys: Vec<u8>,
    in_key: bool,
    repeated_key: bool,
    /// Reused while sorting: the members' order, and a copy of the object's text.
    order: Vec<usize>,
    scratch: Vec<u8>,
}

struct Object {
    /// Its first member in `Canonical::members`, and where its keys begin in `Canonical::keys`.
    first_member: usize,
    first_key_byte: usize,
    sorted: bool,
}

struct Member {
    /// Its key in `Canonical::keys`.
    key: Range<usize>,
    /// Where its text (key, colon, value) begins in `Canonical::out`.
    start: usize,
}

impl Canonical {
    /// Rewrites the members of the object that is closing in key order.
    fn sort_members(&mut self, first: usize) {
        let members = &self.members[first..];
        let region = members[0].start;
        // Member i's text ends at the comma before member i + 1, the last one's at the end of the output.
        let last_end = self.out.len();
        let end = |i: usize| members.get(i + 1).map_or(last_end, |next| next.start - 1);
        let keys = &self.keys;
        let key = |i: usize| &keys[members[i].key.clone()];
        self.order.clear();
        self.order.extend(0..members.len());
        self.order.sort_unstable_by(|&a, &b| key(a).cmp(key(b)));
        if self.order.windows(2).any(|w| key(w[0]) == key(w[1])) {
            self.repeated_key = true;
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(&self.out[region..]);
        self.out.truncate(region);
        for (n, &i) in self.order.iter().enumerate() {
            if n > 0 {
                self.out.push(b',');
            }
            self.out
                .extend_from_slice(&self.scratch[members[i].start - region..end(i) - region]);
        }
    }
}

/// Scalars write their text to the output and, inside a key (an integer map key), to the key as well.
macro_rules! scalars {
    ($($name:ident($t:ty)),* $(,)?) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, _: &mut W, value: $t) -> io::Result<()> {
            if self.in_key {
                CompactFormatter.$name(&mut self.keys, value)?;
            }
            CompactFormatter.$name(&mut self.out, value)
        }
    )*};
}

/// Structural bytes go to the output unchanged.
macro_rules! structure {
    ($($name:ident),* $(,)?) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
            CompactFormatter.$name(&mut self.out)
        }
    )*};
}

impl Formatter for &mut Canonical {
    // Every scalar of serde_json's formatter, so none bypasses the buffer (answers carry no floats; the float
    // writers are here for completeness of the data model).
    scalars! {
        write_bool(bool), write_i8(i8), write_i16(i16), write_i32(i32), write_i64(i64), write_i128(i128),
        write_u8(u8), write_u16(u16), write_u32(u32), write_u64(u64), write_u128(u128), write_f32(f32),
        write_f64(f64), write_number_str(&str), write_raw_fragment(&str), write_byte_array(&[u8]),
    }

    structure! { begin_array, end_array, end_array_value, begin_object_value, end_object_value }

    fn write_null<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        CompactFormatter.write_null(&mut self.out)
    }

    fn begin_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        CompactFormatter.begin_string(&mut self.out)
    }

    fn end_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        CompactFormatter.end_string(&mut self.out)
    }

    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, _: &mut W, fragment: &str) -> io::Result<()> {
        if self.in_key {
            self.keys.extend_from_slice(fragment.as_bytes());
        }
        self.out.extend_from_slice(fragment.as_bytes());
        Ok(())
    }

    fn write_char_escape<W: ?Sized + io::Write>(&mut self, _: &mut W, escape: CharEscape) -> io::Result<()> {
        if self.in_key {
            self.keys.push(match escape {
                CharEscape::Quote => b'"',
                CharEscape::ReverseSolidus => b'\\',
                CharEscape::Solidus => b'/',
                CharEscape::Backspace => 0x08,
                CharEscape::FormFeed => 0x0c,
                CharEscape::LineFeed => b'\n',
                CharEscape::CarriageReturn => b'\r',
                CharEscape::Tab => b'\t',
                CharEscape::AsciiControl(b) => b,
            });
        }
        CompactFormatter.write_char_escape(&mut self.out, escape)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        CompactFormatter.begin_array_value(&mut self.out, first)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.open.push(Object {
            first_member: self.members.len(),
            first_key_byte: self.keys.len(),
            sorted: true,
        });
        CompactFormatter.begin_object(&mut self.out)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        if let Some(object) = self.open.pop() {
            if !object.sorted {
                self.sort_members(object.first_member);
            }
            self.members.truncate(object.first_member);
            self.keys.truncate(object.first_key_byte);
        }
        CompactFormatter.end_object(&mut self.out)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        CompactFormatter.begin_object_key(&mut self.out, first)?;
        self.in_key = true;
        let key = self.keys.len()..self.keys.len();
        self.members.push(Member {
            key,
            start: self.out.len(),
        });
        Ok(())
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.in_key = false;
        let (end, n) = (self.keys.len(), self.members.len());
        if let Some(member) = self.members.last_mut() {
            member.key.end = end;
        }
        if let Some(object) = self.open.last_mut().filter(|o| n > o.first_member + 1) {
            let (this, before) = (&self.members[n - 1], &self.members[n - 2]);
            if self.keys[this.key.clone()] <= self.keys[before.key.clone()] {
                object.sorted = false;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    fn canonical<T: Serialize>(v: &T) -> Option<String> {
        let mut out = Vec::new();
        write(&mut out, v).map(|()| String::from_utf8(out).unwrap())
    }

    /// What the canonical path writes: through a `Value`.
    fn through_value<T: Serialize>(v: &T) -> String {
        serde_json::to_value(v).unwrap().to_string()
    }

    #[test]
    fn a_value_is_written_as_it_is() {
        let v = json!({"a": 1, "b": {"x\"y": null, "x\"z": [true, {"c": "d\n", "d": -1.5}]}, "ok": "é"});
        assert_eq!(canonical(&v).unwrap(), v.to_string());
    }

    #[test]
    fn members_out_of_order_are_sorted_at_every_depth() {
        #[derive(Serialize)]
        struct Inner {
            zeta: Vec<u8>,
            alpha: Option<&'static str>,
            #[serde(rename = "b\"q")]
            quoted: u8,
        }
        #[derive(Serialize)]
        struct Outer {
            z: Inner,
            m: BTreeMap<u32, Inner>,
            a: [Inner; 1],
        }
        let inner = || Inner {
            zeta: vec![1, 2],
            alpha: None,
            quoted: 3,
        };
        let v = Outer {
            z: inner(),
            m: [(10, inner()), (9, inner())].into(),
            a: [inner()],
        };
        assert_eq!(canonical(&v).unwrap(), through_value(&v));
        assert!(canonical(&v)
            .unwrap()
            .starts_with(r#"{"a":[{"alpha":null,"b\"q":3,"zeta":[1,2]}],"m":{"10":"#));
    }

    #[test]
    fn a_repeated_key_is_refused() {
        #[derive(Serialize)]
        struct Flat {
            a: u8,
            #[serde(flatten)]
            more: BTreeMap<&'static str, u8>,
        }
        let v = Flat {
            a: 1,
            more: [("a", 2)].into(),
        };
        assert_eq!(canonical(&v), None);
        let ok = Flat {
            a: 1,
            more: [("0", 2)].into(),
        };
        assert_eq!(canonical(&ok).unwrap(), through_value(&ok));
    }

    #[test]
    fn values_compare_like_the_value_path() {
        let texts = [
            r#"{"b":[],"a":{},"":0}"#,
            r#"{"\u0001":1,"\u0000":2,"é":3,"e":4}"#,
            "[[{}],{\"z\":[{}]}]",
        ];
        for t in texts {
            let v: Value = serde_json::from_str(t).unwrap();
            assert_eq!(canonical(&v).unwrap(), v.to_string(), "{t}");
        }
    }
}
