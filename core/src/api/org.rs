//! `org.*` ops: the org chart (组织构架) — a role, and who a matter goes up to next (§1, §2.1, §2.2).

use serde::{Deserialize, Serialize};

use super::Exchange;
use crate::error::Problem;
use crate::handbook::{Org, RoleId, Source};
use crate::Engine;

pub(crate) fn handle<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    let org = engine.org();
    match op {
        "org.role" => {
            let r: RoleRequest = x.args()?;
            x.ok(&info(org, find(org, &r.role, "role")?))
        }
        "org.escalate" => {
            let r: EscalateRequest = x.args()?;
            let from = find(org, &r.from, "from")?;
            if !org.ladder().contains(&from) {
                let msg = format!("`{}` is not on the escalation ladder", r.from);
                return Err(Problem::new("org.not_on_ladder", msg).at("from"));
            }
            x.ok(&Escalated {
                from: info(org, from),
                to: org.next_up(from).map(|to| info(org, to)),
            })
        }
        _ => Err(super::unknown_op(op)),
    }
}

fn find(org: &Org, id: &str, path: &str) -> Result<RoleId, Problem> {
    org.role_id(id)
        .ok_or_else(|| Problem::new("org.unknown_role", format!("no role `{id}` in the org chart")).at(path))
}

fn info(org: &Org, id: RoleId) -> RoleInfo<'_> {
    let role = org.role(id);
    RoleInfo {
        id: &role.id,
        name: &role.name,
        reports_to: role.reports_to.map(|up| org.role(up).id.as_str()),
        headcount: role.headcount,
        external: role.external,
        source: &role.source,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRequest {
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EscalateRequest {
    from: String,
}

#[derive(Serialize)]
struct RoleInfo<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reports_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headcount: Option<u32>,
    external: bool,
    source: &'a Source,
}

#[derive(Serialize)]
struct Escalated<'a> {
    from: RoleInfo<'a>,
    /// The next rung up, or null at the top of the ladder.
    to: Option<RoleInfo<'a>>,
}
