//! `fees.*` ops (docs/fees.md): quote, bill, apportion, topup, arrears. Thin: parse, resolve ids, call the
//! typed API in [`crate::fees`], render. No arithmetic here.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::Exchange;
use crate::error::Problem;
use crate::fees::rules::{AreaBasis, Charge};
use crate::fees::{
    self, Areas, Bill, BillRun, Debt, Detail, FeeError, ItemId, Line, LineKind, Occupancy, Payer, Payment, Period,
    Pool, Quote, QuoteInput, Ratio, Reading, Section, Share, TopUpAsk, UnitRecord, UseId,
};
use crate::money::{apportion, Decimal, Money};
use crate::time::{format_date, parse_date, DayNumber};
use crate::Engine;

pub(crate) fn handle<X: Exchange>(engine: &Engine, op: &str, x: &mut X) -> Result<X::Answer, Problem> {
    let s = engine.fees();
    let answer = match op {
        "fees.quote" => {
            let r = read(x)?;
            return quote(s, r, x);
        }
        "fees.bill" => {
            let r = read(x)?;
            return bill(s, r, x);
        }
        "fees.apportion" => apportion_op(s, read(x)?),
        "fees.topup" => topup(s, read(x)?),
        "fees.arrears" => arrears(s, read(x)?),
        _ => Err(super::unknown_op(op)),
    }?;
    x.ok_value(answer)
}

/// Reads a request; a malformed amount or decimal gets its `money.*` code rather than a generic one.
fn read<T: serde::de::DeserializeOwned>(x: &mut impl Exchange) -> Result<T, Problem> {
    x.args().map_err(|mut p| {
        if p.code == "request.invalid_value" {
            if p.message.contains("(overflow)") {
                p.code = "money.overflow";
            } else if p.message.contains("more decimal places than allowed") {
                p.code = "money.too_precise";
            } else if p.message.contains("is not a decimal number") {
                p.code = "money.malformed";
            } else if p.message.contains("is not a date") {
                p.code = "time.invalid_date";
            }
        }
        p
    })
}

/// A civil date `YYYY-MM-DD` at the boundary.
#[derive(Debug, Clone, Copy)]
struct Date(DayNumber);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Reads the text where it lies (no copy into a `String`).
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
                match fees::parse_ymd(s) {
                    Some(day) => Ok(Date(day)),
                    // `coded` keeps the time error's own code (`time.out_of_range`, `time.invalid_date`).
                    None => parse_date(s).map(Date).map_err(crate::error::coded),
                }
            }
        }
        d.deserialize_str(Text)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodDto {
    from: Date,
    to: Date,
}

