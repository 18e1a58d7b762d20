//! Request parsing under random input (a fuzz test run by `cargo test`): any
//! bytes given as a write's JSON body are parsed into an answer or a 4xx
//! problem naming a field, never a panic or a server error.

use bastama_model::{BallotRequest, InitiativeForm, NgoProfile, NgoRegistration, OtpRequest};
use bastama_server::body::parse;
use proptest::prelude::*;

fn refused_cleanly(
    result: Result<(), bastama_server::error::ApiError>,
) -> Result<(), TestCaseError> {
    if let Err(error) = result {
        prop_assert!((400..500).contains(&error.problem.status()));
        prop_assert!(!error.problem.errors.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        refused_cleanly(parse::<OtpRequest>(&bytes).map(drop))?;
        refused_cleanly(parse::<NgoProfile>(&bytes).map(drop))?;
        refused_cleanly(parse::<InitiativeForm>(&bytes).map(drop))?;
    }

    #[test]
    fn json_shaped_text(text in r#"\{("[a-z_]{1,12}": ?(-?[0-9]{1,25}(\.[0-9]+)?|"\PC{0,20}"|\[[0-9, ]{0,12}\]|null|true|\{\}), ?){0,6}\}"#) {
        refused_cleanly(parse::<OtpRequest>(text.as_bytes()).map(drop))?;
        refused_cleanly(parse::<BallotRequest>(text.as_bytes()).map(drop))?;
        refused_cleanly(parse::<NgoRegistration>(text.as_bytes()).map(drop))?;
    }
}
