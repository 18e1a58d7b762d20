//! Ideas fairs, their approved ideas, submitting ideas, and results.

use super::export::{cell, csv_writer};
use super::{directions_of, known_slug, text, AppState, Id};
use crate::auth::Author;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::seed::now;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use bastama_model::{
    validate, Fair, FairPhase, FairResults, Idea, IdeaFunding, NewIdea, Page, PendingIdea, Problem,
    ResultRow,
};

#[derive(sqlx::FromRow)]
struct FairRow {
    id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    description_kk: String,
    description_ru: Option<String>,
    description_en: Option<String>,
    phase: String,
    submission_starts_at: Option<String>,
    voting_starts_at: Option<String>,
    voting_ends_at: Option<String>,
    votes_per_voter: i64,
    winners: i64,
    results_live: i64,
    ideas: i64,
    demo: i64,
    version: i64,
}

/// Fairs with their approved ideas counted; `WHERE` follows.
const SELECT_FAIR: &str = "SELECT f.id, f.title_kk, f.title_ru, f.title_en, f.description_kk, \
     f.description_ru, f.description_en, f.phase, f.submission_starts_at, f.voting_starts_at, \
     f.voting_ends_at, f.votes_per_voter, f.winners, f.results_live, \
     (SELECT COUNT(*) FROM ideas i WHERE i.fair_id = f.id AND i.moderation = 'approved') AS ideas, \
     f.demo, f.version FROM fairs f WHERE ";

impl FairRow {
    fn into_fair(self) -> Fair {
        Fair {
            id: self.id,
            title: text(self.title_kk, self.title_ru, self.title_en),
            description: text(
                self.description_kk,
                self.description_ru,
                self.description_en,
            ),
            // The phase is written only from FairPhase codes.
            phase: FairPhase::from_code(&self.phase).unwrap_or(FairPhase::Closed),
            submission_starts_at: self.submission_starts_at,
            voting_starts_at: self.voting_starts_at,
            voting_ends_at: self.voting_ends_at,
            votes_per_voter: self.votes_per_voter,
            winners: self.winners,
            results_live: self.results_live != 0,
            ideas: self.ideas,
            demo: self.demo != 0,
            version: self.version,
        }
    }
}

/// Every fair, drafts too, newest first (for moderators).
pub async fn all_fairs(state: &AppState) -> ApiResult<Vec<Fair>> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!("{SELECT_FAIR} 1 = 1 ORDER BY f.id DESC"))
        .fetch_all(&state.db)
        .await?;
    Ok(rows.into_iter().map(FairRow::into_fair).collect())
}

/// Every fair past its draft, newest first.
#[utoipa::path(get, path = "/api/v1/fairs", responses((status = 200, body = Vec<Fair>)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<Fair>>> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!(
        "{SELECT_FAIR} f.phase <> 'draft' ORDER BY f.id DESC"
    ))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(rows.into_iter().map(FairRow::into_fair).collect()))
}

/// A fair the public may see: any past its draft.
pub async fn fetch_fair(state: &AppState, id: i64) -> ApiResult<Fair> {
    let fair = fetch_any_fair(state, id).await?;
    if fair.phase == FairPhase::Draft {
        return Err(ApiError::not_found("this fair"));
    }
    Ok(fair)
}

/// A fair in any phase, drafts too (for moderators).
pub async fn fetch_any_fair(state: &AppState, id: i64) -> ApiResult<Fair> {
    let row: FairRow = sqlx::query_as(&format!("{SELECT_FAIR} f.id = $1"))
        .bind(id)
        .fetch_optional(&state.db)
        .await?
        .ok_or_else(|| ApiError::not_found("this fair"))?;
    Ok(row.into_fair())
}

#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = Fair), (status = 404, body = Problem))
)]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Fair>> {
    Ok(Json(fetch_fair(&state, id).await?))
}