impl PeriodDto {
    fn period(&self) -> Result<Period, Problem> {
        Period::new(self.from.0, self.to.0).map_err(|e| e.at("period.to").to_problem())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasDto {
    building: Decimal,
    #[serde(default)]
    indoor: Option<Decimal>,
    #[serde(default)]
    exclusive: Option<Decimal>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum OccupancyDto {
    #[default]
    Occupied,
    Vacant {
        since: Date,
    },
    Unsold,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingDto {
    item: String,
    previous: Decimal,
    current: Decimal,
    #[serde(default)]
    used_before: Option<Decimal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DebtDto {
    #[serde(default)]
    id: Option<String>,
    principal: Money,
    due: Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareDto {
    item: String,
    pool: Money,
    weight: Decimal,
    total_weight: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitDto {
    #[serde(default)]
    id: Option<String>,
    #[serde(rename = "use")]
    use_: String,
    areas: AreasDto,
    #[serde(default)]
    occupancy: OccupancyDto,
    #[serde(default)]
    readings: Vec<ReadingDto>,
    #[serde(default)]
    shares: Vec<ShareDto>,
    #[serde(default)]
    debts: Vec<DebtDto>,
}

fn item_id(s: &Section, key: &str, path: impl FnOnce() -> String) -> Result<ItemId, Problem> {
    s.item_id(key)
        .ok_or_else(|| FeeError::UnknownItem(key.to_string()).at(path()).to_problem())
}

fn use_id(s: &Section, key: &str, path: &str) -> Result<UseId, Problem> {
    s.use_id(key).ok_or_else(|| {
        FeeError::UnknownUse(key.to_string())
            .at(format!("{path}.use"))
            .to_problem()
    })
}

/// A unit of a request resolved against the handbook: its record and its shares.
fn resolve_unit(s: &Section, u: &UnitDto, path: &str) -> Result<(UnitRecord, Vec<Share>), Problem> {
    let use_id = use_id(s, &u.use_, path)?;
    let mut readings = Vec::with_capacity(u.readings.len());
    for (i, r) in u.readings.iter().enumerate() {
        readings.push(Reading {
            item: item_id(s, &r.item, || format!("{path}.readings[{i}].item"))?,
            previous: r.previous,
            current: r.current,
            used_before: r.used_before.unwrap_or(Decimal::ZERO),
        });
    }
    let mut shares = Vec::with_capacity(u.shares.len());
    for (i, sh) in u.shares.iter().enumerate() {
        shares.push(Share {
            item: item_id(s, &sh.item, || format!("{path}.shares[{i}].item"))?,
            pool: sh.pool,
            weight: sh.weight,
            total_weight: sh.total_weight,
            allocated: None,
        });
    }
    let record = UnitRecord {
        id: u.id.clone().unwrap_or_default(),
        use_id,
        areas: Areas {
            building: u.areas.building,
            indoor: u.areas.indoor,
            exclusive: u.areas.exclusive,
        },
        occupancy: match u.occupancy {
            OccupancyDto::Occupied => Occupancy::Occupied,
            OccupancyDto::Vacant { since } => Occupancy::Vacant { since: since.0 },
            OccupancyDto::Unsold => Occupancy::Unsold,
        },
        readings,
        debts: u
            .debts
            .iter()
            .map(|d| Debt {
                principal: d.principal,
                due: d.due.0,
            })
            .collect(),
    };
    Ok((record, shares))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteRequest {
    unit: UnitDto,
    period: PeriodDto,
    #[serde(default)]
    as_of: Option<Date>,
    #[serde(default)]
    prepaid: bool,
    /// Adds inputs, formula, exact value and source to every line.
    #[serde(default)]
    explain: bool,
}

fn quote<X: Exchange>(s: &Section, r: QuoteRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let period = r.period.period()?;
    let (unit, shares) = resolve_unit(s, &r.unit, "unit")?;
    let input = QuoteInput {
        use_id: unit.use_id,
        areas: unit.areas,
        occupancy: unit.occupancy,
        period,
        prepaid: r.prepaid,
        readings: &unit.readings,
        shares: &shares,
        debts: &unit.debts,
        as_of: r.as_of.map_or(period.to(), |d| d.0),
    };
    let q = s.quote(&input).map_err(|e| e.at("unit").to_problem())?;
    let mut out = render_quote(s, &q, &r.unit, r.explain);
    out.period = Some(render_period(period));
    x.ok(&out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PoolDto {
    item: String,
    #[serde(default)]
    amount: Option<Money>,
    #[serde(default)]
    quantity: Option<Decimal>,
    #[serde(default)]
    price: Option<Decimal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BillRequest {
    period: PeriodDto,
    #[serde(default)]
    as_of: Option<Date>,
    #[serde(default)]
    prepaid: bool,
    units: Vec<UnitDto>,
    #[serde(default)]
    pools: Vec<PoolDto>,
    #[serde(default)]
    explain: bool,
}

/// A pool's amount: given, or `quantity × price` rounded at the `shared_pool` point.
fn pool_amount(
    s: &Section,
    amount: Option<Money>,
    quantity: Option<Decimal>,
    price: Option<Decimal>,
    path: &str,
) -> Result<(Money, Option<Decimal>), Problem> {
    match (amount, quantity, price) {
        (Some(a), None, None) => Ok((a, None)),
        (None, Some(q), Some(p)) => {
            if q.is_negative() || p.is_negative() {
                return Err(FeeError::NegativeQuantity.at(path.to_string()).to_problem());
            }
            let exact = q.checked_mul(p).map_err(|e| Problem::from(e).at(path.to_string()))?;
            let m = exact
                .to_money(s.rounding.shared_pool)
                .map_err(|e| Problem::from(e).at(path.to_string()))?;
            Ok((m, Some(exact)))
        }
        _ => Err(Problem::new(
            "request.invalid_value",
            "give either `amount`, or `quantity` and `price`",
        )
        .at(path.to_string())),
    }
}

fn bill<X: Exchange>(s: &Section, r: BillRequest, x: &mut X) -> Result<X::Answer, Problem> {
    let period = r.period.period()?;
    let mut units = Vec::with_capacity(r.units.len());
    for (i, u) in r.units.iter().enumerate() {
        let path = format!("units[{i}]");
        if u.id.is_none() {
            return Err(
                Problem::new("request.missing_field", "a unit of a bill run needs an `id`").at(format!("{path}.id")),
            );
        }
        if !u.shares.is_empty() {
            return Err(
                Problem::new("request.invalid_value", "in a bill run shares come from `pools`")
                    .at(format!("{path}.shares")),
            );
        }
        units.push(resolve_unit(s, u, &path)?.0);
    }
    let mut pools = Vec::with_capacity(r.pools.len());
    let mut pool_out = Vec::with_capacity(r.pools.len());
    for (i, p) in r.pools.iter().enumerate() {
        let path = format!("pools[{i}]");
        let item = item_id(s, &p.item, || format!("{path}.item"))?;
        let (amount, exact) = pool_amount(s, p.amount, p.quantity, p.price, &path)?;
        pools.push(Pool { item, amount });
        let mut o = json!({"item": p.item, "amount": amount.to_string()});
        if let (Some(e), Some(q), Some(pr)) = (exact, p.quantity, p.price) {
            o["exact"] = json!(e.to_string());
            o["formula"] = json!(format!("{q} × {pr} = {amount}"));
        }
        pool_out.push(o);
    }
    let run = BillRun {
        period,
        as_of: r.as_of.map_or(period.to(), |d| d.0),
        prepaid: r.prepaid,
        units: &units,
        pools: &pools,
    };
    let bills: Vec<Bill> = s.bill_run(&run).map_err(|e| e.to_problem())?;
    let total = Money::checked_sum(bills.iter().map(|b| b.quote.total)).map_err(Problem::from)?;
    let rendered: Vec<QuoteAnswer> = bills
        .iter()
        .map(|b| render_quote(s, &b.quote, &r.units[b.unit], r.explain))
        .collect();
    x.ok(&BillAnswer {
        bills: rendered,
        period: render_period(period),
        pools: pool_out,
        total,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApportionRequest {
    #[serde(default)]
    total: Option<Money>,
    #[serde(default)]
    quantity: Option<Decimal>,
    #[serde(default)]
    price: Option<Decimal>,
    weights: Vec<Decimal>,
}

fn apportion_op(s: &Section, r: ApportionRequest) -> Result<Value, Problem> {
    let (total, exact) = pool_amount(s, r.total, r.quantity, r.price, "total")?;
    let shares = apportion(total, &r.weights).map_err(|e| Problem::from(e).at("weights"))?;
    let mut out = json!({
        "method": "largest_remainder",
        "total": total.to_string(),
        "shares": shares.iter().map(Money::to_string).collect::<Vec<_>>(),
    });
    if let Some(e) = exact {
        out["exact"] = json!(e.to_string());
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopUpRequest {
    #[serde(rename = "use")]
    use_: String,
    utility: String,
    #[serde(default)]
    used_before: Option<Decimal>,
    #[serde(default)]
    money: Option<Money>,
    #[serde(default)]
    quantity: Option<Decimal>,
    /// Arrears in other fees: reported, never a reason to refuse.
    #[serde(default)]
    arrears: Option<Money>,
}

fn topup(s: &Section, r: TopUpRequest) -> Result<Value, Problem> {
    let use_id = s
        .use_id(&r.use_)
        .ok_or_else(|| FeeError::UnknownUse(r.use_.clone()).at("use").to_problem())?;
    let item = s
        .tariff_for(use_id, &r.utility)
        .map_err(|e| e.at("utility").to_problem())?;
    let ask = match (r.money, r.quantity) {
        (Some(m), None) => TopUpAsk::Money(m),
        (None, Some(q)) => TopUpAsk::Quantity(q),
        _ => {
            return Err(Problem::new("request.invalid_value", "give exactly one of `money` or `quantity`").at("money"))
        }
    };
    let before = r.used_before.unwrap_or(Decimal::ZERO);
    let t = s
        .top_up(item, before, ask, r.arrears.unwrap_or(Money::ZERO))
        .map_err(|e| e.to_problem())?;
    let it = s
        .item(item)
        .ok_or_else(|| Problem::new("internal.item", "tariff item vanished"))?;
    let mut segments = Vec::new();
    let _ = fees_segments(it, before, t.quantity, &mut segments);
    let mut out = json!({
        "item": it.key,
        "name": it.doc.name,
        "source": it.doc.source,
        "used_before": before.to_string(),
        "quantity": t.quantity.to_string(),
        "segments": segments,
        "exact": t.exact.to_string(),
        "amount": t.amount.to_string(),
        "unused": t.unused.to_string(),
    });
    if let Some(a) = t.arrears {
        out["arrears"] = json!(a.to_string());
        out["note"] = json!(fees::CIVIL_CODE_944);
    }
    Ok(out)
}

fn fees_segments(
    it: &fees::Item,
    before: Decimal,
    q: Decimal,
    out: &mut Vec<Value>,
) -> Result<(), crate::money::MoneyError> {
    crate::fees::segments(&it.tiers, before, q, |seg| {
        out.push(json!({"tier": seg.tier + 1, "quantity": seg.quantity.to_string(), "price": seg.price.to_string()}));
        Ok(())
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentDto {
    amount: Money,
    on: Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArrearsRequest {
    as_of: Date,
    charges: Vec<DebtDto>,
    #[serde(default)]
    payments: Vec<PaymentDto>,
}

fn arrears(s: &Section, r: ArrearsRequest) -> Result<Value, Problem> {
    let charges: Vec<Debt> = r
        .charges
        .iter()
        .map(|c| Debt {
            principal: c.principal,
            due: c.due.0,
        })
        .collect();
    let payments: Vec<Payment> = r
        .payments
        .iter()
        .map(|p| Payment {
            amount: p.amount,
            on: p.on.0,
        })
        .collect();
    let st = s.arrears(&charges, &payments, r.as_of.0).map_err(|e| e.to_problem())?;
    let rules = &s.arrears;
    let bucket_label = |b: Option<usize>| b.and_then(|b| rules.ageing.buckets.get(b)).map(|b| b.label.clone());
    let charges: Vec<Value> = st
        .charges
        .iter()
        .zip(&r.charges)
        .map(|(c, d)| {
            let mut v = json!({
                "id": d.id,
                "principal": d.principal.to_string(),
                "due": format_date(d.due.0),
                "paid": c.paid.to_string(),
                "outstanding": c.outstanding.to_string(),
                "days_overdue": c.days_overdue,
                "late_fee_days": c.late_fee_days,
                "late_fee_exact": c.late_fee_exact.to_string(),
                "late_fee": c.late_fee.to_string(),
                "capped": c.capped,
                "bucket": bucket_label(c.bucket),
            });
            if let (None, Some(o)) = (&d.id, v.as_object_mut()) {
                o.remove("id");
            }
            v
        })
        .collect();
    let ageing: Vec<Value> = rules
        .ageing
        .buckets
        .iter()
        .zip(&st.buckets)
        .map(|(b, m)| json!({"label": b.label, "amount": m.to_string()}))
        .collect();
    let stage = st
        .stage
        .and_then(|i| rules.dunning.stages.get(i))
        .map(|s| json!({"id": s.id, "name": s.name}));
    let lf = &rules.late_fee;
    Ok(json!({
        "as_of": format_date(r.as_of.0),
        "charges": charges,
        "outstanding": st.outstanding.to_string(),
        "late_fees": st.late_fees.to_string(),
        "total_due": st.outstanding.checked_add(st.late_fees).map_err(Problem::from)?.to_string(),
        "unapplied": st.unapplied.to_string(),
        "not_due": st.not_due.to_string(),
        "ageing": ageing,
        "stage": stage,
        "late_fee_rule": {
            "daily_rate": lf.daily_rate.to_string(),
            "grace_days": lf.grace_days,
            "cap_ratio": lf.cap_ratio.map(|c| c.to_string()),
            "legal_ceiling_daily_rate": lf.legal_ceiling_daily_rate.to_string(),
            "exceeds_legal_ceiling": st.exceeds_legal_ceiling,
            "source": lf.source,
        },
    }))
}

// Answers as typed structs that borrow from the handbook and the request: cheap to build, and serializable
// straight to text. Fields are declared in sorted order, so they serialize in the same order a JSON object map
// (sorted keys) does: the bytes are the same either way.

/// A billing period in an answer.
#[derive(Serialize)]
struct PeriodAnswer {
    from: String,
    months: String,
    to: String,
}

/// A `fees.bill` answer.
#[derive(Serialize)]
struct BillAnswer<'a> {
    bills: Vec<QuoteAnswer<'a>>,
    period: PeriodAnswer,
    pools: Vec<Value>,
    total: Money,
}

/// One unit's quote in a `fees.quote` or `fees.bill` answer.
#[derive(Serialize)]
struct QuoteAnswer<'a> {
    lines: Vec<LineAnswer<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<Vec<&'a str>>,
    payer: &'a str,
    /// Only in a `fees.quote` answer (a bill run states its period once).
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<PeriodAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prepayment_factor: Option<Decimal>,
    total: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(rename = "use")]
    use_: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    vacancy_factor: Option<Decimal>,
}

/// One bill line; the explanation fields only with `explain`.
#[derive(Serialize)]
struct LineAnswer<'a> {
    amount: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    debt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<Value>,
    item: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a crate::handbook::Source>,
}

fn render_period(p: Period) -> PeriodAnswer {
    PeriodAnswer {
        from: format_date(p.from()),
        months: ratio(p.months()),
        to: format_date(p.to()),
    }
}

fn ratio(r: Ratio) -> String {
    if r.den == 1 {
        r.num.to_string()
    } else {
        format!("{}/{}", r.num, r.den)
    }
}

fn render_quote<'a>(s: &'a Section, q: &Quote, unit: &'a UnitDto, explain: bool) -> QuoteAnswer<'a> {
    let omitted = q.omitted(s);
    QuoteAnswer {
        lines: q.lines.iter().map(|l| render_line(s, l, unit, explain)).collect(),
        omitted: (!omitted.is_empty()).then(|| {
            omitted
                .iter()
                .filter_map(|&i| s.item(i))
                .map(|i| i.key.as_str())
                .collect()
        }),
        payer: match q.payer {
            Payer::Owner => "owner",
            Payer::Developer => s.unsold.payer.as_str(),
        },
        period: None,
        prepayment_factor: q.prepayment,
        total: q.total,
        unit: unit.id.as_deref(),
        use_: &unit.use_,
        vacancy_factor: q.vacancy.then_some(s.vacancy.factor),
    }
}

fn area_label(b: AreaBasis) -> &'static str {
    match b {
        AreaBasis::Building => "building",
        AreaBasis::Indoor => "indoor",
        AreaBasis::Exclusive => "exclusive",
    }
}

fn render_line<'a>(s: &'a Section, l: &Line, unit: &'a UnitDto, explain: bool) -> LineAnswer<'a> {
    let item = match l.kind {
        LineKind::Item(id) => s.item(id),
        LineKind::LateFee { .. } => None,
    };
    let debt = match l.kind {
        LineKind::LateFee { debt } => unit.debts.get(debt as usize).and_then(|d| d.id.as_deref()),
        LineKind::Item(_) => None,
    };
    let mut out = LineAnswer {
        amount: l.amount,
        debt,
        exact: None,
        formula: None,
        inputs: None,
        item: item.map_or("late_fee", |it| it.key.as_str()),
        name: None,
        rule: None,
        source: None,
    };
    if !explain {
        return out;
    }
    let (name, source, rule) = match item {
        Some(it) => (
            it.doc.name.as_str(),
            &it.doc.source,
            match &it.doc.charge {
                Charge::AreaRate { .. } => "area_rate",
                Charge::Fixed { .. } => "fixed",
                Charge::Metered(_) => "metered",
                Charge::Tiered(_) => "tiered",
                Charge::Shared { .. } => "shared",
            },
        ),
        None => ("滞纳金", &s.arrears.late_fee.source, "late_fee"),
    };
    let divisor = l.divisor();
    out.exact = Some(if divisor == Decimal::ONE {
        l.exact.to_string()
    } else {
        format!("{}/{divisor}", l.exact)
    });
    let (inputs, formula) = explain_detail(s, l);
    out.inputs = Some(inputs);
    out.formula = Some(formula);
    out.name = Some(name);
    out.rule = Some(rule);
    out.source = Some(source);
    out
}

fn explain_detail(s: &Section, l: &Line) -> (Value, String) {
    let amount = l.amount;
    let factor_text = |f: Decimal| {
        if f == Decimal::ONE {
            String::new()
        } else {
            format!(" × {f}")
        }
    };
    match l.detail {
        Detail::AreaRate {
            rate,
            area,
            basis,
            months,
            factor,
        } => (
            json!({"rate": rate.to_string(), "area": area.to_string(), "area_basis": area_label(basis),
                   "months": ratio(months), "factor": factor.to_string()}),
            format!(
                "{rate} × {area} m² × {} month(s){} = {amount}",
                ratio(months),
                factor_text(factor)
            ),
        ),
        Detail::Fixed {
            amount: a,
            months,
            factor,
        } => (
            json!({"amount": a.to_string(), "months": ratio(months), "factor": factor.to_string()}),
            format!("{a} × {} month(s){} = {amount}", ratio(months), factor_text(factor)),
        ),
        Detail::Metered {
            previous,
            current,
            used_before,
        } => {
            let quantity = l.detail.quantity().unwrap_or(Decimal::ZERO);
            let mut parts = Vec::new();
            if let LineKind::Item(id) = l.kind {
                if let Some(it) = s.item(id) {
                    let _ = crate::fees::segments(&it.tiers, used_before, quantity, |seg| {
                        parts.push(format!("{} × {}", seg.quantity, seg.price));
                        Ok(())
                    });
                }
            }
            if parts.is_empty() {
                parts.push("0".into());
            }
            (
                json!({"previous": previous.to_string(), "current": current.to_string(),
                       "quantity": quantity.to_string(), "used_before": used_before.to_string()}),
                format!("{} = {amount}", parts.join(" + ")),
            )
        }
        Detail::Shared {
            pool,
            weight,
            total_weight,
            allocated,
        } => (
            json!({"pool": pool.to_string(), "weight": weight.to_string(), "total_weight": total_weight.to_string()}),
            if allocated {
                format!("largest-remainder share of {pool} by {weight} / {total_weight} = {amount}")
            } else {
                format!("{pool} × {weight} / {total_weight} = {amount}")
            },
        ),
        Detail::LateFee {
            principal,
            due,
            days,
            rate,
            capped,
        } => (
            json!({"principal": principal.to_string(), "due": format_date(due), "days": days, "daily_rate": rate.to_string(), "capped": capped}),
            if capped {
                format!("min({principal} × {rate} × {days} days, cap) = {amount}")
            } else {
                format!("{principal} × {rate} × {days} days = {amount}")
            },
        ),
    }
}
