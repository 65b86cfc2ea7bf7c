//! The organisation (组织构架): roles, head-count and the escalation ladder (§1, §2.1, §2.2).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

use super::{Diagnostics, Rule, Source};

/// A role's index in the compiled org chart.
pub type RoleId = usize;

/// One role of the org chart as the handbook document writes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoleDoc {
    /// Stable id used everywhere else in the handbook, e.g. `supervisor`.
    pub id: String,
    /// Name as staff say it, e.g. `客服主管`.
    pub name: String,
    /// Direct superior (直接上级), if any.
    #[serde(default)]
    pub reports_to: Option<String>,
    /// Planned head-count (人员编制), if the handbook gives one.
    #[serde(default)]
    pub headcount: Option<u32>,
    /// True for people outside the company (the owner, 业主) who take part in workflows.
    #[serde(default)]
    pub external: bool,
    pub source: Source,
}

/// The org section of the handbook document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrgDoc {
    pub roles: Vec<RoleDoc>,
    /// Who an unresolved matter goes up to, lowest first (assistant → supervisor → property manager …).
    pub escalation_ladder: Vec<String>,
    pub source: Source,
}

/// A compiled role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub reports_to: Option<RoleId>,
    pub headcount: Option<u32>,
    pub external: bool,
    pub source: Source,
}

/// The compiled org chart.
#[derive(Debug, Clone, Default)]
pub struct Org {
    roles: Vec<Role>,
    by_id: HashMap<String, RoleId>,
    ladder: Vec<RoleId>,
    /// Where the org chart as a whole comes from (§1).
    source: Option<Source>,
}

impl Org {
    /// Looks up a role by its id.
    pub fn role_id(&self, id: &str) -> Option<RoleId> {
        self.by_id.get(id).copied()
    }

    pub fn role(&self, id: RoleId) -> &Role {
        &self.roles[id]
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The escalation ladder, lowest rung first.
    pub fn ladder(&self) -> &[RoleId] {
        &self.ladder
    }

    /// The rung above `role` on the escalation ladder.
    pub fn next_up(&self, role: RoleId) -> Option<RoleId> {
        let i = self.ladder.iter().position(|&r| r == role)?;
        self.ladder.get(i + 1).copied()
    }

    /// The org chart's rules: the escalation ladder (`org.escalation_ladder`) and each role (`org.role.<id>`).
    pub fn rules(&self) -> Vec<Rule> {
        let mut rules = Vec::with_capacity(self.roles.len() + 1);
        if let Some(source) = &self.source {
            rules.push(Rule::new("org.escalation_ladder", source, None));
        }
        let chart = self.source.as_ref().and_then(Source::clause);
        for r in &self.roles {
            rules.push(Rule::new(format!("org.role.{}", r.id), &r.source, chart));
        }
        rules
    }

    /// Validates a role reference at `path`, recording a problem when it names no role.
    pub fn resolve(&self, id: &str, path: &str, d: &mut Diagnostics) -> Option<RoleId> {
        let found = self.role_id(id);
        if found.is_none() {
            d.error("handbook.unknown_role", path, format!("no role `{id}` in org.roles"));
        }
        found
    }
}

/// Compiles and checks the org section: unique ids, known superiors, no reporting cycle, a ladder of known roles.
pub fn compile(value: Option<&Value>, d: &mut Diagnostics) -> Org {
    let Some(value) = value else {
        d.error("handbook.missing_field", "org", "the handbook needs an org section");
        return Org::default();
    };
    let Some(doc) = d.parse::<OrgDocLoose>(value, "org") else {
        return Org::default();
    };
    doc.source.validate("org.source", d);
    let docs = d.parse_each::<RoleDoc>(&doc.roles, "org.roles");
    let mut org = Org {
        source: Some(doc.source.clone()),
        ..Org::default()
    };
    for (path, r) in &docs {
        r.source.validate(&format!("{path}.source"), d);
        // A duplicate keeps the first definition's index: `insert` would overwrite it with an index that is never
        // pushed (found by fuzzing: a later lookup indexed past the end of `roles`).
        let next = org.roles.len();
        if *org.by_id.entry(r.id.clone()).or_insert(next) != next {
            d.error(
                "handbook.duplicate_id",
                &format!("{path}.id"),
                format!("role `{}` is defined twice", r.id),
            );
            continue;
        }
        org.roles.push(Role {
            id: r.id.clone(),
            name: r.name.clone(),
            reports_to: None,
            headcount: r.headcount,
            external: r.external,
            source: r.source.clone(),
        });
    }
    for (path, r) in &docs {
        if let (Some(sup), Some(me)) = (&r.reports_to, org.role_id(&r.id)) {
            let superior = org.resolve(sup, &format!("{path}.reports_to"), d);
            if let Some(role) = org.roles.get_mut(me).filter(|role| role.id == r.id) {
                role.reports_to = superior;
            }
        }
    }
    for (i, role) in org.roles.iter().enumerate() {
        let mut seen = 0;
        let mut cur = role.reports_to;
        while let Some(up) = cur {
            seen += 1;
            if up == i || seen > org.roles.len() {
                d.error(
                    "handbook.reporting_cycle",
                    "org.roles",
                    format!("role `{}` reports to itself through its superiors", role.id),
                );
                break;
            }
            cur = org.roles.get(up).and_then(|r| r.reports_to);
        }
    }
    for (i, id) in doc.escalation_ladder.iter().enumerate() {
        let path = format!("org.escalation_ladder[{i}]");
        if let Some(r) = org.resolve(id, &path, d) {
            if org.ladder.contains(&r) {
                d.error(
                    "handbook.duplicate_id",
                    &path,
                    format!("`{id}` stands twice on the ladder"),
                );
            } else {
                org.ladder.push(r);
            }
        }
    }
    org
}

/// The org section with roles left as raw JSON so each role is checked on its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgDocLoose {
    roles: Value,
    escalation_ladder: Vec<String>,
    source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Found by fuzzing: a role defined twice made a later lookup index past the end of the roles.
    #[test]
    fn a_role_defined_twice_is_one_error_not_a_panic() {
        let org = json!({"source": "§1", "escalation_ladder": ["a"], "roles": [
            {"id": "a", "name": "A", "source": "§1"},
            {"id": "b", "name": "B", "reports_to": "a", "source": "§1"},
            {"id": "b", "name": "B again", "reports_to": "a", "source": "§1"},
        ]});
        let mut d = Diagnostics::default();
        let compiled = compile(Some(&org), &mut d);
        let problems = d.into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "handbook.duplicate_id");
        assert_eq!(problems[0].path.as_deref(), Some("org.roles[2].id"));
        assert_eq!(compiled.role_id("b"), Some(1));
        assert_eq!(compiled.roles().len(), 2);
    }
}
