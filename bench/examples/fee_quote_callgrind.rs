//! A small driver for instruction counts of the typed fee quote, without the table's timing loop around it:
//! `valgrind --tool=callgrind --toggle-collect='fee_quote_callgrind::pass' target/release/examples/fee_quote_callgrind`
//! then divide the instructions by the quotes (1,024 per pass, `PASSES` passes; the first pass warms up).

use std::hint::black_box;

use wuye_bench::fees::{cases, input, typed, Typed, BATCH};

const PASSES: usize = 10;

/// One pass of the bench's `fee_quote` contender: a typed quote per case, totals summed.
#[inline(never)]
fn pass(fees: &wuye::fees::Section, inputs: &[Typed]) -> u64 {
    inputs
        .iter()
        .map(|t| fees.quote(black_box(&input(t))).map_or(0, |q| q.total.fen() as u64))
        .sum()
}

fn main() {
    let engine = wuye::Engine::with_default_handbook().expect("default handbook");
    let inputs: Vec<Typed> = cases(BATCH).iter().map(|c| typed(&engine, c)).collect();
    let mut sum = 0;
    for _ in 0..PASSES {
        sum += pass(engine.fees(), &inputs);
    }
    println!("{} quotes, checksum {sum}", PASSES * BATCH);
}
