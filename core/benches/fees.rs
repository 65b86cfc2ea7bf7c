//! Benchmarks of the fees pillar (divan): `cargo bench -p wuye --bench fees`.
//!
//! A unit-month quote with four items (property fee by area for the use, tiered electricity from its
//! year-to-date position, a shared-electricity share, a late fee), typed and through the JSON protocol; and a
//! 100 k-unit bill run with a shared pool apportioned over every unit.

use divan::{black_box, Bencher};
use wuye::fees::{Areas, BillRun, Debt, Occupancy, Period, Pool, QuoteInput, Reading, Share, UnitRecord};
use wuye::money::{Decimal, Money};
use wuye::time::parse_date;
use wuye::Engine;

fn main() {
    divan::main();
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn january() -> Period {
    Period::new(parse_date("2025-01-01").unwrap(), parse_date("2025-01-31").unwrap()).unwrap()
}

const QUOTE_JSON: &str = r#"{"op":"fees.quote","unit":{"use":"residential","areas":{"building":"126.38"},"readings":[{"item":"electricity_residential","previous":"10230","current":"10530","used_before":"2600"}],"shares":[{"item":"shared_electricity","pool":"334.64","weight":"126.38","total_weight":"324.56"}],"debts":[{"principal":"315.95","due":"2024-10-31"}]},"period":{"from":"2025-01-01","to":"2025-01-31"}}"#;

#[divan::bench]
fn quote_typed(bencher: Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    let fees = engine.fees();
    let use_id = fees.use_id("residential").unwrap();
    let (readings, shares, debts) = four_item_inputs(fees);
    let period = january();
    let input = QuoteInput {
        use_id,
        areas: Areas::building(d("126.38")),
        occupancy: Occupancy::Occupied,
        period,
        prepaid: false,
        readings: &readings,
        shares: &shares,
        debts: &debts,
        as_of: period.to(),
    };
    assert_eq!(fees.quote(&input).unwrap().total, Money::from_fen(62_919));
    bencher.bench_local(|| fees.quote(black_box(&input)).unwrap().total);
}

/// The same quote into a reused buffer (`Section::quote_into`): what a host looping over units pays.
#[divan::bench]
fn quote_typed_reused(bencher: Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    let fees = engine.fees();
    let (readings, shares, debts) = four_item_inputs(fees);
    let period = january();
    let input = QuoteInput {
        use_id: fees.use_id("residential").unwrap(),
        areas: Areas::building(d("126.38")),
        occupancy: Occupancy::Occupied,
        period,
        prepaid: false,
        readings: &readings,
        shares: &shares,
        debts: &debts,
        as_of: period.to(),
    };
    let mut q = fees.quote(&input).unwrap();
    bencher.bench_local(|| {
        fees.quote_into(black_box(&input), &mut q).unwrap();
        q.total
    });
}

fn four_item_inputs(fees: &wuye::fees::Section) -> ([Reading; 1], [Share; 1], [Debt; 1]) {
    let readings = [Reading {
        item: fees.item_id("electricity_residential").unwrap(),
        previous: d("10230"),
        current: d("10530"),
        used_before: d("2600"),
    }];
    let shares = [Share {
        item: fees.item_id("shared_electricity").unwrap(),
        pool: Money::from_fen(33_464),
        weight: d("126.38"),
        total_weight: d("324.56"),
        allocated: None,
    }];
    let debts = [Debt {
        principal: Money::from_fen(31_595),
        due: parse_date("2024-10-31").unwrap(),
    }];
    (readings, shares, debts)
}

#[divan::bench]
fn quote_json(bencher: Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    assert!(engine.request(QUOTE_JSON).contains("\"total\":\"629.19\""));
    bencher.bench_local(|| engine.request(black_box(QUOTE_JSON)));
}

/// 100 k units: residential (with tiered electricity) and shops, one shared pool over all of them.
fn estate(engine: &Engine, n: usize) -> (Vec<UnitRecord>, Vec<Pool>) {
    let fees = engine.fees();
    let res = fees.use_id("residential").unwrap();
    let shop = fees.use_id("shop").unwrap();
    let elec = fees.item_id("electricity_residential").unwrap();
    let comm = fees.item_id("electricity_commercial").unwrap();
    let units = (0..n)
        .map(|i| {
            let is_shop = i % 10 == 0;
            let area = Decimal::new(5_000 + (i as i128 * 7919) % 15_000, 2).unwrap();
            let used = Decimal::new((i as i128 * 37) % 5_000, 0).unwrap();
            UnitRecord {
                id: format!("{:02}-{:04}", i / 10_000, i % 10_000),
                use_id: if is_shop { shop } else { res },
                areas: Areas::building(area),
                occupancy: if i % 17 == 0 {
                    Occupancy::Unsold
                } else {
                    Occupancy::Occupied
                },
                readings: vec![Reading {
                    item: if is_shop { comm } else { elec },
                    previous: d("1000"),
                    current: Decimal::new(1_000 + (i as i128 % 400), 0).unwrap(),
                    used_before: if is_shop { Decimal::ZERO } else { used },
                }],
                debts: if i % 5 == 0 {
                    vec![Debt {
                        principal: Money::from_fen(31_595),
                        due: parse_date("2024-10-31").unwrap(),
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let pools = vec![Pool {
        item: fees.item_id("shared_electricity").unwrap(),
        amount: Money::from_fen(12_345_678),
    }];
    (units, pools)
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn bill_run_100k(bencher: Bencher) {
    let engine = Engine::with_default_handbook().unwrap();
    let (units, pools) = estate(&engine, 100_000);
    let period = january();
    let run = BillRun {
        period,
        as_of: period.to(),
        prepaid: false,
        units: &units,
        pools: &pools,
    };
    assert_eq!(engine.fees().bill_run(&run).unwrap().len(), 100_000);
    bencher.bench_local(|| engine.fees().bill_run(black_box(&run)).unwrap().len());
}