#[derive(sqlx::FromRow)]
struct IdeaRow {
    id: i64,
    fair_id: i64,
    ngo_id: Option<i64>,
    ngo_kk: Option<String>,
    ngo_ru: Option<String>,
    ngo_en: Option<String>,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    summary_kk: String,
    summary_ru: Option<String>,
    summary_en: Option<String>,
    description_kk: String,
    description_ru: Option<String>,
    description_en: Option<String>,
    district: Option<String>,
    budget_kzt: i64,
    sponsor: Option<String>,
    sponsor_amount_kzt: Option<i64>,
    memorandum_signed: i64,
    demo: i64,
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
    let fair = fetch_fair(&state, id).await?;
    let rows: Vec<IdeaRow> = sqlx::query_as(
        "SELECT i.id, i.fair_id, i.ngo_id, n.name_kk AS ngo_kk, n.name_ru AS ngo_ru, n.name_en AS ngo_en, \
         i.title_kk, i.title_ru, i.title_en, i.summary_kk, i.summary_ru, i.summary_en, \
         i.description_kk, i.description_ru, i.description_en, i.district, \
         i.budget_kzt, i.sponsor, i.sponsor_amount_kzt, i.memorandum_signed, i.demo \
         FROM ideas i LEFT JOIN ngos n ON n.id = i.ngo_id \
         WHERE i.fair_id = $1 AND i.moderation = 'approved' ORDER BY i.id LIMIT $2 OFFSET $3",
    )
    .bind(id)
    .bind(i64::from(paging.per_page))
    .bind(paging.offset())
    .fetch_all(&state.db)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut directions = directions_of(&state.db, "idea_directions", "idea_id", &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| Idea {
            id: r.id,
            fair_id: r.fair_id,
            ngo_id: r.ngo_id,
            ngo_name: r.ngo_kk.map(|kk| text(kk, r.ngo_ru, r.ngo_en)),
            title: text(r.title_kk, r.title_ru, r.title_en),
            summary: text(r.summary_kk, r.summary_ru, r.summary_en),
            description: text(r.description_kk, r.description_ru, r.description_en),
            district: r.district,
            budget_kzt: r.budget_kzt,
            directions: directions.remove(&r.id).unwrap_or_default(),
            funding: r.sponsor.map(|sponsor| IdeaFunding {
                sponsor,
                amount_kzt: r.sponsor_amount_kzt.unwrap_or(0),
                memorandum_signed: r.memorandum_signed != 0,
            }),
            demo: r.demo != 0,
        })
        .collect();
    Ok(Json(Page {
        items,
        total: fair.ideas,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

#[derive(sqlx::FromRow)]
struct VotesRow {
    id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    votes: i64,
}

/// A fair's ranking, counted from its stored ballots. Ideas with equal votes share
/// a rank; an idea with votes whose rank is within `winners` wins, so a tie at the
/// last winning place makes every tied idea a winner.
pub async fn compute_results(state: &AppState, fair: &Fair) -> ApiResult<FairResults> {
    if !fair.results_live && fair.phase != FairPhase::Closed {
        return Err(ApiError::new(
            409,
            "results-not-published",
            "Results not published yet",
            "this fair publishes its results when voting closes",
        ));
    }
    let rows: Vec<VotesRow> = sqlx::query_as(
        "SELECT i.id, i.title_kk, i.title_ru, i.title_en, \
         (SELECT COUNT(*) FROM ballot_ideas b WHERE b.idea_id = i.id) AS votes \
         FROM ideas i WHERE i.fair_id = $1 AND i.moderation = 'approved' ORDER BY votes DESC, i.id",
    )
    .bind(fair.id)
    .fetch_all(&state.db)
    .await?;
    let (ballots,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ballots WHERE fair_id = $1")
        .bind(fair.id)
        .fetch_one(&state.db)
        .await?;
    let mut items: Vec<ResultRow> = Vec::with_capacity(rows.len());
    for (position, row) in rows.into_iter().enumerate() {
        let votes = row.votes;
        let rank = match items.last() {
            Some(previous) if previous.votes == votes => previous.rank,
            _ => position as i64 + 1,
        };
        items.push(ResultRow {
            rank,
            idea_id: row.id,
            title: text(row.title_kk, row.title_ru, row.title_en),
            votes,
            winner: votes > 0 && rank <= fair.winners,
        });
    }
    Ok(FairResults {
        fair_id: fair.id,
        ballots,
        winners: fair.winners,
        items,
    })
}

/// The ranking of a fair's ideas by votes, live or once voting closes.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/results",
    params(("id" = i64, Path)),
    responses((status = 200, body = FairResults), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn results(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<FairResults>> {
    let fair = fetch_fair(&state, id).await?;
    Ok(Json(compute_results(&state, &fair).await?))
}

/// The same ranking as CSV.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/results.csv",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn results_csv(State(state): State<AppState>, Id(id): Id) -> ApiResult<Response> {
    let fair = fetch_fair(&state, id).await?;
    let results = compute_results(&state, &fair).await?;
    let mut out = csv_writer(&[
        "rank", "idea_id", "title_kk", "title_ru", "title_en", "votes", "winner",
    ]);
    for r in &results.items {
        out.row([
            r.rank.to_string(),
            r.idea_id.to_string(),
            cell(&r.title.kk),
            cell(r.title.ru.as_deref().unwrap_or("")),
            cell(r.title.en.as_deref().unwrap_or("")),
            r.votes.to_string(),
            r.winner.to_string(),
        ]);
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
    let fair = fetch_fair(&state, id).await?;
    if fair.phase != FairPhase::Submission {
        return Err(ApiError::new(
            409,
            "not-taking-ideas",
            "Not taking ideas",
            "this fair is not taking ideas now",
        ));
    }
    validate::idea(&idea).map_err(Problem::invalid)?;
    if let Some(district) = &idea.district {
        known_slug(&state.db, "districts", "district", district).await?;
    }
    for direction in &idea.directions {
        known_slug(&state.db, "directions", "directions", direction).await?;
    }
    let ngo_id = match author {
        Author::Ngo(ngo) => Some(ngo),
        Author::Voter => None,
    };
    let submitted_at = now();
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut tx = state.writer.begin().await?;
    let (idea_id,): (i64,) = sqlx::query_as(
        "INSERT INTO ideas (fair_id, ngo_id, title_kk, title_ru, title_en, summary_kk, summary_ru, summary_en, \
         description_kk, description_ru, description_en, district, budget_kzt, moderation, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14) RETURNING id",
    )
    .bind(fair.id)
    .bind(ngo_id)
    .bind(idea.title.kk.trim())
    .bind(blank(&idea.title.ru))
    .bind(blank(&idea.title.en))
    .bind(idea.summary.kk.trim())
    .bind(blank(&idea.summary.ru))
    .bind(blank(&idea.summary.en))
    .bind(idea.description.kk.trim())
    .bind(blank(&idea.description.ru))
    .bind(blank(&idea.description.en))
    .bind(idea.district.as_deref())
    .bind(idea.budget_kzt)
    .bind(&submitted_at)
    .fetch_one(&mut *tx)
    .await?;
    for direction in &idea.directions {
        sqlx::query("INSERT INTO idea_directions (idea_id, direction) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(idea_id)
            .bind(direction.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
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
