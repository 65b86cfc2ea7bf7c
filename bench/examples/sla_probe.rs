//! Instruction counts per SLA evaluation, for callgrind (load-independent):
//! `valgrind --tool=callgrind target/release/examples/sla_probe N EVENTS` for two N; the difference of the totals
//! divided by the difference of N is the cost of one evaluation of an EVENTS-event ticket (default 6).
//! With a third argument `json`, each evaluation is an `sla.evaluate` request through `Engine::request`.

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let events: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(6);
    let engine = wuye::Engine::with_default_handbook().expect("default handbook");
    let tickets: Vec<_> = (0..256).map(|i| wuye_bench::sla::ticket(i * 13, events)).collect();
    let now = wuye::Instant::parse("2025-03-10T09:00:00+08:00").expect("instant");
    let sla = engine.sla();
    let mut goals = 0;
    if args.next().as_deref() == Some("json") {
        let requests: Vec<String> = tickets
            .iter()
            .map(|t| {
                let t = serde_json::to_value(t).expect("json");
                serde_json::json!({"op": "sla.evaluate", "ticket": t, "now": "2025-03-10T09:00:00+08:00"}).to_string()
            })
            .collect();
        for i in 0..n {
            goals += engine.request(black_box(&requests[i % requests.len()])).len();
        }
        println!("{goals} bytes answered");
        return;
    }
    for i in 0..n {
        let report = sla.evaluate(black_box(&tickets[i % tickets.len()]), now);
        goals += report.map_or(0, |r| r.goals.len());
    }
    println!(
        "{goals} goals; report {} bytes, goal {} bytes",
        std::mem::size_of::<wuye::sla::TicketReport>(),
        std::mem::size_of::<wuye::sla::GoalReport>()
    );
}
