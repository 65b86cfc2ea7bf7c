//! Compiles and validates the handbook's `fees` section, reporting every problem with its path.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::rules::*;
use super::{Item, ItemId, Section, Use, UseId};
use crate::engine::Context;
use crate::handbook::{Diagnostics, Source};
use crate::money::{Decimal, Rounding};

const ROOT: &str = "fees";
const MEMBERS: [&str; 8] = [
    "day_count",
    "rounding",
    "uses",
    "items",
    "vacancy",
    "prepayment",
    "unsold",
    "arrears",
];

/// Compiles the `fees` section. A handbook without one gets an empty section (no uses, no items) with
/// conservative defaults; every problem found is recorded in `d`.
pub fn compile(value: Option<&Value>, _cx: &Context, d: &mut Diagnostics) -> Section {
    let mut s = Section::empty();
    let Some(value) = value else { return s };
    let Some(obj) = value.as_object() else {
        d.error("handbook.invalid_value", ROOT, "the fees section is an object");
        return s;
    };
    for key in obj.keys().filter(|k| !MEMBERS.contains(&k.as_str())) {
        d.error(
            "handbook.unknown_field",
            &format!("{ROOT}.{key}"),
            format!("unknown member `{key}`; expected one of {}", MEMBERS.join(", ")),
        );
    }
    fn member<T: DeserializeOwned>(obj: &serde_json::Map<String, Value>, key: &str, d: &mut Diagnostics) -> Option<T> {
        let path = format!("{ROOT}.{key}");
        match obj.get(key) {
            Some(v) => d.parse(v, &path),
            None => {
                d.error(
                    "handbook.missing_field",
                    &path,
                    format!("the fees section needs `{key}`"),
                );
                None
            }
        }
    }
    if let Some(dc) = member::<DayCountDoc>(obj, "day_count", d) {
        dc.source.validate("fees.day_count.source", d);
        s.day_count = dc.rule;
        s.day_count_source = Some(dc.source);
    }
    if let Some(r) = member::<RoundingPoints>(obj, "rounding", d) {
        r.source.validate("fees.rounding.source", d);
        s.rounding = r;
    }
    if let Some(v) = member::<VacancyRule>(obj, "vacancy", d) {
        v.source.validate("fees.vacancy.source", d);
        factor(v.factor, "fees.vacancy.factor", d);
        if v.after_months > 1200 {
            d.error(
                "handbook.out_of_range",
                "fees.vacancy.after_months",
                "at most 1200 months (100 years)",
            );
        }
        s.vacancy = v;
    }
    if let Some(mut p) = member::<PrepaymentRule>(obj, "prepayment", d) {
        p.source.validate("fees.prepayment.source", d);
        for (i, t) in p.tiers.iter().enumerate() {
            factor(t.factor, &format!("fees.prepayment.tiers[{i}].factor"), d);
        }
        // Largest threshold first, so the first tier reached is the one that applies.
        p.tiers.sort_by_key(|t| std::cmp::Reverse(t.min_months));
        s.prepayment = p;
    }
    if let Some(u) = member::<UnsoldRule>(obj, "unsold", d) {
        u.source.validate("fees.unsold.source", d);
        factor(u.factor, "fees.unsold.factor", d);
        s.unsold = u;
    }
    if let Some(a) = member::<ArrearsRules>(obj, "arrears", d) {
        check_arrears(&a, d);
        s.arrears = a;
    }
    let line_rounding = s.rounding.line;
    let items: Vec<(String, String, ItemDoc)> = match obj.get("items") {
        Some(v) => d.parse_members(v, "fees.items"),
        None => {
            d.error("handbook.missing_field", "fees.items", "the fees section needs `items`");
            Vec::new()
        }
    };
    for (path, key, doc) in items {
        check_item(&doc, &path, d);
        let tiers = match &doc.charge {
            Charge::Metered(m) => vec![Tier {
                up_to: None,
                price: m.price,
            }],
            Charge::Tiered(t) => t.tiers.clone(),
            _ => Vec::new(),
        };
        let id = ItemId(s.items.len() as u16);
        s.item_ids.insert(key.clone(), id);
        s.items.push(Item {
            key,
            rounding: doc.rounding.unwrap_or(line_rounding),
            doc,
            fast: super::tiers::FastTiers::new(&tiers),
            tiers,
        });
    }
    let uses: Vec<(String, String, UseDoc)> = match obj.get("uses") {
        Some(v) => d.parse_members(v, "fees.uses"),
        None => {
            d.error("handbook.missing_field", "fees.uses", "the fees section needs `uses`");
            Vec::new()
        }
    };
    let raw_items = obj.get("items").and_then(Value::as_object);
    for (path, key, doc) in uses {
        doc.source.validate(&format!("{path}.source"), d);
        let mut ids = Vec::new();
        let mut carries = vec![false; s.items.len()];
        for (i, item) in doc.items.iter().enumerate() {
            let p = format!("{path}.items[{i}]");
            match s.item_ids.get(item) {
                Some(&id) if carries[usize::from(id.0)] => {
                    d.error("handbook.duplicate", &p, format!("item `{item}` is listed twice"))
                }
                Some(&id) => {
                    carries[usize::from(id.0)] = true;
                    ids.push(id);
                }
                // An item present but malformed was reported already; only a missing one is news.
                None if raw_items.is_some_and(|m| m.contains_key(item)) => {}
                None => d.error(
                    "handbook.unknown_item",
                    &p,
                    format!("no fee item `{item}` in fees.items"),
                ),
            }
        }
        let id = UseId(s.uses.len() as u16);
        s.use_ids.insert(key.clone(), id);
        let monthly_items = ids
            .iter()
            .filter(|i| {
                s.items
                    .get(usize::from(i.0))
                    .is_some_and(|it| matches!(it.doc.charge, Charge::AreaRate { .. } | Charge::Fixed { .. }))
            })
            .count();
        let steps = ids
            .iter()
            .filter_map(|&id| s.items.get(usize::from(id.0)).map(|item| super::Step::new(id, item)))
            .collect();
        s.uses.push(Use {
            key,
            name: doc.name,
            items: ids,
            carries,
            monthly_items,
            steps,
            source: doc.source,
        });
    }
    if s.items.len() > usize::from(u16::MAX) || s.uses.len() > usize::from(u16::MAX) {
        d.error("handbook.too_large", ROOT, "at most 65535 uses and items");
    }
    s
}

