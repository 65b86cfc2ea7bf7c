//! Fee workloads: a unit-month quote with four items (property fee = rate × area by use from a table, tiered or
//! flat electricity, a shared-electricity share, a late fee; half-up to the fen at each line), typed and through
//! `fees.quote`; bill runs of 1 k, 100 k and 1 M units. Peers (feature `engines`): zen-engine and datalogic-rs
//! evaluating the same formulas on the same inputs; every total is also checked against an integer reference.

use serde_json::json;
use wuye::fees::{Areas, BillRun, Debt, Occupancy, Period, Pool, QuoteInput, Reading, Share, UnitRecord};
use wuye::money::{Decimal, Money};
use wuye::time::parse_date;
use wuye::Engine;

use crate::harness::{compare, time_once, Contender};
use crate::table::{Differ, PeerResult, Row};
use crate::Settings;

pub const BATCH: usize = 1024;
/// Shared pool and the estate's total weight (building area), for the single-unit share.
pub const POOL_FEN: i64 = 1_234_567;
pub const TOTAL_WEIGHT_CENTI: i128 = 1_000_000; // 10 000.00 m²

/// One quote's inputs as plain integers (what every contender reads).
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// 0 residential, 1 shop, 2 office.
    pub use_: u8,
    /// Building area in centi-m² (0.01 m²).
    pub area_centi: i128,
    /// kWh this month and kWh already used this year.
    pub kwh: i128,
    pub used_before: i128,
    /// Overdue principal in fen, due 2024-10-31; quoted as of 2025-01-31.
    pub debt_fen: i64,
}

pub fn cases(n: usize) -> Vec<Case> {
    (0..n as i128)
        .map(|i| Case {
            use_: [0, 0, 0, 0, 0, 0, 0, 1, 1, 2][(i % 10) as usize],
            area_centi: 5_000 + (i * 7919) % 15_000,
            kwh: (i * 131) % 600,
            used_before: (i * 389) % 5_200,
            debt_fen: (10_000 + (i * 104_729) % 90_000) as i64,
        })
        .collect()
}

pub const RATES_CENTI: [i128; 3] = [250, 600, 500];
pub const USES: [&str; 3] = ["residential", "shop", "office"];
pub const LATE_DAYS: i128 = 92; // 2024-10-31 .. 2025-01-31

fn january() -> Period {
    Period::new(
        parse_date("2025-01-01").expect("date"),
        parse_date("2025-01-31").expect("date"),
    )
    .expect("period")
}

fn dec(mantissa: i128, scale: u32) -> Decimal {
    Decimal::new(mantissa, scale).expect("decimal")
}

/// Typed inputs of one case, owned so a quote can borrow them. Built once, like the peers' inputs: a typed host
/// holds its billing period as a `Period`, so the quote loop parses no dates.
pub struct Typed {
    use_id: wuye::fees::UseId,
    period: Period,
    areas: Areas,
    readings: [Reading; 1],
    shares: [Share; 1],
    debts: [Debt; 1],
}

pub fn typed(engine: &Engine, c: &Case) -> Typed {
    let fees = engine.fees();
    let item = |k: &str| fees.item_id(k).expect("item");
    let elec = if c.use_ == 0 {
        "electricity_residential"
    } else {
        "electricity_commercial"
    };
    Typed {
        use_id: fees.use_id(USES[usize::from(c.use_)]).expect("use"),
        period: january(),
        areas: Areas::building(dec(c.area_centi, 2)),
        readings: [Reading {
            item: item(elec),
            previous: dec(10_000, 0),
            current: dec(10_000 + c.kwh, 0),
            used_before: if c.use_ == 0 {
                dec(c.used_before, 0)
            } else {
                Decimal::ZERO
            },
        }],
        shares: [Share {
            item: item("shared_electricity"),
            pool: Money::from_fen(POOL_FEN),
            weight: dec(c.area_centi, 2),
            total_weight: dec(TOTAL_WEIGHT_CENTI, 2),
            allocated: None,
        }],
        debts: [Debt {
            principal: Money::from_fen(c.debt_fen),
            due: parse_date("2024-10-31").expect("date"),
        }],
    }
}

pub fn input(t: &Typed) -> QuoteInput<'_> {
    let period = t.period;
    QuoteInput {
        use_id: t.use_id,
        areas: t.areas,
        occupancy: Occupancy::Occupied,
        period,
        prepaid: false,
        readings: &t.readings,
        shares: &t.shares,
        debts: &t.debts,
        as_of: period.to(),
    }
}

