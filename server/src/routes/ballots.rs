//! A voter's one ballot per fair: up to the fair's `votes_per_voter` approved
//! ideas, replaceable while voting is open. One ballot per IIN (the keyed hash is
//! the ballot's key) and one IIN per phone in each fair.

use super::fairs::fetch_fair;
use super::{AppState, Id};
use crate::auth::Voter;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::seed::now;
use axum::extract::State;
use axum::Json;
use bastama_model::{validate, Ballot, BallotRequest, Problem};

async fn saved(state: &AppState, fair_id: i64, voter_key: &str) -> ApiResult<Ballot> {
    let ballot: Option<(i64, String)> =
        sqlx::query_as("SELECT id, updated_at FROM ballots WHERE fair_id = $1 AND voter_key = $2")
            .bind(fair_id)
            .bind(voter_key)
            .fetch_optional(&state.db)
            .await?;
    let Some((ballot_id, updated_at)) = ballot else {
        return Ok(Ballot {
            fair_id,
            idea_ids: Vec::new(),
            updated_at: None,
        });
    };
    let ideas: Vec<(i64,)> =
        sqlx::query_as("SELECT idea_id FROM ballot_ideas WHERE ballot_id = $1 ORDER BY idea_id")
            .bind(ballot_id)
            .fetch_all(&state.db)
            .await?;
    Ok(Ballot {
        fair_id,
        idea_ids: ideas.into_iter().map(|(id,)| id).collect(),
        updated_at: Some(updated_at),
    })
}

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
    let fair = fetch_fair(&state, id).await?;
    Ok(Json(saved(&state, fair.id, &voter.voter_key).await?))
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
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "voting is not open, or the phone already verified another IIN in this fair"),
    )
)]
pub async fn put_ballot(
    State(state): State<AppState>,
    Id(id): Id,
    voter: Voter,
    JsonBody(request): JsonBody<BallotRequest>,
) -> ApiResult<Json<Ballot>> {
    let fair = fetch_fair(&state, id).await?;
    let now = now();
    if !fair.voting_open(&now) {
        return Err(ApiError::new(
            409,
            "voting-closed",
            "Voting is not open",
            "this fair is not accepting votes now",
        ));
    }
    validate::ballot(&request.idea_ids, fair.votes_per_voter)?;
    // Few statements inside the transaction: it holds SQLite's write lock.
    let mut tx = state.writer.begin().await?;
    // The phone's link in this fair: made now, or the one made before (the
    // no-op update lets RETURNING give the existing row).
    let (linked,): (String,) = sqlx::query_as(
        "INSERT INTO phone_links (fair_id, phone_key, voter_key) VALUES ($1, $2, $3) \
         ON CONFLICT (fair_id, phone_key) DO UPDATE SET voter_key = phone_links.voter_key \
         RETURNING voter_key",
    )
    .bind(fair.id)
    .bind(&voter.phone_key)
    .bind(&voter.voter_key)
    .fetch_one(&mut *tx)
    .await?;
    if linked != voter.voter_key {
        return Err(ApiError::new(
            409,
            "phone-used",
            "Phone already used",
            "this phone has already verified another person in this fair",
        ));
    }
    // A first ballot is one insert; a ballot saved before is updated and its
    // ideas are replaced.
    let first: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO ballots (fair_id, voter_key, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (fair_id, voter_key) DO NOTHING RETURNING id",
    )
    .bind(fair.id)
    .bind(&voter.voter_key)
    .bind(&now)
    .fetch_optional(&mut *tx)
    .await?;
    let ballot_id = match first {
        Some((id,)) => id,
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "UPDATE ballots SET updated_at = $3 WHERE fair_id = $1 AND voter_key = $2 RETURNING id",
            )
            .bind(fair.id)
            .bind(&voter.voter_key)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM ballot_ideas WHERE ballot_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
    };
    // Every chosen idea (at least one, as validated) in one statement, which
    // takes only approved ideas of this fair; one missing refuses the ballot
    // and the transaction is rolled back.
    let marks: Vec<String> = (3..request.idea_ids.len() + 3)
        .map(|n| format!("${n}"))
        .collect();
    let sql = format!(
        "INSERT INTO ballot_ideas (ballot_id, idea_id) SELECT $1, id FROM ideas \
         WHERE fair_id = $2 AND moderation = 'approved' AND id IN ({})",
        marks.join(", ")
    );
    let mut insert = sqlx::query(&sql).bind(ballot_id).bind(fair.id);
    for idea in &request.idea_ids {
        insert = insert.bind(*idea);
    }
    if insert.execute(&mut *tx).await?.rows_affected() != request.idea_ids.len() as u64 {
        return Err(ApiError::invalid(
            "idea_ids",
            "unknown",
            "every idea must be an approved idea of this fair",
        ));
    }
    tx.commit().await?;
    // The ballot is what was just written: no need to read it back.
    let mut idea_ids = request.idea_ids;
    idea_ids.sort_unstable();
    Ok(Json(Ballot {
        fair_id: fair.id,
        idea_ids,
        updated_at: Some(now),
    }))
}
