//! Types and validators shared by the Bastama web app (wasm32) and its API server.
//!
//! Everything that crosses the wire is defined here once, so a renamed field is a
//! compile error on both sides, and the browser checks input with the very functions
//! the server trusts.

pub mod audit;
pub mod ballot_box;
pub mod i18n;
pub mod ids;
pub mod latin;
pub mod problem;
pub mod query;
pub mod receipt;
pub mod route;
pub mod search;
pub mod types;
pub mod validate;

pub use audit::{
    AuditAction, AuditEntry, AuditPage, ChainCheck, Decision, FieldChange, RecordKind, RecordRef,
};
pub use ballot_box::{
    BallotBox, BallotEvent, BallotPublication, BoxBallot, BoxHead, BoxIdea, ChainEntry, Mismatch,
    Protocol, StationVoids,
};
pub use ids::{Bin, Email, IdError, Iin, Phone, Refusal};
pub use problem::{FieldError, Kind, Problem, Reason};
pub use query::{AuditQuery, InitiativeQuery, NgoQuery, Paging, DEFAULT_PER_PAGE, MAX_PER_PAGE};
pub use types::*;
