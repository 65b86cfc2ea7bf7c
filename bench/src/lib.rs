//! wuye side by side with its peers: one process, interleaved rounds, medians, and every differing answer
//! counted with its reason. `scripts/bench-peers.sh` runs it and prints the table that docs/performance.md quotes.

pub mod calendar;
#[cfg(any(feature = "jsonlogic", feature = "zen"))]
pub mod engines;
pub mod fees;
pub mod harness;
pub mod sla;
pub mod table;

use std::time::Duration;

use wuye::Engine;

/// What to run and how long.
pub struct Settings {
    pub round: Duration,
    pub filter: Option<String>,
}

impl Settings {
    /// Whether a workload (by its key) is selected.
    pub fn wants(&self, key: &str) -> bool {
        self.filter.as_ref().is_none_or(|f| key.contains(f.as_str()))
    }
}

/// Runs the selected workloads and prints the table; returns the process exit code.
pub fn main_with_args(args: impl Iterator<Item = String>) -> i32 {
    let mut quick = false;
    let mut filter = None;
    for a in args {
        match a.as_str() {
            "--quick" => quick = true,
            f if !f.starts_with('-') => filter = Some(f.to_string()),
            _ => {}
        }
    }
    let s = Settings {
        round: harness::round_length(quick),
        filter,
    };
    let engine = match Engine::with_default_handbook() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("default handbook: {e:?}");
            return 1;
        }
    };
    let mut rows = calendar::rows(&engine, &s);
    rows.extend(sla::rows(&engine, &s));
    rows.extend(fees::rows(&engine, &s));
    let clock = if harness::CpuClock::is_cpu_time() {
        "thread CPU time"
    } else {
        "wall time"
    };
    println!("Medians of 15 interleaved rounds per comparison, timed by {clock}.\n");
    println!("{}", table::render(&rows));
    if s.wants("scaling") {
        println!("SLA cost by ticket size (ns per ticket):");
        for (n, ns) in sla::scaling(&engine, &s) {
            println!("  {n:>4} events: {ns:>10.0} ns  ({:.1} ns per event)", ns / n as f64);
        }
        println!("\nBill run cost by estate size (ms per run, CPU time):");
        for (n, ms) in fees::scaling(&engine) {
            println!(
                "  {n:>9} units: {ms:>10.1} ms  ({:.0} ns per unit)",
                ms * 1e6 / n as f64
            );
        }
    }
    0
}
