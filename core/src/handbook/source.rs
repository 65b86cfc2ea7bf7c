//! Provenance of a rule: the handbook clause it encodes, or an assumption and why it was made.

use serde::{Deserialize, Serialize};

use super::Diagnostics;

/// Where a rule comes from (出处): a clause id such as `§2.2.1`, or `{"assumed": "why"}` where the handbook is
/// silent or its text is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Source {
    /// A clause of the handbook, `§` followed by dot-separated numbers.
    Clause(String),
    /// A value the handbook does not give; the reason says what was assumed and why.
    Assumed { assumed: String },
}

impl Source {
    /// Checks the clause id shape (`§2.2.1`) or that an assumption gives a reason.
    pub fn validate(&self, path: &str, d: &mut Diagnostics) {
        match self {
            Source::Clause(c) => {
                let ok = c.strip_prefix('§').is_some_and(|rest| {
                    !rest.is_empty()
                        && rest
                            .split('.')
                            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                });
                if !ok {
                    d.error(
                        "handbook.invalid_source",
                        path,
                        format!(
                            "`{c}` is not a clause id like §2.2.1; use {{\"assumed\": \"reason\"}} for assumptions"
                        ),
                    );
                }
            }
            Source::Assumed { assumed } if assumed.trim().is_empty() => {
                d.error(
                    "handbook.invalid_source",
                    path,
                    "an assumption must say why it was made",
                );
            }
            Source::Assumed { .. } => {}
        }
    }

    /// The clause id, if the rule comes from the handbook text.
    pub fn clause(&self) -> Option<&str> {
        match self {
            Source::Clause(c) => Some(c),
            Source::Assumed { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_ids_and_assumptions_are_checked() {
        let mut d = Diagnostics::default();
        Source::Clause("§2.2.1".into()).validate("a", &mut d);
        Source::Assumed {
            assumed: "seed text lost".into(),
        }
        .validate("b", &mut d);
        assert!(d.is_empty());
        Source::Clause("2.2.1".into()).validate("c", &mut d);
        Source::Clause("§2..1".into()).validate("d", &mut d);
        Source::Assumed { assumed: " ".into() }.validate("e", &mut d);
        let paths: Vec<_> = d.into_problems().into_iter().map(|p| p.path.unwrap()).collect();
        assert_eq!(paths, ["c", "d", "e"]);
    }
}