fn non_negative(x: Decimal, path: &str, d: &mut Diagnostics) {
    if x.is_negative() {
        d.error("handbook.negative", path, format!("{x} is negative"));
    }
}

fn positive(x: Decimal, path: &str, d: &mut Diagnostics) {
    if !x.is_positive() {
        d.error("handbook.not_positive", path, format!("{x} must be greater than zero"));
    }
}

/// A discount factor: 0 ≤ f ≤ 1.
fn factor(x: Decimal, path: &str, d: &mut Diagnostics) {
    if x.is_negative() || x > Decimal::ONE {
        d.error(
            "handbook.invalid_factor",
            path,
            format!("{x} is not a factor between 0 and 1"),
        );
    }
}

fn check_item(doc: &ItemDoc, path: &str, d: &mut Diagnostics) {
    doc.source.validate(&format!("{path}.source"), d);
    let c = format!("{path}.charge");
    match &doc.charge {
        Charge::AreaRate { rate, .. } => non_negative(*rate, &format!("{c}.area_rate.rate"), d),
        Charge::Fixed { amount } => {
            if amount.is_negative() {
                d.error(
                    "handbook.negative",
                    &format!("{c}.fixed.amount"),
                    "a fee cannot be negative",
                );
            }
        }
        Charge::Metered(m) => {
            positive(m.price, &format!("{c}.metered.price"), d);
            positive(m.step, &format!("{c}.metered.step"), d);
        }
        Charge::Tiered(t) => {
            let base = format!("{c}.tiered");
            positive(t.step, &format!("{base}.step"), d);
            if t.tiers.is_empty() {
                d.error(
                    "handbook.no_tiers",
                    &format!("{base}.tiers"),
                    "a tiered tariff needs tiers",
                );
            }
            let mut last = Decimal::ZERO;
            for (i, tier) in t.tiers.iter().enumerate() {
                let p = format!("{base}.tiers[{i}]");
                positive(tier.price, &format!("{p}.price"), d);
                let is_last = i + 1 == t.tiers.len();
                match tier.up_to {
                    Some(b) if b <= last => d.error(
                        "handbook.tiers_not_ascending",
                        &format!("{p}.up_to"),
                        format!("{b} is not above the previous tier's bound {last}"),
                    ),
                    Some(b) => last = b,
                    None if !is_last => d.error(
                        "handbook.unbounded_tier",
                        &format!("{p}.up_to"),
                        "only the last tier may be open-ended",
                    ),
                    None => {}
                }
            }
            if t.tiers.last().is_some_and(|t| t.up_to.is_some()) {
                d.error(
                    "handbook.bounded_last_tier",
                    &format!("{base}.tiers[{}].up_to", t.tiers.len() - 1),
                    "the last tier must be open-ended (no `up_to`)",
                );
            }
        }
        Charge::Shared { .. } => {}
    }
}

