//! Properties of the fee rules on the default handbook (the acceptance), a zero-cent-mismatch check
//! against an independent integer reference, and handbook validation.

use proptest::prelude::*;

use super::*;
use crate::money::{Decimal, Money};
use crate::time::parse_date;
use crate::Engine;

fn engine() -> Engine {
    Engine::with_default_handbook().unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(s: &str) -> crate::time::DayNumber {
    parse_date(s).unwrap()
}

fn period(a: &str, b: &str) -> Period {
    Period::new(day(a), day(b)).unwrap()
}

#[allow(clippy::too_many_arguments)]
/// A residential unit-month with the four benchmark items: property fee, tiered electricity, a shared share,
/// a late fee.
fn quote4(
    s: &Section,
    area: Decimal,
    used_before: Decimal,
    consumption: Decimal,
    pool: Money,
    total_weight: Decimal,
    debt: Money,
    p: Period,
) -> Result<Quote, FeeError> {
    let readings = [Reading {
        item: s.item_id("electricity_residential").unwrap(),
        previous: Decimal::ZERO,
        current: consumption,
        used_before,
    }];
    let shares = [Share {
        item: s.item_id("shared_electricity").unwrap(),
        pool,
        weight: area,
        total_weight,
        allocated: None,
    }];
    let debts = [Debt {
        principal: debt,
        due: day("2024-10-31"),
    }];
    s.quote(&QuoteInput {
        use_id: s.use_id("residential").unwrap(),
        areas: Areas::building(area),
        occupancy: Occupancy::Occupied,
        period: p,
        prepaid: false,
        readings: &readings,
        shares: &shares,
        debts: &debts,
        as_of: p.to(),
    })
}

/// Areas 0.01 … 999.99 m², as hundredths.
fn area() -> impl Strategy<Value = i64> {
    1i64..100_000
}

proptest! {
    #[test]
    fn fees_are_monotonic_in_area(a in area(), b in area(), kwh in 0i64..10_000) {
        let e = engine();
        let s = e.fees();
        let (lo, hi) = (a.min(b), a.max(b));
        let p = period("2025-01-01", "2025-01-31");
        let q = |x: i64| {
            quote4(s, Decimal::new(i128::from(x), 2).unwrap(), Decimal::ZERO, Decimal::from_int(kwh),
                   Money::from_fen(33_464), d("1000.00"), Money::ZERO, p).unwrap()
        };
        let (ql, qh) = (q(lo), q(hi));
        prop_assert!(ql.total <= qh.total);
        for (l, h) in ql.lines.iter().zip(&qh.lines) {
            prop_assert!(l.amount <= h.amount);
        }
    }

    #[test]
    fn fees_are_monotonic_in_consumption(a in 0i64..20_000, b in 0i64..20_000, before in 0i64..6_000,
                                         tenths in any::<bool>()) {
        let e = engine();
        let s = e.fees();
        let scale = if tenths { 1 } else { 0 };
        let (lo, hi) = (a.min(b), a.max(b));
        let p = period("2025-01-01", "2025-01-31");
        let q = |x: i64| {
            quote4(s, d("80"), Decimal::from_int(before), Decimal::new(i128::from(x), scale).unwrap(),
                   Money::ZERO, d("1000"), Money::ZERO, p).unwrap().total
        };
        prop_assert!(q(lo) <= q(hi));
        // And a later tier position never makes the same consumption cheaper.
        let at = |pos: i64| {
            quote4(s, d("80"), Decimal::from_int(pos), Decimal::from_int(hi), Money::ZERO, d("1000"), Money::ZERO, p)
                .unwrap().total
        };
        prop_assert!(at(before) <= at(before + lo));
    }

    #[test]
    fn top_up_money_to_quantity_to_money_never_exceeds_the_money(
        fen in 0i64..10_000_000, before in 0i64..8_000, water in any::<bool>(), shop in any::<bool>(),
    ) {
        let e = engine();
        let s = e.fees();
        let use_id = s.use_id(if shop { "shop" } else { "residential" }).unwrap();
        let item = s.tariff_for(use_id, if water { "water" } else { "electricity" }).unwrap();
        let before = Decimal::from_int(before);
        let money = Money::from_fen(fen);
        let t = s.top_up(item, before, TopUpAsk::Money(money), Money::ZERO).unwrap();
        prop_assert!(t.amount <= money);
        prop_assert_eq!(t.unused, money.checked_sub(t.amount).unwrap());
        // Buying that quantity back costs the same amount.
        let back = s.top_up(item, before, TopUpAsk::Quantity(t.quantity), Money::ZERO).unwrap();
        prop_assert_eq!(back.amount, t.amount);
        // Less than one more step's price is left unused.
        let it = s.item(item).unwrap();
        let step = it.step().unwrap();
        let next = it.cost(before, t.quantity.checked_add(step).unwrap()).unwrap()
            .checked_sub(it.cost(before, t.quantity).unwrap()).unwrap();
        prop_assert!(t.unused.to_decimal() < next, "unused {} vs next step {}", t.unused, next);
    }

    #[test]
    fn a_month_prorated_in_two_parts_equals_the_whole_within_one_fen(
        a in area(), split in 1u32..31, month in 1u32..=12, year in 2024i32..2027, parking in any::<bool>(),
    ) {
        let e = engine();
        let s = e.fees();
        let n = days_in_month(year, month) as u32;
        let split = split.min(n - 1);
        let first = crate::time::day_number(year, month, 1);
        let last = crate::time::day_number(year, month, n);
        let use_id = s.use_id(if parking { "parking" } else { "residential" }).unwrap();
        let area = Areas::building(Decimal::new(i128::from(a), 2).unwrap());
        let q = |from, to| {
            s.quote(&QuoteInput { use_id, areas: area, occupancy: Occupancy::Occupied,
                period: Period::new(from, to).unwrap(), prepaid: false, readings: &[], shares: &[], debts: &[],
                as_of: to }).unwrap().total.fen()
        };
        let whole = q(first, last);
        let parts = q(first, first + split as i32 - 1) + q(first + split as i32, last);
        // Each part is rounded once (half-up to the fen), so the parts differ from the whole by at most 1 fen.
        prop_assert!((parts - whole).abs() <= 1, "whole {whole}, parts {parts}");
    }

    #[test]
    fn bill_runs_do_not_depend_on_input_order(areas in prop::collection::vec(area(), 1..30), pool in 0i64..10_000_000,
                                              rotate in 0usize..30) {
        let e = engine();
        let s = e.fees();
        let res = s.use_id("residential").unwrap();
        let units: Vec<UnitRecord> = areas.iter().enumerate().map(|(i, &a)| UnitRecord {
            id: format!("u{i:03}"), use_id: res, areas: Areas::building(Decimal::new(i128::from(a), 2).unwrap()),
            occupancy: Occupancy::Occupied, readings: vec![], debts: vec![],
        }).collect();
        let pools = [Pool { item: s.item_id("shared_electricity").unwrap(), amount: Money::from_fen(pool) }];
        let p = period("2025-01-01", "2025-01-31");
        let run = |u: &[UnitRecord]| {
            s.bill_run(&BillRun { period: p, as_of: p.to(), prepaid: false, units: u, pools: &pools }).unwrap()
                .into_iter().map(|b| (u[b.unit].id.clone(), b.quote.total)).collect::<Vec<_>>()
        };
        let mut rotated = units.clone();
        rotated.rotate_left(rotate % units.len());
        let (a, b) = (run(&units), run(&rotated));
        prop_assert_eq!(&a, &b);
        // The shared item's lines sum exactly to the pool.
        let shared = s.item_id("shared_electricity").unwrap();
        let bills = s.bill_run(&BillRun { period: p, as_of: p.to(), prepaid: false, units: &units, pools: &pools })
            .unwrap();
        let sum: i64 = bills.iter().flat_map(|b| b.quote.lines.iter())
            .filter(|l| l.kind == LineKind::Item(shared)).map(|l| l.amount.fen()).sum();
        prop_assert_eq!(sum, pool);
    }
}

/// Half-up integer division for non-negative numerators (the reference's only rounding).
fn half_up(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

#[allow(clippy::too_many_arguments)]
/// The four benchmark items computed with nothing but integers and the default handbook's numbers.
fn reference(area_c: i128, before: i128, kwh: i128, pool: i128, total_c: i128, debt: i128, days: i128) -> [i128; 4] {
    // 2.50 yuan/m²/month × area (hundredths of m²): 250 × area_c is in 1/10000 yuan → fen is /100.
    let property = half_up(250 * area_c, 100);
    // Tiers in kWh and mills (1/1000 yuan).
    let mut mills = 0;
    let (mut pos, mut left) = (before, kwh);
    for (bound, price) in [(2760, 538), (4800, 588), (i128::MAX, 838)] {
        if left == 0 || pos >= bound {
            continue;
        }
        let take = left.min(bound - pos);
        mills += take * price;
        pos += take;
        left -= take;
    }
    let electricity = half_up(mills, 10);
    let share = half_up(pool * area_c, total_c);
    // 0.0005 a day = 5 / 10000, capped at the principal.
    let late = half_up((debt * 5 * days).min(debt * 10_000), 10_000);
    [property, electricity, share, late]
}

#[test]
fn zero_cent_mismatches_against_an_integer_reference() {
    let e = engine();
    let s = e.fees();
    let p = period("2025-01-01", "2025-01-31");
    let days = i128::from(p.to() - day("2024-10-31"));
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        i128::from(x % m)
    };
    for _ in 0..20_000 {
        let (area_c, before, kwh) = (1 + next(50_000), next(6_000), next(3_000));
        let (pool, debt) = (next(10_000_000), next(1_000_000));
        let total_c = area_c + next(10_000_000);
        let q = quote4(
            s,
            Decimal::new(area_c, 2).unwrap(),
            Decimal::from_int(before as i64),
            Decimal::from_int(kwh as i64),
            Money::from_fen(pool as i64),
            Decimal::new(total_c, 2).unwrap(),
            Money::from_fen(debt as i64),
            p,
        )
        .unwrap();
        let want = reference(area_c, before, kwh, pool, total_c, debt, days);
        let got: Vec<i128> = q.lines.iter().map(|l| i128::from(l.amount.fen())).collect();
        // A zero debt has no late-fee line.
        let want = if debt == 0 { want[..3].to_vec() } else { want.to_vec() };
        assert_eq!(
            got, want,
            "area {area_c} before {before} kwh {kwh} pool {pool}/{total_c} debt {debt}"
        );
        assert_eq!(i128::from(q.total.fen()), want.iter().sum::<i128>());
    }
}

#[test]
fn vacancy_prepayment_and_unsold_rules_apply_where_the_handbook_says() {
    let e = engine();
    let s = e.fees();
    let res = s.use_id("residential").unwrap();
    let year = period("2025-01-01", "2025-12-31");
    let q = |occupancy, prepaid, p: Period| {
        s.quote(&QuoteInput {
            use_id: res,
            areas: Areas::building(d("100")),
            occupancy,
            period: p,
            prepaid,
            readings: &[],
            shares: &[],
            debts: &[],
            as_of: p.to(),
        })
        .unwrap()
    };
    // 2.50 × 100 × 12 = 3000.00; prepaid a year: × 0.95.
    assert_eq!(q(Occupancy::Occupied, false, year).total.to_string(), "3000.00");
    assert_eq!(q(Occupancy::Occupied, true, year).total.to_string(), "2850.00");
    // Half a year prepaid: × 0.98; vacant 6 months before the period: × 0.70, and both multiply.
    let half = period("2025-01-01", "2025-06-30");
    assert_eq!(q(Occupancy::Occupied, true, half).total.to_string(), "1470.00");
    let vacant = Occupancy::Vacant {
        since: day("2024-07-01"),
    };
    assert_eq!(q(vacant, true, half).total.to_string(), "1029.00");
    // Vacant only five months before: no discount.
    let recent = Occupancy::Vacant {
        since: day("2024-08-01"),
    };
    assert_eq!(q(recent, false, half).total.to_string(), "1500.00");
    let unsold = q(Occupancy::Unsold, false, half);
    assert_eq!(
        (unsold.payer, unsold.total.to_string()),
        (Payer::Developer, "1500.00".to_string())
    );
}

#[test]
fn arrears_allocate_oldest_first_and_flag_a_rate_above_the_ceiling() {
    let mut doc = crate::handbook::default_document();
    doc["fees"]["arrears"]["late_fee"]["daily_rate"] = serde_json::json!("0.001");
    doc["fees"]["arrears"]["allocation"] = serde_json::json!("newest_first");
    let custom = Engine::from_value(&doc).unwrap();
    let charges = [
        Debt {
            principal: Money::from_fen(10_000),
            due: day("2025-01-01"),
        },
        Debt {
            principal: Money::from_fen(10_000),
            due: day("2025-02-01"),
        },
    ];
    let pay = [Payment {
        amount: Money::from_fen(15_000),
        on: day("2025-03-01"),
    }];
    let st = engine().fees().arrears(&charges, &pay, day("2025-03-01")).unwrap();
    assert_eq!(st.charges[0].outstanding, Money::ZERO);
    assert_eq!(st.charges[1].outstanding, Money::from_fen(5_000));
    assert!(!st.exceeds_legal_ceiling);
    let st = custom.fees().arrears(&charges, &pay, day("2025-03-01")).unwrap();
    assert_eq!(st.charges[0].outstanding, Money::from_fen(5_000));
    assert_eq!(st.charges[1].outstanding, Money::ZERO);
    assert!(st.exceeds_legal_ceiling);
    // 100.00 × 0.001 × 59 days (Jan 1 → Mar 1) = 5.90 on the older charge.
    assert_eq!(st.charges[0].late_fee.to_string(), "5.90");
    let late = Payment {
        amount: Money::from_fen(1),
        on: day("2025-03-02"),
    };
    let err = engine()
        .fees()
        .arrears(&charges, &[late], day("2025-03-01"))
        .unwrap_err();
    assert_eq!(crate::Coded::code(&err), "fees.payment_after_as_of");
}

#[test]
fn a_fees_section_with_several_mistakes_reports_each_with_its_path() {
    let mut doc = crate::handbook::default_document();
    let fees = &mut doc["fees"];
    fees["items"]["electricity_residential"]["charge"]["tiered"]["tiers"][1]["up_to"] = serde_json::json!("100");
    fees["items"]["property_fee_shop"]["charge"]["area_rate"]["rate"] = serde_json::json!("-1");
    fees["uses"]["office"]["items"][0] = serde_json::json!("no_such_item");
    fees["vacancy"]["factor"] = serde_json::json!("1.5");
    fees["items"]["water_commercial"]["source"] = serde_json::json!("2.2.7");
    fees["prepayment"]["tiers"][0]["factor"] = serde_json::json!(0.95);
    fees["surprise"] = serde_json::json!(1);
    let problems = Engine::from_value(&doc).unwrap_err().0;
    let got: Vec<(&str, String)> = problems
        .iter()
        .map(|p| (p.code, p.path.clone().unwrap_or_default()))
        .collect();
    let want = [
        ("handbook.unknown_field", "fees.surprise"),
        ("handbook.invalid_value", "fees.prepayment.tiers[0].factor"),
        ("handbook.invalid_factor", "fees.vacancy.factor"),
        (
            "handbook.tiers_not_ascending",
            "fees.items.electricity_residential.charge.tiered.tiers[1].up_to",
        ),
        (
            "handbook.negative",
            "fees.items.property_fee_shop.charge.area_rate.rate",
        ),
        ("handbook.invalid_source", "fees.items.water_commercial.source"),
        ("handbook.unknown_item", "fees.uses.office.items[0]"),
    ];
    for (code, path) in want {
        assert!(
            got.iter().any(|(c, p)| *c == code && p == path),
            "missing {code} at {path} in {got:#?}"
        );
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i128>(), 0u32..=40).prop_filter_map("scale", |(m, s)| Decimal::new(m, s).ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the numbers and dates, the typed API answers or refuses; it never panics.
    #[test]
    fn the_typed_api_never_panics(
        area in any_decimal(), prev in any_decimal(), cur in any_decimal(), before in any_decimal(),
        pool in any::<i64>(), weight in any_decimal(), total in any_decimal(), principal in any::<i64>(),
        from in any::<i32>(), to in any::<i32>(), due in any::<i32>(), as_of in any::<i32>(), since in any::<i32>(),
        money in any::<i64>(), unsold in any::<bool>(),
    ) {
        let e = engine();
        let s = e.fees();
        let p = Period::new(from, to).unwrap_or_else(|_| period("2025-01-01", "2025-01-31"));
        let readings = [Reading { item: s.item_id("electricity_residential").unwrap(), previous: prev, current: cur,
                                  used_before: before }];
        let shares = [Share { item: s.item_id("shared_electricity").unwrap(), pool: Money::from_fen(pool), weight,
                              total_weight: total, allocated: None }];
        let debts = [Debt { principal: Money::from_fen(principal), due }];
        let occupancy = if unsold { Occupancy::Unsold } else { Occupancy::Vacant { since } };
        let _ = s.quote(&QuoteInput { use_id: s.use_id("residential").unwrap(), areas: Areas::building(area),
            occupancy, period: p, prepaid: true, readings: &readings, shares: &shares, debts: &debts, as_of });
        let item = s.item_id("electricity_residential").unwrap();
        let _ = s.top_up(item, before, TopUpAsk::Money(Money::from_fen(money)), Money::ZERO);
        let _ = s.top_up(item, before, TopUpAsk::Quantity(cur), Money::from_fen(money));
        let _ = s.arrears(&debts, &[Payment { amount: Money::from_fen(money), on: since }], as_of);
    }

    /// Any money the owner offers buys something within it, from any tier position.
    #[test]
    fn top_ups_never_fail_for_ordinary_inputs(fen in 0i64..=1_000_000_000_000, before in 0i64..1_000_000_000) {
        let e = engine();
        let s = e.fees();
        let item = s.item_id("electricity_residential").unwrap();
        let t = s.top_up(item, Decimal::from_int(before), TopUpAsk::Money(Money::from_fen(fen)), Money::ZERO).unwrap();
        prop_assert!(t.amount <= Money::from_fen(fen));
    }
}

#[test]
fn shared_costs_split_by_household_and_by_consumption() {
    let mut doc = crate::handbook::default_document();
    doc["fees"]["items"]["shared_electricity"]["charge"]["shared"]["basis"] = serde_json::json!("consumption");
    let e = Engine::from_value(&doc).unwrap();
    let s = e.fees();
    let res = s.use_id("residential").unwrap();
    let shop = s.use_id("shop").unwrap();
    let elec = s.item_id("electricity_residential").unwrap();
    let comm = s.item_id("electricity_commercial").unwrap();
    let unit = |id: &str, use_id, item, kwh: i64| UnitRecord {
        id: id.into(),
        use_id,
        areas: Areas::building(d("100")),
        occupancy: Occupancy::Occupied,
        readings: vec![Reading {
            item,
            previous: Decimal::ZERO,
            current: Decimal::from_int(kwh),
            used_before: Decimal::ZERO,
        }],
        debts: vec![],
    };
    // 100 + 200 + 700 kWh: the shop's commercial meter counts too (same utility).
    let units = [
        unit("a", res, elec, 100),
        unit("b", res, elec, 200),
        unit("c", shop, comm, 700),
    ];
    let pools = [
        Pool {
            item: s.item_id("shared_electricity").unwrap(),
            amount: Money::from_fen(10_000),
        },
        Pool {
            item: s.item_id("shared_water").unwrap(),
            amount: Money::from_fen(100),
        },
    ];
    let p = period("2025-01-01", "2025-01-31");
    let bills = s
        .bill_run(&BillRun {
            period: p,
            as_of: p.to(),
            prepaid: false,
            units: &units,
            pools: &pools,
        })
        .unwrap();
    let line = |b: &Bill, key: &str| {
        let id = s.item_id(key).unwrap();
        b.quote
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Item(id))
            .map(|l| l.amount.to_string())
    };
    let elec_shares: Vec<_> = bills.iter().map(|b| line(b, "shared_electricity")).collect();
    assert_eq!(
        elec_shares,
        [Some("10.00".into()), Some("20.00".into()), Some("70.00".into())]
    );
    // Shared water is per household, and only residential units carry it: 1.00 over two households.
    let water: Vec<_> = bills.iter().map(|b| line(b, "shared_water")).collect();
    assert_eq!(water, [Some("0.50".into()), Some("0.50".into()), None]);
    // A pool nobody carries is refused with its path.
    let lonely = [unit("c", shop, comm, 1)];
    let err = s
        .bill_run(&BillRun {
            period: p,
            as_of: p.to(),
            prepaid: false,
            units: &lonely,
            pools: &pools[1..],
        })
        .unwrap_err();
    assert_eq!(err.to_problem().code, "fees.empty_pool");
    assert_eq!(err.to_problem().path.as_deref(), Some("pools[0]"));
}
