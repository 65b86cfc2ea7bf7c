//! The `wuye` command, checked from outside: what a rule author and a CI job see.

mod support;

use support::{stdout, wuye};

const NINE_TO_SIX: &str = r#"{"week":{"mon":["09:00-18:00"],"tue":["09:00-18:00"],"wed":["09:00-18:00"],"thu":["09:00-18:00"],"fri":["09:00-18:00"]},"holidays":"cn_mainland"}"#;

#[test]
fn eval_answers_the_calendar_acceptance_examples() {
    let requests = format!(
        "{{\"op\":\"calendar.add\",\"calendar\":{NINE_TO_SIX},\"from\":\"2025-01-24T17:00:00+08:00\",\"add\":{{\"business_hours\":8}}}}\n\
         {{\"op\":\"calendar.add\",\"calendar\":{NINE_TO_SIX},\"from\":\"2025-01-27T10:00:00+08:00\",\"add\":{{\"working_days\":3}}}}\n"
    );
    let out = wuye(&["eval"], &requests);
    assert!(out.status.success());
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains(r#""at":"2025-01-26T16:00:00+08:00""#), "{}", lines[0]);
    assert!(lines[1].contains(r#""at":"2025-02-07T10:00:00+08:00""#), "{}", lines[1]);
}

#[test]
fn eval_takes_an_array_as_a_batch() {
    let out = wuye(
        &["eval"],
        r#"[{"op":"calendar.day","calendar":"office","date":"2031-01-02"},{"op":"x"}]"#,
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON answer");
    assert_eq!(v[0]["error"]["code"], "calendar.out_of_coverage");
    assert_eq!(v[1]["error"]["code"], "request.unknown_op");
}

#[test]
fn check_reports_every_problem_of_a_handbook_with_its_path() {
    let out = wuye(&["handbook"], "");
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("default handbook is JSON");
    doc["org"]["escalation_ladder"][1] = "chief".into();
    doc["calendars"]["office"]["week"]["tue"][0] = "08:30-25:00".into();
    doc["holiday_sets"]["cn_mainland"]["days"][0]["date"] = "2025-02-30".into();
    let path = std::env::temp_dir().join(format!("wuye-broken-{}.json", std::process::id()));
    std::fs::write(&path, doc.to_string()).expect("temp file");
    let out = wuye(&["check", path.to_str().expect("utf-8 path")], "");
    let _ = std::fs::remove_file(&path);
    assert!(!out.status.success());
    let text = stdout(&out);
    for (code, at) in [
        ("handbook.unknown_role", "org.escalation_ladder[1]"),
        ("calendar.invalid_window", "calendars.office.week.tue[0]"),
        ("calendar.invalid_date", "holiday_sets.cn_mainland.days[0].date"),
    ] {
        assert!(
            text.contains(&format!("[{code}] {at}:")),
            "missing {code} at {at} in:\n{text}"
        );
    }
    assert!(text.contains("3 problem(s)"), "{text}");
}

#[test]
fn check_accepts_the_default_handbook() {
    let out = wuye(&["handbook"], "");
    let path = std::env::temp_dir().join(format!("wuye-default-{}.json", std::process::id()));
    std::fs::write(&path, &out.stdout).expect("temp file");
    let out = wuye(&["check", path.to_str().expect("utf-8 path")], "");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn the_committed_json_schema_is_up_to_date() {
    let out = wuye(&["schema"], "");
    let committed = include_str!("../../docs/handbook.schema.json");
    assert!(
        stdout(&out) == committed,
        "docs/handbook.schema.json is stale: run `cargo run -p wuye-cli -- schema > docs/handbook.schema.json`"
    );
}

#[test]
fn the_demo_runs() {
    let out = wuye(&["demo"], "");
    assert!(out.status.success());
    assert!(stdout(&out).contains("wuye demo"));
    assert!(stdout(&out).contains("approve                     refused: workflow.role_not_allowed"));
    assert!(stdout(&out).contains("— OVERDUE, assistant must act"));
}
