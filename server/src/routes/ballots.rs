//! A voter's one ballot per fair: up to the fair's `votes_per_voter` approved
//! ideas, replaceable while voting is open. One ballot per IIN (the keyed hash is
//! the ballot's key) and one IIN per phone in each fair.

use super::{changed_meanwhile, AppState, Id};
use crate::auth::Voter;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::store::ballots::{self, Saving, Sealed, VoterKeys};
use crate::store::{fairs, now, rolls};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use bastama_model::{
    receipt, validate, Ballot, BallotRequest, Fair, Kind, Problem, Reason, ReceiptCheck,
};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The voter's saved ballot in this fair; empty when there is none.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/ballot",
    params(("id" = i64, Path)),
    security(("voter" = [])),
    responses((status = 200, body = Ballot), (status = 401, body = Problem), (status = 404, body = Problem))
)]
pub async fn get_ballot(
    State(state): State<AppState>,
    Id(id): Id,
    voter: Voter,
) -> ApiResult<Json<Ballot>> {
    let fair = fairs::public_one(&state.db, id).await?;
    Ok(Json(
        ballots::saved(&state.db, fair.id, &voter.voter_key).await?,
    ))
}

/// Saves (or replaces) the voter's ballot in this fair.
#[utoipa::path(
    put,
    path = "/api/v1/fairs/{id}/ballot",
    params(("id" = i64, Path)),
    request_body = BallotRequest,
    security(("voter" = [])),
    responses(
        (status = 200, body = Ballot),
        (status = 400, body = Problem, description = "too many, repeated, unknown or unapproved ideas"),
        (status = 401, body = Problem),
        (status = 403, body = Problem, description = "the voter is not on the fair's voter roll"),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "voting is not open, the phone already verified another IIN in this fair, or this IIN voted on paper (`voted-on-paper`)"),
    )
)]
pub async fn put_ballot(
    State(state): State<AppState>,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(request): JsonBody<BallotRequest>,
) -> ApiResult<Json<Ballot>> {
    // The voter and the fair are read at once: one wait for the database, not two.
    let (voter, fair) = tokio::join!(
        Voter::of(&headers, &state),
        fairs::public_one(&state.db, id)
    );
    let (voter, fair) = (voter?, fair?);
    let now = now();
    may_cast(&state, &fair, &voter.voter_key, &request.idea_ids, &now).await?;
    let (receipt, digest) = state.keys.seal_ballot(fair.id, &request.idea_ids, None);
    let keys = VoterKeys {
        voter_key: &voter.voter_key,
        phone_key: &voter.phone_key,
        sealed: Sealed {
            receipt: &receipt,
            digest: &digest,
        },
    };
    match ballots::save(&state.db, fair.id, keys, &request.idea_ids, &now).await? {
        Saving::Saved => {}
        Saving::PhoneUsed => {
            return Err(ApiError::new(
                Kind::PhoneUsed,
                "this phone has already verified another person in this fair",
            ))
        }
        Saving::UnknownIdeas => return Err(unknown_ideas()),
        Saving::OnPaper(at) => return Err(voted_before(true, &at)),
        Saving::ChangedMeanwhile => return Err(changed_meanwhile("your ballot")),
    }
    // The ballot is what was just written: no need to read it back.
    let mut idea_ids = request.idea_ids;
    idea_ids.sort_unstable();
    Ok(Json(Ballot {
        fair_id: fair.id,
        idea_ids,
        updated_at: Some(now),
        paper: false,
        receipt: Some(receipt),
    }))
}

/// What became of the ballot a receipt was given for: counted, replaced by
/// a newer ballot of its voter, or voided at its station. Never its ideas.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/receipts/{code}",
    params(("id" = i64, Path), ("code" = String, Path, description = "the receipt, as 7K2QM-XD4RA")),
    responses((status = 200, body = ReceiptCheck), (status = 400, body = Problem), (status = 404, body = Problem))
)]
pub async fn check_receipt(
    State(state): State<AppState>,
    Path((id, code)): Path<(String, String)>,
) -> ApiResult<Json<ReceiptCheck>> {
    let id = id.parse().map_err(|_| ApiError::not_found("this fair"))?;
    let fair = fairs::public_one(&state.db, id).await?;
    let code = receipt::parse("code", &code)?;
    match ballots::receipt_state(&state.db, fair.id, &code).await? {
        Some(state) => Ok(Json(ReceiptCheck {
            fair_id: fair.id,
            receipt: code,
            state,
        })),
        None => Err(ApiError::not_found("a ballot given this receipt")),
    }
}

/// What a ballot of either channel must meet before it is stored: the fair
/// open for votes, 1 to `votes_per_voter` distinct ideas, the voter on its roll.
pub async fn may_cast(
    state: &AppState,
    fair: &Fair,
    voter_key: &str,
    idea_ids: &[i64],
    now: &str,
) -> ApiResult<()> {
    if !fair.voting_open(now) {
        return Err(ApiError::new(
            Kind::VotingClosed,
            "this fair is not accepting votes now",
        ));
    }
    validate::ballot(idea_ids, fair.votes_per_voter)?;
    if !rolls::eligible(&state.db, fair, voter_key).await? {
        return Err(super::voters::not_on_roll());
    }
    Ok(())
}

/// The refusal of a ballot naming an idea that is not an approved idea of the fair.
pub fn unknown_ideas() -> ApiError {
    ApiError::invalid(
        "idea_ids",
        Reason::Unknown,
        "every idea must be an approved idea of this fair",
    )
}

/// The refusal of a second ballot: this IIN voted at `at` (RFC 3339), on paper
/// or online; the problem carries when as Unix seconds, never what.
pub fn voted_before(paper: bool, at: &str) -> ApiError {
    let voted_at =
        OffsetDateTime::parse(at, &Rfc3339).map_or(0, |t| t.unix_timestamp().max(0) as u64);
    if paper {
        ApiError::new(
            Kind::VotedOnPaper { voted_at },
            format!("this IIN voted on paper at a station in this fair at {at}"),
        )
    } else {
        ApiError::new(
            Kind::VotedOnline { voted_at },
            format!("this IIN voted online in this fair at {at}"),
        )
    }
}
