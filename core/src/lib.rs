//! # wuye (物业)
//!
//! A property-management company's owner-service handbook as executable, testable rules: SLA timers, fees by
//! property use and approval workflows. Compile a handbook once into an [`Engine`], then ask it pure questions —
//! every "now" is an input, every amount is exact.
//!
//! ```
//! let engine = wuye::Engine::with_default_handbook().unwrap();
//! let answer = engine.request(r#"{"op": "nope.nothing"}"#);
//! assert!(answer.contains("request.unknown_op"));
//! ```
#![forbid(unsafe_code)]

pub mod api;
pub mod calendar;
mod engine;
pub mod error;
pub mod fees;
pub mod handbook;
mod limits;
pub mod money;
pub mod scenario;
pub mod sla;
pub mod time;
pub mod workflow;

pub use engine::{Context, Engine, HandbookErrors};
pub use error::{Coded, Problem};
pub use limits::Limits;
pub use time::{Instant, Offset};