/// The request text of one case.
pub fn request(c: &Case) -> String {
    let elec = if c.use_ == 0 {
        "electricity_residential"
    } else {
        "electricity_commercial"
    };
    let area = dec(c.area_centi, 2).to_string();
    json!({
        "op": "fees.quote",
        "unit": {
            "use": USES[usize::from(c.use_)],
            "areas": {"building": area},
            "readings": [{"item": elec, "previous": "10000", "current": (10_000 + c.kwh).to_string(),
                          "used_before": if c.use_ == 0 { c.used_before.to_string() } else { "0".into() }}],
            "shares": [{"item": "shared_electricity", "pool": Money::from_fen(POOL_FEN).to_string(), "weight": area,
                        "total_weight": dec(TOTAL_WEIGHT_CENTI, 2).to_string()}],
            "debts": [{"principal": Money::from_fen(c.debt_fen).to_string(), "due": "2024-10-31"}]
        },
        "period": {"from": "2025-01-01", "to": "2025-01-31"}
    })
    .to_string()
}

// ---------------------------------------------------------------- integer reference

/// `n / d` rounded half-up (n, d > 0).
fn div_half_up(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

/// Electricity in milli-yuan (exact): annual tiers for residential, a flat 0.80 otherwise.
pub fn electricity_milli(c: &Case) -> i128 {
    if c.use_ != 0 {
        return c.kwh * 800;
    }
    let tiers = [(2_760, 538), (4_800, 588), (i128::MAX, 838)];
    let (mut from, mut sum, mut lo) = (c.used_before, 0, 0);
    let to = c.used_before + c.kwh;
    for (up_to, price) in tiers {
        let a = from.max(lo);
        let b = to.min(up_to);
        if b > a {
            sum += (b - a) * price;
        }
        from = from.max(up_to.min(to));
        lo = up_to;
    }
    sum
}

/// The four lines in fen, each rounded half-up to the fen as the default handbook says, by integer arithmetic.
pub fn reference_lines(c: &Case) -> [i128; 4] {
    let property = div_half_up(RATES_CENTI[usize::from(c.use_)] * c.area_centi, 100);
    let electricity = div_half_up(electricity_milli(c), 10);
    let share = div_half_up(i128::from(POOL_FEN) * c.area_centi, TOTAL_WEIGHT_CENTI);
    // principal × 0.0005 × days, capped at the principal.
    let late = div_half_up(i128::from(c.debt_fen) * 5 * LATE_DAYS, 10_000).min(i128::from(c.debt_fen));
    [property, electricity, share, late]
}

/// The exact total in fen rounded once at the end (what an engine without per-line rounding would get if it
/// computed exactly), to tell "no per-line rounding" from "f64 error".
pub fn reference_rounded_once(c: &Case) -> i128 {
    // Everything in units of 1e-6 yuan × total weight, so the share stays exact.
    let d = TOTAL_WEIGHT_CENTI;
    let property = RATES_CENTI[usize::from(c.use_)] * c.area_centi * 100; // 1e-4 yuan → 1e-6
    let electricity = electricity_milli(c) * 1_000;
    let late = (i128::from(c.debt_fen) * 5 * LATE_DAYS).min(i128::from(c.debt_fen) * 10_000);
    let n = (property + electricity + late) * d + i128::from(POOL_FEN) * 10_000 * c.area_centi;
    div_half_up(n, d * 10_000)
}

pub fn reference_total(c: &Case) -> i128 {
    reference_lines(c).iter().sum()
}

/// Why a peer's total (in fen) differs from wuye's.
pub fn why(c: &Case, peer_fen: i128) -> &'static str {
    if peer_fen == reference_rounded_once(c) {
        "rounds once at the end, not per line"
    } else {
        "f64 cents"
    }
}

// ---------------------------------------------------------------- workloads

