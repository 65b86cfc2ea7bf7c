//! `wuye test` and `wuye explain`: run scenario files and folders, report failures, rule coverage and JUnit XML;
//! explain one request. The rules and the runner are in the core (`wuye::scenario`); this reads files.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use wuye::scenario::{self, Coverage, Report, Runner};

/// One scenario file and its result.
struct Ran {
    file: String,
    report: Report,
}

/// `wuye test [--coverage] [--coverage-json FILE] [--junit FILE] PATH…`
pub fn test(args: &[String]) -> Result<ExitCode, String> {
    let mut paths = Vec::new();
    let (mut coverage, mut coverage_json, mut junit) = (false, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--coverage" => coverage = true,
            "--coverage-json" => coverage_json = Some(it.next().ok_or("--coverage-json needs a FILE")?),
            "--junit" => junit = Some(it.next().ok_or("--junit needs a FILE")?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err("usage: wuye test [--coverage] [--coverage-json FILE] [--junit FILE] PATH…".into());
    }
    let mut runner = Runner::default();
    let mut ran = Vec::new();
    for path in &paths {
        for (file, text) in scenario_files(path)? {
            let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
            let resolve = move |rel: &str| -> Result<(String, String), String> {
                let p = dir.join(rel);
                let name = p.canonicalize().unwrap_or_else(|_| p.clone()).display().to_string();
                std::fs::read_to_string(&p)
                    .map(|t| (name, t))
                    .map_err(|e| format!("{}: {e}", p.display()))
            };
            let report = match text {
                Ok(text) => runner.run_text(&text, &resolve),
                Err(e) => unreadable(e),
            };
            ran.push(Ran {
                file: file.display().to_string(),
                report,
            });
        }
    }
    for r in ran.iter().filter(|r| !r.report.passed()) {
        print!("{}", failure_text(r));
    }
    let failed = ran.iter().filter(|r| !r.report.passed()).count();
    if coverage || coverage_json.is_some() {
        let reports: Vec<Report> = ran.iter().map(|r| r.report.clone()).collect();
        let groups: BTreeSet<&str> = reports
            .iter()
            .filter(|r| r.malformed.is_none())
            .map(|r| r.handbook.as_str())
            .collect();
        let tables: Vec<Coverage> = groups
            .into_iter()
            .map(|g| Coverage::of(g, runner.rules(g), &reports))
            .collect();
        if coverage {
            for t in &tables {
                print!("{}", t.table());
            }
        }
        if let Some(file) = coverage_json {
            let json = serde_json::to_string_pretty(&tables).map_err(|e| e.to_string())?;
            std::fs::write(file, json + "\n").map_err(|e| format!("{file}: {e}"))?;
        }
    }
    if let Some(file) = junit {
        std::fs::write(file, junit_xml(&ran)).map_err(|e| format!("{file}: {e}"))?;
    }
    println!("{} passed, {failed} failed", ran.len() - failed);
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A scenario file and its text (or why it could not be read).
type Found = (PathBuf, Result<String, String>);

/// A file named on the command line is a scenario; inside folders, `*.json` files whose format says so.
fn scenario_files(path: &Path) -> Result<Vec<Found>, String> {
    if !path.is_dir() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
        return Ok(vec![(path.to_path_buf(), text)]);
    }
    let mut found = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries.into_iter().rev() {
            // Symlinked folders are not followed, so a link cycle cannot loop.
            if std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "json") {
                match std::fs::read_to_string(&p) {
                    Ok(text) if scenario::is_scenario(&text) => found.push((p, Ok(text))),
                    Ok(_) => {}
                    Err(e) => found.push((p.clone(), Err(format!("{}: {e}", p.display())))),
                }
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

fn unreadable(message: String) -> Report {
    Report::malformed(scenario::ScenarioError {
        location: scenario::Location::Path(".".into()),
        message,
    })
}

fn compact(v: Option<&Value>) -> String {
    v.map_or_else(|| "(nothing)".into(), Value::to_string)
}

/// Every failure of one scenario: the file, the step, the selector, expected vs actual.
fn failure_text(r: &Ran) -> String {
    let rep = &r.report;
    if let Some(e) = &rep.malformed {
        return format!("FAIL {}: malformed scenario: {e}\n", r.file);
    }
    let mut out = format!("FAIL {} — {}\n", r.file, rep.name);
    for f in &rep.failures {
        let step = match (f.step, &f.step_name) {
            (Some(i), Some(n)) => format!("step {} ({n})", i + 1),
            (Some(i), None) => format!("step {}", i + 1),
            (None, _) => "before the steps".into(),
        };
        match &f.selector {
            Some(sel) => out.push_str(&format!("  {step}, {sel}: {}\n", f.message)),
            None => out.push_str(&format!("  {step}: {}\n", f.message)),
        }
        if f.expected.is_some() || f.actual.is_some() {
            out.push_str(&format!("    expected: {}\n", compact(f.expected.as_ref())));
            out.push_str(&format!("    actual:   {}\n", compact(f.actual.as_ref())));
        }
    }
    out
}

fn junit_xml(ran: &[Ran]) -> String {
    let failed = ran.iter().filter(|r| !r.report.passed()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"wuye\" tests=\"{}\" failures=\"{failed}\">\n  <testsuite name=\"wuye scenarios\" tests=\"{}\" failures=\"{failed}\">\n",
        ran.len(),
        ran.len()
    ));
    for r in ran {
        let name = if r.report.name.is_empty() {
            &r.file
        } else {
            &r.report.name
        };
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml(&r.file),
            xml(name)
        ));
        if r.report.passed() {
            out.push_str("/>\n");
        } else {
            let text = failure_text(r);
            let first = text.lines().nth(1).or(text.lines().next()).unwrap_or_default().trim();
            out.push_str(&format!(
                ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                xml(first),
                xml(&text)
            ));
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `wuye explain [--handbook FILE] [--json]`: one request on stdin, its trace on stdout.
pub fn explain(args: &[String]) -> Result<ExitCode, String> {
    let engine = crate::load_engine(args)?;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| e.to_string())?;
    let request: Value =
        serde_json::from_str(&input).map_err(|e| format!("stdin: line {}, column {}: {e}", e.line(), e.column()))?;
    if !request.is_object() {
        return Err("wuye explain reads one request object".into());
    }
    let trace = scenario::explain(&engine, &request);
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&trace).map_err(|e| e.to_string())?);
    } else {
        print!("{}", trace.text());
    }
    Ok(if trace.answer.get("error").is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
