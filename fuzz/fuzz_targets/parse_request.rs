//! Any bytes as the JSON body of every write: parsed into the write's request
//! and then checked by its validator, or refused with a 4xx problem naming a
//! field; never a panic, a 5xx or a problem without a field.
#![no_main]

use bastama_model::{
    validate, BallotRequest, FairChange, FundingChange, InitiativeForm, LoginRequest, NewFair,
    NewIdea, NgoProfile, NgoRegistration, OtpRequest, Rejection, VerifyRequest,
};
use bastama_server::body::parse;
use bastama_server::error::ApiError;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

/// The request `bytes` make, or None when they were refused as they must be.
fn parsed<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match parse::<T>(bytes) {
        Ok(request) => Some(request),
        Err(ApiError { problem, .. }) => {
            assert!((400..500).contains(&problem.status), "{problem:?}");
            assert!(!problem.errors.is_empty(), "{problem:?}");
            None
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    if let Some(r) = parsed::<OtpRequest>(bytes) {
        let _ = validate::otp_request(&r);
    }
    if let Some(r) = parsed::<VerifyRequest>(bytes) {
        let _ = validate::code_claim(&r);
    }
    if let Some(r) = parsed::<BallotRequest>(bytes) {
        let _ = validate::ballot(&r.idea_ids, 3);
    }
    if let Some(r) = parsed::<NgoRegistration>(bytes) {
        let _ = validate::registration(&r);
    }
    if let Some(r) = parsed::<NgoProfile>(bytes) {
        let _ = validate::ngo_profile(&r);
    }
    if let Some(r) = parsed::<InitiativeForm>(bytes) {
        let _ = validate::initiative(&r);
    }
    if let Some(r) = parsed::<NewIdea>(bytes) {
        let _ = validate::idea(&r);
    }
    if let Some(r) = parsed::<NewFair>(bytes) {
        let _ = validate::fair_settings(r.votes_per_voter, r.winners);
    }
    if let Some(r) = parsed::<FairChange>(bytes) {
        let _ = validate::fair_settings(r.votes_per_voter, r.winners);
    }
    if let Some(r) = parsed::<LoginRequest>(bytes) {
        let _ = validate::email("email", &r.email);
    }
    if let Some(r) = parsed::<Rejection>(bytes) {
        let _ = validate::text_length("reason", &r.reason, (3, 1000));
    }
    let _ = parsed::<FundingChange>(bytes);
});
