//! The fees section of the handbook as data: property uses, fee items, rounding points, discounts and the
//! arrears policy. These types are both the document format and (once validated) the compiled rules.

use serde::{Deserialize, Serialize};

use crate::handbook::Source;
use crate::money::{Decimal, Money, Rounding};

/// The whole `fees` section (收费标准).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeesDoc {
    /// How part months are counted (计费天数规则).
    pub day_count: DayCountDoc,
    /// Where rounding happens and how.
    pub rounding: RoundingPoints,
    /// Property uses (物业使用性质) by id, each selecting its fee items.
    pub uses: std::collections::BTreeMap<String, UseDoc>,
    /// Fee items (收费项目) by id.
    pub items: std::collections::BTreeMap<String, ItemDoc>,
    pub vacancy: VacancyRule,
    pub prepayment: PrepaymentRule,
    pub unsold: UnsoldRule,
    pub arrears: ArrearsRules,
}

/// The day-count rule for part periods and its provenance.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DayCountDoc {
    pub rule: DayCount,
    pub source: Source,
}

/// How a period's length in months is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Each calendar month the period touches counts `days of the period in it ÷ days in that month`; a whole
    /// month counts 1 whatever its length. Periods include both their first and last date.
    ActualDaysOfMonth,
}

/// The named rounding points (舍入点): each is a mode and a unit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoundingPoints {
    /// Each bill line's amount (an item's own `rounding` overrides it).
    pub line: Rounding,
    /// A shared meter's cost before it is apportioned (公摊总额).
    pub shared_pool: Rounding,
    /// Each late fee (滞纳金).
    pub late_fee: Rounding,
    pub source: Source,
}

/// A property use (物业使用性质): residential 住宅, shop 商铺, office 写字楼, parking 车位 … — data, so a company
/// can add its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UseDoc {
    pub name: String,
    /// The fee items billed to units of this use, in bill order.
    pub items: Vec<String>,
    pub source: Source,
}

/// A fee item (收费项目).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemDoc {
    pub name: String,
    pub charge: Charge,
    /// The vacancy discount (and the unsold-unit factor) applies to this item.
    #[serde(default)]
    pub vacancy_discount: bool,
    /// The prepayment discount applies to this item.
    #[serde(default)]
    pub prepayment_discount: bool,
    /// Overrides the section's line rounding for this item.
    #[serde(default)]
    pub rounding: Option<Rounding>,
    pub source: Source,
}

/// How an item's amount is computed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Charge {
    /// Rate per m² of the named area per month (e.g. 物业服务费 2.50 元/m²/月 of building area).
    AreaRate { rate: Decimal, area: AreaBasis },
    /// A fixed amount per month (e.g. a parking space's management fee).
    Fixed { amount: Money },
    /// Reading difference × one price (a flat, use-specific tariff).
    Metered(MeterTariff),
    /// Reading difference priced by tiers (阶梯) of annual or monthly consumption.
    Tiered(TieredTariff),
    /// A share of a shared meter's cost (公摊), apportioned over the units carrying this item.
    Shared { utility: String, basis: ShareBasis },
}

/// A flat metered tariff.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MeterTariff {
    /// What the meter measures: `electricity`, `water`, … (top-ups find the tariff by it).
    pub utility: String,
    /// Unit of quantity, for people (`kWh`, `m³`).
    pub unit: String,
    pub price: Decimal,
    /// The smallest quantity a top-up sells (e.g. `1` kWh or `0.01`).
    pub step: Decimal,
}

/// A tiered (阶梯) tariff.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TieredTariff {
    pub utility: String,
    pub unit: String,
    /// Whether tier positions reset every year or every month.
    pub tier_period: TierPeriod,
    /// Tiers, lowest first; each but the last has `up_to` (cumulative consumption in the tier period).
    pub tiers: Vec<Tier>,
    pub step: Decimal,
}

/// One tier: consumption up to `up_to` (cumulative; absent on the last tier) costs `price` per unit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    #[serde(default)]
    pub up_to: Option<Decimal>,
    pub price: Decimal,
}

/// When tier positions reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TierPeriod {
    Annual,
    Monthly,
}

/// Which area an area-based item or share uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaBasis {
    /// 建筑面积.
    Building,
    /// 套内面积.
    Indoor,
    /// 专有部分面积.
    Exclusive,
}

/// How a shared cost is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareBasis {
    /// By the named area of each unit.
    Area(AreaBasis),
    /// Equally per household (每户).
    Household,
    /// By each unit's own metered consumption of the same utility.
    Consumption,
}

/// Vacancy discount (空置优惠): a unit vacant at least `after_months` before the period starts pays `factor`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VacancyRule {
    pub after_months: u32,
    pub factor: Decimal,
    pub source: Source,
}

/// Prepayment discount (预缴优惠): paying a period of at least `min_months` in advance.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PrepaymentRule {
    /// Tiers; the one with the largest `min_months` the period reaches applies.
    pub tiers: Vec<PrepaymentTier>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PrepaymentTier {
    pub min_months: u32,
    pub factor: Decimal,
}

/// Unsold units (未售房屋): billed to the developer (开发建设单位), at `factor` on vacancy-discount items.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnsoldRule {
    pub payer: String,
    pub factor: Decimal,
    pub source: Source,
}

/// Arrears (欠费) policy: payment allocation, late fees, ageing and dunning.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ArrearsRules {
    pub allocation: Allocation,
    pub late_fee: LateFeeRule,
    pub ageing: AgeingRule,
    pub dunning: DunningRule,
}

/// Which open charges a payment settles first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// Earliest due date first (ties in the order given).
    OldestFirst,
    /// Latest due date first (ties in the order given).
    NewestFirst,
}

/// Late fee (滞纳金): simple interest per day on the outstanding principal after the due date plus grace days.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LateFeeRule {
    pub daily_rate: Decimal,
    pub grace_days: u32,
    /// The late fee of one charge never exceeds `cap_ratio × principal` (absent: no cap).
    #[serde(default)]
    pub cap_ratio: Option<Decimal>,
    /// A daily rate above this is flagged (`exceeds_legal_ceiling`), not refused: the company decides.
    pub legal_ceiling_daily_rate: Decimal,
    pub source: Source,
}

/// Ageing buckets (账龄) by days overdue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeingRule {
    /// Buckets in order; each but the last has `up_to_days` (inclusive).
    pub buckets: Vec<AgeingBucket>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeingBucket {
    pub label: String,
    #[serde(default)]
    pub up_to_days: Option<u32>,
}

/// Dunning stages (催收阶段) by the oldest overdue charge's days overdue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DunningRule {
    pub stages: Vec<DunningStage>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DunningStage {
    pub id: String,
    pub name: String,
    /// The stage applies from this many days overdue.
    pub after_days: u32,
}