fn check_arrears(a: &ArrearsRules, d: &mut Diagnostics) {
    let lf = &a.late_fee;
    lf.source.validate("fees.arrears.late_fee.source", d);
    non_negative(lf.daily_rate, "fees.arrears.late_fee.daily_rate", d);
    non_negative(
        lf.legal_ceiling_daily_rate,
        "fees.arrears.late_fee.legal_ceiling_daily_rate",
        d,
    );
    if let Some(c) = lf.cap_ratio {
        non_negative(c, "fees.arrears.late_fee.cap_ratio", d);
    }
    a.ageing.source.validate("fees.arrears.ageing.source", d);
    let n = a.ageing.buckets.len();
    if n == 0 {
        d.error(
            "handbook.no_buckets",
            "fees.arrears.ageing.buckets",
            "at least one ageing bucket",
        );
    }
    let mut last: Option<u32> = None;
    for (i, b) in a.ageing.buckets.iter().enumerate() {
        let p = format!("fees.arrears.ageing.buckets[{i}].up_to_days");
        match (b.up_to_days, i + 1 == n) {
            (Some(_), true) => d.error("handbook.bounded_last_bucket", &p, "the last bucket is open-ended"),
            (None, false) => d.error(
                "handbook.unbounded_bucket",
                &p,
                "only the last bucket may be open-ended",
            ),
            (Some(x), false) if last.is_some_and(|l| x <= l) => {
                d.error("handbook.buckets_not_ascending", &p, "bucket bounds must increase")
            }
            (Some(x), false) => last = Some(x),
            (None, true) => {}
        }
    }
    a.dunning.source.validate("fees.arrears.dunning.source", d);
    for (i, w) in a.dunning.stages.windows(2).enumerate() {
        if w[1].after_days <= w[0].after_days {
            d.error(
                "handbook.stages_not_ascending",
                &format!("fees.arrears.dunning.stages[{}].after_days", i + 1),
                "dunning stages must start at increasing days overdue",
            );
        }
    }
}

impl Section {
    /// A section with no uses or items and conservative defaults (no discounts, no late fee).
    pub(crate) fn empty() -> Section {
        let why = |s: &str| Source::Assumed { assumed: s.to_string() };
        Section {
            day_count: DayCount::ActualDaysOfMonth,
            day_count_source: None,
            rounding: RoundingPoints {
                line: Rounding::default(),
                shared_pool: Rounding::default(),
                late_fee: Rounding::default(),
                source: why("no fees section: half-up to the fen"),
            },
            uses: Vec::new(),
            items: Vec::new(),
            use_ids: BTreeMap::new(),
            item_ids: BTreeMap::new(),
            vacancy: VacancyRule {
                after_months: 0,
                factor: Decimal::ONE,
                source: why("no fees section: no vacancy discount"),
            },
            prepayment: PrepaymentRule {
                tiers: Vec::new(),
                source: why("no fees section: no prepayment discount"),
            },
            unsold: UnsoldRule {
                payer: "developer".into(),
                factor: Decimal::ONE,
                source: why("no fees section: developer pays in full"),
            },
            arrears: ArrearsRules {
                allocation: Allocation::OldestFirst,
                late_fee: LateFeeRule {
                    daily_rate: Decimal::ZERO,
                    grace_days: 0,
                    cap_ratio: None,
                    legal_ceiling_daily_rate: Decimal::ZERO,
                    source: why("no fees section: no late fee"),
                },
                ageing: AgeingRule {
                    buckets: vec![AgeingBucket {
                        label: "all".into(),
                        up_to_days: None,
                    }],
                    source: why("no fees section: one bucket"),
                },
                dunning: DunningRule {
                    stages: Vec::new(),
                    source: why("no fees section: no dunning"),
                },
            },
        }
    }
}
