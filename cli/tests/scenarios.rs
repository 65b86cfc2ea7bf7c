//! `wuye test` and `wuye explain` from outside: what a rule author sees when an expectation is wrong, when a
//! file is malformed, and what CI gets (exit status, JUnit, coverage).

use std::path::{Path, PathBuf};

mod support;

use support::{stdout, wuye};

/// A fresh folder under the system temp dir for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wuye-scenarios-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, file: &str, text: &str) -> String {
    let p = dir.join(file);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn complaint(due: &str) -> String {
    format!(
        r#"{{
  "format": "wuye.scenario/1",
  "name": "complaints within 24 hours",
  "steps": [
    {{
      "name": "created Monday 09:00",
      "request": {{"op": "sla.evaluate", "now": "2025-03-03T10:00:00+08:00", "ticket": {{"id": "C-1", "kind": "complaint",
        "events": [{{"type": "created", "at": "2025-03-03T09:00:00+08:00"}}]}}}},
      "expect": {{"goals[measure=resolution].due_at": "{due}"}}
    }}
  ]
}}
"#
    )
}

#[test]
fn a_wrong_expectation_fails_with_expected_and_actual_and_fixing_it_passes() {
    let dir = folder("wrong");
    let file = write(&dir, "complaint.json", &complaint("2025-03-04T10:00:00+08:00"));
    let out = wuye(&["test", dir.to_str().unwrap()], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("FAIL {file} — complaints within 24 hours")),
        "{text}"
    );
    assert!(
        text.contains("step 1 (created Monday 09:00), goals[measure=resolution].due_at: value differs"),
        "{text}"
    );
    assert!(text.contains("    expected: \"2025-03-04T10:00:00+08:00\"\n"), "{text}");
    assert!(text.contains("    actual:   \"2025-03-04T09:00:00+08:00\"\n"), "{text}");
    assert_eq!(text.lines().last(), Some("0 passed, 1 failed"));

    write(&dir, "complaint.json", &complaint("2025-03-04T09:00:00+08:00"));
    let out = wuye(&["test", &file], "");
    assert!(out.status.success(), "{}", stdout(&out));
    assert_eq!(stdout(&out), "1 passed, 0 failed\n");
}

#[test]
fn malformed_scenarios_report_their_location_and_count_as_failed() {
    let dir = folder("malformed");
    let bad_json = write(
        &dir,
        "bad-json.json",
        "{\n  \"format\": \"wuye.scenario/1\",\n  \"name\": \"x\",\n  \"steps\": [,]\n}\n",
    );
    let bad_shape = write(
        &dir,
        "bad-shape.json",
        r#"{"format": "wuye.scenario/1", "name": "x", "steps": [{"request": {"op": "org.role", "role": "owner"}, "expekt": {}}]}"#,
    );
    let bad_selector = write(
        &dir,
        "bad-selector.json",
        r#"{"format": "wuye.scenario/1", "name": "x", "steps": [{"request": {"op": "org.role", "role": "owner"}, "expect": {"goals[measure": 1}}]}"#,
    );
    write(&dir, "not-a-scenario.json", r#"{"format": "wuye.handbook/1"}"#);
    let out = wuye(&["test", dir.to_str().unwrap()], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("FAIL {bad_json}: malformed scenario: line 4, column 13:")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "FAIL {bad_shape}: malformed scenario: at steps[0].expekt: unknown field `expekt`"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "FAIL {bad_selector}: malformed scenario: at steps[0].expect[\"goals[measure\"]: unknown selector"
        )),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("0 passed, 3 failed"),
        "the handbook-format file is not a scenario"
    );
}

