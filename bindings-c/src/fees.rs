//! Typed entry point for the hottest fee question — "what does this unit owe for this period?" — without a JSON
//! round trip. The same answer as the `fees.quote` op for a unit without meter readings, shares or debts (the C
//! tests compare both on a grid); for those, use the op.

use std::os::raw::c_char;

use wuye::fees::{Areas, FeeError, Occupancy, Payer, Period, QuoteInput};
use wuye::money::Decimal;
use wuye::time::parse_date;
use wuye::Problem;

use crate::engine::wuye_engine;
use crate::error::{self, wuye_status};
use crate::ffi;

/// Whether a unit is lived in, vacant, or unsold: one of the `WUYE_OCCUPANCY_*` constants.
pub type wuye_occupancy = u32;
/// Lived in (入住): billed in full.
pub const WUYE_OCCUPANCY_OCCUPIED: wuye_occupancy = 0;
/// Vacant (空置) since `vacant_since`: the handbook's vacancy discount may apply.
pub const WUYE_OCCUPANCY_VACANT: wuye_occupancy = 1;
/// Unsold (未售): billed to the developer at the handbook's unsold factor.
pub const WUYE_OCCUPANCY_UNSOLD: wuye_occupancy = 2;

/// One unit to quote (the `unit` of the `fees.quote` op, without readings, shares or debts).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wuye_fee_unit {
    /// The property use (物业使用性质) as the handbook names it: `"residential"`, `"shop"`, `"parking"`, ….
    pub use_id: *const c_char,
    /// Building area (建筑面积) in m², as exact decimal text: `"126.38"` (never a float).
    pub building_area: *const c_char,
    /// A `WUYE_OCCUPANCY_*` constant.
    pub occupancy: wuye_occupancy,
    /// `"YYYY-MM-DD"`, read only when `occupancy` is `WUYE_OCCUPANCY_VACANT` (may be NULL otherwise).
    pub vacant_since: *const c_char,
}

/// A quote's result.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct wuye_fee_quote {
    /// The bill total in fen (分): 62919 is 629.19 yuan.
    pub total_fen: i64,
    /// How many bill lines (fee items) make up the total.
    pub lines: u32,
    /// True when the bill goes to the developer (an unsold unit), not the owner.
    pub developer_pays: bool,
    /// True when the vacancy discount applied.
    pub vacancy_discount: bool,
    /// True when a prepayment discount applied.
    pub prepayment_discount: bool,
}

