//! `calendar-ops OP N`: runs one calendar workload of the peer bench N times over its 1,024 inputs, wuye only,
//! so `valgrind --tool=callgrind` counts the instructions of that workload alone (divide by N × 1,024; run two
//! values of N and subtract to drop the setup). OP: `working_day`, `add_3_working_days`, `add_24_business_hours`,
//! `two_pauses`, `two_pauses_composed`, `chrono_in`, `chrono_out`, `chrono_out_calendar`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (op, n) = match args.as_slice() {
        [op, n] => (op.as_str(), n.parse().unwrap_or(1)),
        _ => {
            eprintln!("usage: calendar-ops OP N");
            std::process::exit(2);
        }
    };
    let engine = wuye::Engine::with_default_handbook().expect("default handbook");
    match wuye_bench::calendar::profile(&engine, op, n) {
        Some(sum) => println!("{op} × {n}: checksum {sum}"),
        None => {
            eprintln!("unknown OP `{op}`");
            std::process::exit(2);
        }
    }
}