pub fn rows(engine: &Engine, s: &Settings) -> Vec<Row> {
    let mut rows = Vec::new();
    let cs = cases(BATCH);
    if s.wants("fee_quote") {
        let fees = engine.fees();
        let typed: Vec<Typed> = cs.iter().map(|c| typed(engine, c)).collect();
        let ours: Vec<i128> = typed
            .iter()
            .map(|t| fees.quote(&input(t)).map_or(-1, |q| i128::from(q.total.fen())))
            .collect();
        let reference: Vec<i128> = cs.iter().map(reference_total).collect();
        let mut check = Differ::default();
        for (a, b) in ours.iter().zip(&reference) {
            check.note((a != b).then_some("differs from the integer reference"));
        }
        #[cfg(any(feature = "jsonlogic", feature = "zen"))]
        let engines = crate::engines::FeeEngines::new(&cs);
        #[allow(unused_mut)]
        let mut contenders = vec![Contender::new("wuye", BATCH, || {
            typed
                .iter()
                .map(|t| fees.quote(&input(t)).map_or(0, |q| q.total.fen() as u64))
                .sum()
        })];
        #[allow(unused_mut)]
        let mut peers: Vec<(String, Vec<i128>)> = Vec::new();
        #[cfg(any(feature = "jsonlogic", feature = "zen"))]
        {
            peers.extend(engines.answers());
            contenders.extend(engines.contenders());
        }
        let r = compare(&mut contenders, s.round);
        rows.push(Row {
            operation: "fee quote, 4 items (rate × area by use, tiers, share, late fee), typed".into(),
            wuye: r[0],
            check: Some(check),
            peers: peers
                .into_iter()
                .zip(&r[1..])
                .map(|((name, answers), &ops)| {
                    let mut d = Differ::default();
                    for (i, (a, b)) in ours.iter().zip(&answers).enumerate() {
                        d.note((a != b).then(|| why(&cs[i], *b)));
                    }
                    PeerResult {
                        name,
                        ops_per_sec: ops,
                        differ: Some(d),
                    }
                })
                .collect(),
        });
    }
    if s.wants("json_fee_quote") {
        let requests: Vec<String> = cs.iter().map(request).collect();
        let mut check = Differ::default();
        for (r, c) in requests.iter().zip(&cs) {
            let v: serde_json::Value = serde_json::from_str(&engine.request(r)).expect("json");
            let total = v["ok"]["total"].as_str().and_then(|t| Money::parse(t).ok());
            check.note((total.map(|m| i128::from(m.fen())) != Some(reference_total(c))).then_some("differs"));
        }
        let mut c = [Contender::new("wuye", BATCH, || {
            requests.iter().map(|r| engine.request(r).len() as u64).sum()
        })];
        let r = compare(&mut c, s.round);
        rows.push(Row {
            operation: "`fees.quote` 4 items, JSON text in/out".into(),
            wuye: r[0],
            check: Some(check),
            peers: vec![],
        });
    }
    if s.wants("bill_run") {
        let (units, pools) = estate(engine, 100_000);
        let secs = bill_run_seconds(engine, &units, &pools, 5);
        rows.push(Row {
            operation: format!("bill run, 100 k units ({:.1} ms per run)", secs * 1e3),
            wuye: 100_000.0 / secs,
            check: None,
            peers: vec![],
        });
    }
    rows
}

/// `n` units like the fees pillar's own benchmark: residential with tiered electricity, every tenth a shop, some
/// unsold, every fifth with an overdue debt; one shared pool over all.
pub fn estate(engine: &Engine, n: usize) -> (Vec<UnitRecord>, Vec<Pool>) {
    let fees = engine.fees();
    let res = fees.use_id("residential").expect("use");
    let shop = fees.use_id("shop").expect("use");
    let elec = fees.item_id("electricity_residential").expect("item");
    let comm = fees.item_id("electricity_commercial").expect("item");
    let units = (0..n)
        .map(|i| {
            let is_shop = i % 10 == 0;
            UnitRecord {
                id: format!("{:03}-{:04}", i / 10_000, i % 10_000),
                use_id: if is_shop { shop } else { res },
                areas: Areas::building(dec(5_000 + (i as i128 * 7919) % 15_000, 2)),
                occupancy: if i % 17 == 0 {
                    Occupancy::Unsold
                } else {
                    Occupancy::Occupied
                },
                readings: vec![Reading {
                    item: if is_shop { comm } else { elec },
                    previous: dec(1000, 0),
                    current: dec(1_000 + (i as i128 % 400), 0),
                    used_before: if is_shop {
                        Decimal::ZERO
                    } else {
                        dec((i as i128 * 37) % 5_000, 0)
                    },
                }],
                debts: if i % 5 == 0 {
                    vec![Debt {
                        principal: Money::from_fen(31_595),
                        due: parse_date("2024-10-31").expect("date"),
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let pools = vec![Pool {
        item: fees.item_id("shared_electricity").expect("item"),
        amount: Money::from_fen(12_345_678),
    }];
    (units, pools)
}

/// Median seconds of `runs` bill runs (thread CPU time).
pub fn bill_run_seconds(engine: &Engine, units: &[UnitRecord], pools: &[Pool], runs: usize) -> f64 {
    let period = january();
    let run = BillRun {
        period,
        as_of: period.to(),
        prepaid: false,
        units,
        pools,
    };
    assert_eq!(engine.fees().bill_run(&run).map(|b| b.len()).ok(), Some(units.len()));
    time_once(runs, || engine.fees().bill_run(&run).map(|b| b.len()))
}

/// Milliseconds per bill run of 1 k, 100 k and 1 M units (the cost should grow linearly).
pub fn scaling(engine: &Engine) -> Vec<(usize, f64)> {
    [1_000usize, 100_000, 1_000_000]
        .iter()
        .map(|&n| {
            let (units, pools) = estate(engine, n);
            let runs = if n >= 1_000_000 { 3 } else { 7 };
            (n, bill_run_seconds(engine, &units, &pools, runs) * 1e3)
        })
        .collect()
}
