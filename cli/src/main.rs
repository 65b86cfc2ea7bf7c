//! `wuye`: the command-line face of the library.

mod demo;
mod scenarios;

use std::io::Read;
use std::process::ExitCode;

use wuye::Engine;

const USAGE: &str = "\
wuye — property-management handbook rules

usage:
  wuye demo                         walk through the default handbook's rules
  wuye eval [--handbook FILE]       answer protocol requests read from stdin (one JSON value, or JSON lines)
  wuye check FILE                   validate a handbook document; every problem with its path
  wuye handbook                     print the embedded default handbook
  wuye schema                       print the JSON Schema of the handbook format
  wuye test [--coverage] [--coverage-json FILE] [--junit FILE] PATH…
                                    run scenario files and folders (docs/scenarios.md); rule coverage
  wuye explain [--handbook FILE] [--json]
                                    answer one request from stdin and trace the rules that fired
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("eval") => eval(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("test") => scenarios::test(&args[1..]),
        Some("explain") => scenarios::explain(&args[1..]),
        Some("schema") => {
            print!("{}", wuye::handbook::json_schema());
            Ok(ExitCode::SUCCESS)
        }
        Some("handbook") => {
            println!("{:#}", wuye::handbook::default_document());
            Ok(ExitCode::SUCCESS)
        }
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// Loads the handbook named by `--handbook FILE`, or the default one.
fn load_engine(args: &[String]) -> Result<Engine, String> {
    match args.iter().position(|a| a == "--handbook") {
        Some(i) => {
            let path = args.get(i + 1).ok_or("--handbook needs a FILE")?;
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Engine::from_json(&text).map_err(|e| {
                e.0.iter()
                    .map(|p| format!("{path}: {p}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        None => Engine::with_default_handbook().map_err(|e| e.to_string()),
    }
}

fn eval(args: &[String]) -> Result<ExitCode, String> {
    let engine = load_engine(args)?;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| e.to_string())?;
    let trimmed = input.trim();
    if serde_json::from_str::<serde_json::Value>(trimmed).is_ok() || !trimmed.contains('\n') {
        println!("{}", engine.request(trimmed));
    } else {
        for line in trimmed.lines().filter(|l| !l.trim().is_empty()) {
            println!("{}", engine.request(line));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let path = args.first().ok_or("usage: wuye check FILE")?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    match Engine::from_json(&text) {
        Ok(engine) => {
            let (name, version) = engine.name();
            println!("{path}: ok — {name} {version}");
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for p in &errors.0 {
                println!("{path}: {p}");
            }
            println!("{} problem(s)", errors.0.len());
            Ok(ExitCode::FAILURE)
        }
    }
}

fn demo() -> Result<ExitCode, String> {
    let engine = Engine::with_default_handbook().map_err(|e| e.to_string())?;
    print!("{}", demo::run(&engine));
    Ok(ExitCode::SUCCESS)
}
