//! Ideas fairs, their approved ideas, submitting ideas, and results.

use super::export::{cell, csv_writer};
use super::{AppState, Id};
use crate::auth::Author;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::store::{fairs, ideas, known_slug, Actor, Db, Vocabulary};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use bastama_model::{
    ballot_box, validate, Fair, FairPhase, FairResults, Idea, Kind, NewIdea, Page, PendingIdea,
    Problem,
};

/// Every fair past its draft, newest first.
#[utoipa::path(get, path = "/api/v1/fairs", responses((status = 200, body = Vec<Fair>)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<Fair>>> {
    Ok(Json(fairs::public(&state.db).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = Fair), (status = 404, body = Problem))
)]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Fair>> {
    Ok(Json(fairs::public_one(&state.db, id).await?))
}

/// A fair's approved ideas, in the order they were submitted.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/ideas",
    params(
        ("id" = i64, Path),
        ("page" = Option<u32>, Query, minimum = 1),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200),
    ),
    responses((status = 200, body = Page<Idea>), (status = 400, body = Problem), (status = 404, body = Problem))
)]
pub async fn ideas(
    State(state): State<AppState>,
    Id(id): Id,
    params: Params,
) -> ApiResult<Json<Page<Idea>>> {
    let paging = params.paging()?;
    let fair = fairs::public_one(&state.db, id).await?;
    let items = ideas::approved(&state.db, fair.id, paging).await?;
    Ok(Json(Page {
        items,
        total: fair.ideas,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

/// A fair's ranking, counted from its stored ballots. Ideas with equal votes share
/// a rank; an idea with votes whose rank is within `winners` wins, so a tie at the
/// last winning place makes every tied idea a winner.
pub async fn compute_results(db: &Db, fair: &Fair) -> ApiResult<FairResults> {
    if !fair.results_live && fair.phase != FairPhase::Closed {
        return Err(ApiError::new(
            Kind::ResultsNotPublished,
            "this fair publishes its results when voting closes",
        ));
    }
    let votes = ideas::votes(db, fair.id).await?;
    Ok(ballot_box::tally(
        fair.id,
        fair.winners,
        &votes.ideas,
        votes.origins,
        &votes.counts,
    ))
}

/// The ranking of a fair's ideas by votes, live or once voting closes.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/results",
    params(("id" = i64, Path)),
    responses((status = 200, body = FairResults), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn results(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<FairResults>> {
    let fair = fairs::public_one(&state.db, id).await?;
    Ok(Json(compute_results(&state.db, &fair).await?))
}

/// The same ranking as CSV.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/results.csv",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn results_csv(State(state): State<AppState>, Id(id): Id) -> ApiResult<Response> {
    let fair = fairs::public_one(&state.db, id).await?;
    let results = compute_results(&state.db, &fair).await?;
    // The votes by channel follow the totals: one column for the web, one per station.
    let mut header: Vec<String> = [
        "rank", "idea_id", "title_kk", "title_ru", "title_en", "votes",
    ]
    .map(String::from)
    .into();
    header.extend(results.origins.iter().map(|o| match &o.station {
        None => "votes_web".to_owned(),
        Some(station) => cell(&format!("votes_station_{}: {}", station.id, station.name)),
    }));
    header.push("winner".into());
    let mut out = csv_writer(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for r in &results.items {
        let mut row = vec![
            r.rank.to_string(),
            r.idea_id.to_string(),
            cell(&r.title.kk),
            cell(r.title.ru.as_deref().unwrap_or("")),
            cell(r.title.en.as_deref().unwrap_or("")),
            r.votes.to_string(),
        ];
        row.extend(r.by_origin.iter().map(i64::to_string));
        row.push(r.winner.to_string());
        out.row(row);
    }
    Ok(out.into_response(&format!("fair-{id}-results.csv")))
}

/// Submits an idea to a fair in its submission phase; it waits for a moderator.
#[utoipa::path(
    post,
    path = "/api/v1/fairs/{id}/ideas",
    params(("id" = i64, Path)),
    request_body = NewIdea,
    security(("account" = []), ("voter" = [])),
    responses(
        (status = 201, body = PendingIdea),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "the fair is not taking ideas now"),
    )
)]
pub async fn submit_idea(
    State(state): State<AppState>,
    Id(id): Id,
    author: Author,
    JsonBody(idea): JsonBody<NewIdea>,
) -> ApiResult<(StatusCode, Json<PendingIdea>)> {
    let fair = fairs::public_one(&state.db, id).await?;
    if fair.phase != FairPhase::Submission {
        return Err(ApiError::new(
            Kind::NotTakingIdeas,
            "this fair is not taking ideas now",
        ));
    }
    validate::idea(&idea).map_err(Problem::invalid)?;
    if let Some(district) = &idea.district {
        known_slug(&state.db, Vocabulary::Districts, "district", district).await?;
    }
    for direction in &idea.directions {
        known_slug(&state.db, Vocabulary::Directions, "directions", direction).await?;
    }
    let (actor, ngo_id) = match author {
        Author::Ngo(actor, ngo) => (actor, Some(ngo)),
        Author::Voter => (Actor::Voter, None),
    };
    let (idea_id, submitted_at) = ideas::submit(&state.db, actor, fair.id, ngo_id, &idea).await?;
    Ok((
        StatusCode::CREATED,
        Json(PendingIdea {
            id: idea_id,
            fair_id: fair.id,
            title: idea.title,
            summary: idea.summary,
            budget_kzt: idea.budget_kzt,
            submitted_at,
        }),
    ))
}