/// Quotes one unit for one period (`"YYYY-MM-DD"`, both days included): the typed form of the `fees.quote` op for
/// units billed by area or fixed amounts (no meter readings, shares or debts — use the op for those).
///
/// On `WUYE_OK`, writes the total in fen and what applied to `*result_out`. On a refused quote
/// (`WUYE_FEES_ERROR`: unknown use, malformed or negative area, a period that ends before it starts;
/// `WUYE_REQUEST_INVALID_TIME`: a date that is not `YYYY-MM-DD`) writes the protocol's error JSON to `*error_out`
/// if `error_out` is not NULL. An unknown `occupancy` → `WUYE_INVALID_ARGUMENT`.
///
/// Ownership: `unit` and the strings stay the caller's; `*result_out` is a plain value; the caller owns
/// `*error_out` (free with `wuye_string_free`; initialise it to NULL).
/// NULL: `engine`, `unit`, `unit->use_id`, `unit->building_area`, `period_from`, `period_to`, `result_out` — and
/// `unit->vacant_since` for a vacant unit — NULL → `WUYE_NULL_ARGUMENT`; `error_out` may be NULL. Strings that are
/// not UTF-8 → `WUYE_INVALID_UTF8`.
/// Thread safety: any number of threads may call this at once on the same engine.
///
/// # Safety
/// `engine` is NULL or a live handle from `wuye_engine_new_*`; `unit` is NULL or points to a `wuye_fee_unit`
/// whose string members are NULL or NUL-terminated; `period_from` and `period_to` are NULL or NUL-terminated;
/// `result_out` is NULL or valid for a write of a `wuye_fee_quote`; `error_out` is NULL or valid for a write of a
/// pointer.
#[no_mangle]
pub unsafe extern "C" fn wuye_fees_quote(
    engine: *const wuye_engine,
    unit: *const wuye_fee_unit,
    period_from: *const c_char,
    period_to: *const c_char,
    prepaid: bool,
    result_out: *mut wuye_fee_quote,
    error_out: *mut *mut c_char,
) -> wuye_status {
    ffi::guard(|| {
        ffi::non_null(&[
            !engine.is_null(),
            !unit.is_null(),
            !period_from.is_null(),
            !period_to.is_null(),
        ])?;
        ffi::non_null(&[!result_out.is_null()])?;
        // SAFETY: non-NULL per the check above, valid per the contract.
        let unit = unsafe { *unit };
        let vacant = unit.occupancy == WUYE_OCCUPANCY_VACANT;
        ffi::non_null(&[
            !unit.use_id.is_null(),
            !unit.building_area.is_null(),
            !vacant || !unit.vacant_since.is_null(),
        ])?;
        if unit.occupancy > WUYE_OCCUPANCY_UNSOLD {
            return Err(wuye_status::WUYE_INVALID_ARGUMENT);
        }
        // SAFETY: non-NULL and NUL-terminated per the contract; `vacant_since` is read only when checked above.
        let (engine, use_key, area, from, to) = unsafe {
            (
                ffi::engine(engine),
                ffi::utf8(unit.use_id)?,
                ffi::utf8(unit.building_area)?,
                ffi::utf8(period_from)?,
                ffi::utf8(period_to)?,
            )
        };
        let since = if vacant {
            Some(unsafe { ffi::utf8(unit.vacant_since) }?)
        } else {
            None
        };
        match quote(engine, use_key, area, unit.occupancy, since, from, to, prepaid) {
            Ok(result) => {
                // SAFETY: non-NULL, valid per the contract.
                unsafe { *result_out = result };
                Ok(wuye_status::WUYE_OK)
            }
            Err(problem) => {
                let (status, json) = error::problem(&problem);
                // SAFETY: NULL or valid per the contract.
                unsafe { ffi::write_error(error_out, json)? };
                Err(status)
            }
        }
    })
}

/// Builds the core's quote input from the C arguments (parsing only: every rule is in `fees::Section::quote`).
#[allow(clippy::too_many_arguments)] // the flattened C arguments, one by one
fn quote(
    engine: &wuye::Engine,
    use_key: &str,
    area: &str,
    occupancy: wuye_occupancy,
    vacant_since: Option<&str>,
    from: &str,
    to: &str,
    prepaid: bool,
) -> Result<wuye_fee_quote, Problem> {
    // Checked in the order the `fees.quote` op checks them, so both report the same first problem.
    let date = |text: &str, path: &str| parse_date(text).map_err(|e| Problem::from(e).at(path));
    let (from, to) = (date(from, "period_from")?, date(to, "period_to")?);
    let building = Decimal::parse(area).map_err(|e| Problem::from(e).at("building_area"))?;
    let occupancy = match (occupancy, vacant_since) {
        (WUYE_OCCUPANCY_UNSOLD, _) => Occupancy::Unsold,
        (WUYE_OCCUPANCY_VACANT, Some(since)) => Occupancy::Vacant {
            since: date(since, "vacant_since")?,
        },
        _ => Occupancy::Occupied,
    };
    let period = Period::new(from, to).map_err(|e| e.to_problem())?;
    let fees = engine.fees();
    let use_id = fees
        .use_id(use_key)
        .ok_or_else(|| FeeError::UnknownUse(use_key.to_string()).to_problem())?;
    let input = QuoteInput {
        use_id,
        areas: Areas::building(building),
        occupancy,
        period,
        prepaid,
        readings: &[],
        shares: &[],
        debts: &[],
        as_of: period.to(),
    };
    let q = fees.quote(&input).map_err(|e| e.to_problem())?;
    Ok(wuye_fee_quote {
        total_fen: q.total.fen(),
        lines: u32::try_from(q.lines.len()).unwrap_or(u32::MAX),
        developer_pays: q.payer == Payer::Developer,
        vacancy_discount: q.vacancy,
        prepayment_discount: q.prepayment.is_some(),
    })
}