#[test]
fn junit_and_coverage_json_are_written_for_ci() {
    let dir = folder("junit");
    write(&dir, "good.json", &complaint("2025-03-04T09:00:00+08:00"));
    write(&dir, "bad.json", &complaint("2025-03-04T09:00:01+08:00"));
    let junit = dir.join("junit.xml");
    let cov = dir.join("coverage.json");
    let out = wuye(
        &[
            "test",
            "--junit",
            junit.to_str().unwrap(),
            "--coverage-json",
            cov.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains(r#"<testsuite name="wuye scenarios" tests="2" failures="1">"#),
        "{xml}"
    );
    assert!(xml.contains("expected: &quot;2025-03-04T09:00:01+08:00&quot;"), "{xml}");
    let cov: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&cov).unwrap()).unwrap();
    let default = &cov[0];
    assert_eq!(default["handbook"], "default");
    assert_eq!(default["scenarios"], 2);
    let rule = |id: &str| {
        default["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(rule("sla.complaint.resolution")["scenarios"], 2);
    assert_eq!(rule("sla.major_repair.resolution")["scenarios"], 0);
    let uncovered = default["uncovered_clauses"].as_array().unwrap();
    assert!(uncovered.contains(&"§2.2.1".into()) && !uncovered.contains(&"§2.2.10".into()));
}

#[test]
fn a_scenario_can_name_its_own_handbook_file() {
    let dir = folder("path");
    let mut doc = wuye::handbook::default_document();
    doc["sla"]["kinds"]["complaint"]["goals"][1]["target"] = serde_json::json!({"hours": 12});
    write(&dir, "handbook.json", &doc.to_string());
    let scenario = complaint("2025-03-03T21:00:00+08:00").replace(
        r#""name": "complaints within 24 hours","#,
        r#""name": "a stricter company", "handbook": {"path": "handbook.json"},"#,
    );
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write(
        &dir,
        "sub/strict.json",
        &scenario.replace("handbook.json", "../handbook.json"),
    );
    let out = wuye(&["test", "--coverage", dir.to_str().unwrap()], "");
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("rule coverage of the ") && text.contains("handbook.json handbook (1 scenario(s))"),
        "{text}"
    );
}

#[test]
fn the_default_suite_passes_and_covers_every_clause() {
    let suite = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/scenarios");
    let out = wuye(&["test", "--coverage", suite], "");
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("clauses with no scenario: none"), "{text}");
    for clause in [
        "§1", "§2.1", "§2.1.3", "§2.1.4", "§2.1.5", "§2.1.7", "§2.1.8", "§2.1.14", "§2.2.1", "§2.2.2", "§2.2.3",
        "§2.2.4", "§2.2.5", "§2.2.7", "§2.2.9", "§2.2.10",
    ] {
        assert!(
            text.contains(&format!("\n  {clause:<8} ")),
            "{clause} missing from\n{text}"
        );
    }
}

#[test]
fn explain_traces_the_rules_that_fired() {
    let request = r#"{"op": "sla.evaluate", "now": "2025-03-04T09:00:00+08:00", "ticket": {"id": "C-9", "kind": "complaint",
        "events": [{"type": "created", "at": "2025-03-03T09:00:00+08:00"}, {"type": "acknowledged", "at": "2025-03-03T09:30:00+08:00"}]}}"#;
    let out = wuye(&["explain"], request);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("sla.complaint.resolution.escalate.supervisor") && text.contains("§2.1.4"),
        "{text}"
    );
    assert!(
        text.contains("target {\"hours\":24} = 86400 s on the wall clock"),
        "{text}"
    );
    assert!(text.contains("escalation to supervisor on breach at 2025-03-04T09:00:00+08:00: fired, due: act now"));
    let out = wuye(&["explain", "--json"], request);
    let trace: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(trace["op"], "sla.evaluate");
    let ids: Vec<&str> = trace["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"sla.complaint.resolution.escalate.supervisor"), "{ids:?}");
    assert!(
        !ids.contains(&"sla.complaint.resolution.escalate.property_manager"),
        "{ids:?}"
    );
    assert_eq!(trace["answer"]["ok"]["goals"][1]["state"], "breached");
}
