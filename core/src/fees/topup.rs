//! Prepaid top-ups (§2.2.7, 充值): money → quantity at the unit's tier position, and quantity → money.

use crate::money::{Decimal, Money, Rounding};

use super::rules::Charge;
use super::{tiers, FeeError, ItemId, Section, UseId};

/// Why a top-up is never refused for arrears in other fees.
pub const CIVIL_CODE_944: &str = "Top-up not refused for arrears in other fees: a property service provider may not \
     cut water, power, heating or gas to collect fees (Civil Code Art. 944: 物业服务人不得采取停止供电、供水、供热、\
     供燃气等方式催交物业费).";

/// What the owner asks for: an amount of money to spend, or a quantity to buy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopUpAsk {
    Money(Money),
    Quantity(Decimal),
}

/// A top-up: the quantity sold, what it costs, and what of the money offered is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopUp {
    pub item: ItemId,
    pub used_before: Decimal,
    pub quantity: Decimal,
    /// The exact cost before rounding.
    pub exact: Decimal,
    pub amount: Money,
    /// Money offered and not spent (less than the price of one more step); zero for a quantity ask.
    pub unused: Money,
    /// The arrears in other fees the caller reported, when there are any (the top-up goes ahead regardless).
    pub arrears: Option<Money>,
}

impl Section {
    /// The tariff item a unit of `use_id` buys `utility` under (the use's first metered or tiered item for it).
    pub fn tariff_for(&self, use_id: UseId, utility: &str) -> Result<ItemId, FeeError> {
        let use_ = self.use_or_err(use_id)?;
        use_.items
            .iter()
            .copied()
            .find(|&id| {
                self.item(id).is_some_and(|it| {
                    matches!(it.doc.charge, Charge::Metered(_) | Charge::Tiered(_)) && it.utility() == Some(utility)
                })
            })
            .ok_or_else(|| FeeError::NoTariff {
                use_: use_.key.clone(),
                utility: utility.to_string(),
            })
    }

    /// Sells `ask` of the item's utility from tier position `used_before`. Money buys the largest multiple of the
    /// item's step whose rounded cost fits; a quantity costs its rounded price. `arrears` (in other fees) never
    /// blocks a top-up; it is echoed so the answer can say so ([`CIVIL_CODE_944`]).
    pub fn top_up(&self, item: ItemId, used_before: Decimal, ask: TopUpAsk, arrears: Money) -> Result<TopUp, FeeError> {
        let it = self.item_or_err(item)?;
        let step = it.step().ok_or_else(|| FeeError::WrongItemKind(it.key.clone()))?;
        if used_before.is_negative() {
            return Err(FeeError::NegativeQuantity.at("used_before"));
        }
        if arrears.is_negative() {
            return Err(FeeError::NegativeAmount.at("arrears"));
        }
        let r = it.rounding;
        let price = |q: Decimal| -> Result<(Decimal, Money), FeeError> {
            let exact = it.cost(used_before, q)?;
            Ok((exact, exact.to_money(r)?))
        };
        let (quantity, exact, amount, unused) = match ask {
            TopUpAsk::Quantity(q) => {
                if q.is_negative() {
                    return Err(FeeError::NegativeQuantity.at("quantity"));
                }
                let (exact, amount) = price(q)?;
                (q, exact, amount, Money::ZERO)
            }
            TopUpAsk::Money(m) => {
                if m.is_negative() {
                    return Err(FeeError::NegativeAmount.at("money"));
                }
                let q = self.affordable(it, used_before, m, step, r)?;
                let (exact, amount) = price(q)?;
                (q, exact, amount, m.checked_sub(amount)?)
            }
        };
        Ok(TopUp {
            item,
            used_before,
            quantity,
            exact,
            amount,
            unused,
            arrears: (arrears > Money::ZERO).then_some(arrears),
        })
    }

    /// The largest multiple of `step` whose cost, rounded by `r`, is at most `money`: start from what the exact
    /// cost allows, then binary-search the few steps that rounding down may add.
    fn affordable(
        &self,
        it: &super::Item,
        before: Decimal,
        money: Money,
        step: Decimal,
        r: Rounding,
    ) -> Result<Decimal, FeeError> {
        let fits = |k: i128| -> Result<bool, FeeError> {
            let q = Decimal::from_int(0).checked_add(step.checked_mul(Decimal::new(k, 0)?)?)?;
            Ok(it.cost(before, q)?.to_money(r)? <= money)
        };
        let steps = |budget: Decimal| -> Result<i128, FeeError> {
            let q = tiers::quantity_for(&it.tiers, before, budget, step)?;
            Ok(q.div_floor(step, 0)?.mantissa())
        };
        let mut lo = steps(money.to_decimal())?; // exact cost ≤ money, so the rounded cost is too
        let margin = Money::from_fen(2 * r.to.fen());
        let mut hi = steps(money.checked_add(margin)?.to_decimal())?
            .checked_add(1)
            .ok_or(crate::money::MoneyError::Overflow)?;
        // Invariant: fits(lo), !fits(hi) (hi costs more than money + one rounding unit).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid)? {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(step.checked_mul(Decimal::new(lo, 0)?)?)
    }
}
