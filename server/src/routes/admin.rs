//! Moderation: fairs and their phases, and the queue of ideas to approve or reject.

use super::fairs::fetch_any_fair;
use super::{changed_meanwhile, if_match, text, AppState, Id};
use crate::auth::Moderator;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::seed::now;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use bastama_model::{
    validate, Fair, FairChange, FairPhase, FieldError, FundingChange, NewFair, PendingIdea,
    PendingNgo, Problem, Queue, Rejection,
};

/// Every fair, drafts too, newest first.
#[utoipa::path(get, path = "/api/v1/admin/fairs", security(("account" = [])), responses((status = 200, body = Vec<Fair>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list_fairs(
    State(state): State<AppState>,
    _moderator: Moderator,
) -> ApiResult<Json<Vec<Fair>>> {
    Ok(Json(super::fairs::all_fairs(&state).await?))
}

/// Records (or clears) the funding an approved idea found: sponsor, amount, memorandum.
#[utoipa::path(
    put,
    path = "/api/v1/admin/ideas/{id}/funding",
    params(("id" = i64, Path)),
    request_body = FundingChange,
    security(("account" = [])),
    responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem))
)]
pub async fn set_funding(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
    JsonBody(change): JsonBody<FundingChange>,
) -> ApiResult<StatusCode> {
    if let Some(funding) = &change.funding {
        let mut errors = Vec::new();
        if let Err(e) =
            validate::text_length("funding.sponsor", &funding.sponsor, validate::limits::NAME)
        {
            errors.push(e);
        }
        if !(1..=100_000_000_000).contains(&funding.amount_kzt) {
            errors.push(FieldError::new(
                "funding.amount_kzt",
                "range",
                "must be from 1 to 100 000 000 000 tenge",
            ));
        }
        if !errors.is_empty() {
            return Err(Problem::invalid(errors).into());
        }
    }
    let updated = sqlx::query(
        "UPDATE ideas SET sponsor = $1, sponsor_amount_kzt = $2, memorandum_signed = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND moderation = 'approved'",
    )
    .bind(change.funding.as_ref().map(|f| f.sponsor.trim().to_owned()))
    .bind(change.funding.as_ref().map(|f| f.amount_kzt))
    .bind(i64::from(change.funding.as_ref().is_some_and(|f| f.memorandum_signed)))
    .bind(now())
    .bind(id)
    .execute(&state.writer)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::not_found("an approved idea with this id"));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Opens a new fair in its draft phase.
#[utoipa::path(
    post,
    path = "/api/v1/admin/fairs",
    request_body = NewFair,
    security(("account" = [])),
    responses((status = 201, body = Fair), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem))
)]
pub async fn create_fair(
    State(state): State<AppState>,
    _moderator: Moderator,
    JsonBody(fair): JsonBody<NewFair>,
) -> ApiResult<(StatusCode, Json<Fair>)> {
    let mut errors = validate::fair_settings(fair.votes_per_voter, fair.winners)
        .err()
        .unwrap_or_default();
    if let Err(e) = validate::text_length("title.kk", &fair.title.kk, validate::limits::TITLE) {
        errors.insert(0, e);
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors).into());
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO fairs (title_kk, title_ru, title_en, description_kk, description_ru, description_en, \
         phase, votes_per_voter, winners, results_live, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10) RETURNING id",
    )
    .bind(fair.title.kk.trim())
    .bind(fair.title.ru.as_deref())
    .bind(fair.title.en.as_deref())
    .bind(fair.description.kk.trim())
    .bind(fair.description.ru.as_deref())
    .bind(fair.description.en.as_deref())
    .bind(fair.votes_per_voter.unwrap_or(3))
    .bind(fair.winners.unwrap_or(10))
    .bind(i64::from(fair.results_live.unwrap_or(true)))
    .bind(now())
    .fetch_one(&state.db)
    .await?;
    Ok((StatusCode::CREATED, Json(fetch_any_fair(&state, id).await?)))
}

/// Changes a fair's settings or moves it to a later phase. The server's clock
/// stamps the phase changes: voting opens now, and closing ends it now.
#[utoipa::path(
    patch,
    path = "/api/v1/admin/fairs/{id}",
    params(("id" = i64, Path), ("If-Match" = String, Header, description = "the fair's version, quoted")),
    request_body = FairChange,
    security(("account" = [])),
    responses(
        (status = 200, body = Fair),
        (status = 400, body = Problem),
        (status = 404, body = Problem),
        (status = 412, body = Problem, description = "someone changed the fair since that version"),
        (status = 428, body = Problem),
    )
)]
pub async fn change_fair(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(change): JsonBody<FairChange>,
) -> ApiResult<Json<Fair>> {
    let version = if_match(&headers)?;
    let fair = fetch_any_fair(&state, id).await?;
    let mut errors = validate::fair_settings(change.votes_per_voter, change.winners)
        .err()
        .unwrap_or_default();
    let order = |p: FairPhase| FairPhase::ALL.iter().position(|q| *q == p);
    if change.phase.is_some_and(|p| order(p) < order(fair.phase)) {
        errors.push(FieldError::new(
            "phase",
            "backwards",
            "a fair's phase only moves forward",
        ));
    }
    let now = now();
    if change
        .voting_ends_at
        .as_deref()
        .is_some_and(|end| !is_timestamp(end) || end <= now.as_str())
    {
        errors.push(FieldError::new(
            "voting_ends_at",
            "time",
            "must be a future time, RFC 3339 UTC",
        ));
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors).into());
    }
    let entering = change.phase.filter(|p| *p != fair.phase);
    let submission_starts_at = match entering {
        Some(FairPhase::Submission) => Some(now.clone()),
        _ => fair.submission_starts_at,
    };
    let voting_starts_at = match entering {
        Some(FairPhase::Voting) => Some(now.clone()),
        _ => fair.voting_starts_at,
    };
    let voting_ends_at = match entering {
        Some(FairPhase::Closed) => Some(now.clone()),
        _ => change.voting_ends_at.or(fair.voting_ends_at),
    };
    let updated = sqlx::query(
        "UPDATE fairs SET phase = $1, votes_per_voter = $2, winners = $3, results_live = $4, \
         submission_starts_at = $5, voting_starts_at = $6, voting_ends_at = $7, updated_at = $8, \
         version = version + 1 WHERE id = $9 AND version = $10",
    )
    .bind(change.phase.unwrap_or(fair.phase).code())
    .bind(change.votes_per_voter.unwrap_or(fair.votes_per_voter))
    .bind(change.winners.unwrap_or(fair.winners))
    .bind(i64::from(change.results_live.unwrap_or(fair.results_live)))
    .bind(submission_starts_at)
    .bind(voting_starts_at)
    .bind(voting_ends_at)
    .bind(&now)
    .bind(id)
    .bind(version)
    .execute(&state.writer)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(changed_meanwhile("this fair"));
    }
    Ok(Json(fetch_any_fair(&state, id).await?))
}

/// True for `YYYY-MM-DDTHH:MM:SSZ`, the form the server keeps.
fn is_timestamp(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
        && s.len() == 20
        && s.ends_with('Z')
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    id: i64,
    fair_id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    summary_kk: String,
    summary_ru: Option<String>,
    summary_en: Option<String>,
    budget_kzt: i64,
    updated_at: String,
}

#[derive(sqlx::FromRow)]
struct PendingNgoRow {
    id: i64,
    bin: String,
    name_kk: String,
    name_ru: Option<String>,
    name_en: Option<String>,
    legal_form: String,
    registered_on: String,
    district: String,
    email: String,
    updated_at: String,
}

/// What waits for a moderator, oldest first.
#[utoipa::path(get, path = "/api/v1/admin/queue", security(("account" = [])), responses((status = 200, body = Queue), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn queue(State(state): State<AppState>, _moderator: Moderator) -> ApiResult<Json<Queue>> {
    let rows: Vec<PendingRow> = sqlx::query_as(
        "SELECT id, fair_id, title_kk, title_ru, title_en, summary_kk, summary_ru, summary_en, budget_kzt, updated_at \
         FROM ideas WHERE moderation = 'pending' ORDER BY id",
    )
    .fetch_all(&state.db)
    .await?;
    let ngos: Vec<PendingNgoRow> = sqlx::query_as(
        "SELECT n.id, n.bin, n.name_kk, n.name_ru, n.name_en, n.legal_form, n.registered_on, n.district, \
         a.email, n.updated_at FROM ngos n JOIN accounts a ON a.ngo_id = n.id \
         WHERE n.status = 'pending' ORDER BY n.id",
    )
    .fetch_all(&state.db)
    .await?;
    let initiatives = super::initiatives::pending(&state.db).await?;
    Ok(Json(Queue {
        initiatives,
        ngos: ngos
            .into_iter()
            .map(|r| PendingNgo {
                id: r.id,
                bin: r.bin,
                name: text(r.name_kk, r.name_ru, r.name_en),
                legal_form: r.legal_form,
                registered_on: r.registered_on,
                district: r.district,
                email: r.email,
                submitted_at: r.updated_at,
            })
            .collect(),
        ideas: rows
            .into_iter()
            .map(|r| PendingIdea {
                id: r.id,
                fair_id: r.fair_id,
                title: text(r.title_kk, r.title_ru, r.title_en),
                summary: text(r.summary_kk, r.summary_ru, r.summary_en),
                budget_kzt: r.budget_kzt,
                submitted_at: r.updated_at,
            })
            .collect(),
    }))
}

async fn decide(
    state: &AppState,
    id: i64,
    moderation: &str,
    reason: Option<&str>,
) -> ApiResult<StatusCode> {
    let query = sqlx::query(
        "UPDATE ideas SET moderation = $1, rejection_reason = $2, updated_at = $3, version = version + 1 \
         WHERE id = $4 AND moderation = 'pending'",
    )
    .bind(moderation)
    .bind(reason)
    .bind(now())
    .bind(id);
    decided(query, state, "a pending idea with this id").await
}

/// Runs a moderator's decision on one pending record; 404 when none was pending.
async fn decided<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    state: &AppState,
    what: &str,
) -> ApiResult<StatusCode> {
    if query.execute(&state.writer).await?.rows_affected() == 0 {
        return Err(ApiError::not_found(what));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The reason a rejection gives, checked.
fn reason(rejection: &Rejection) -> ApiResult<&str> {
    validate::text_length("reason", &rejection.reason, (3, 1000))?;
    Ok(rejection.reason.trim())
}

#[utoipa::path(post, path = "/api/v1/admin/ideas/{id}/approve", params(("id" = i64, Path)), security(("account" = [])), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn approve_idea(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    decide(&state, id, "approved", None).await
}

#[utoipa::path(post, path = "/api/v1/admin/ideas/{id}/reject", params(("id" = i64, Path)), request_body = Rejection, security(("account" = [])), responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reject_idea(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
    JsonBody(rejection): JsonBody<Rejection>,
) -> ApiResult<StatusCode> {
    decide(&state, id, "rejected", Some(reason(&rejection)?)).await
}

/// Approves or rejects a pending NGO; an approved NGO is public, verified, and may sign in.
async fn decide_ngo(
    state: &AppState,
    id: i64,
    status: &str,
    reason: Option<&str>,
) -> ApiResult<StatusCode> {
    let query = sqlx::query(
        "UPDATE ngos SET status = $1, verified = $2, rejection_reason = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND status = 'pending'",
    )
    .bind(status)
    .bind(i64::from(status == "approved"))
    .bind(reason)
    .bind(now())
    .bind(id);
    decided(query, state, "a pending NGO with this id").await
}

#[utoipa::path(post, path = "/api/v1/admin/ngos/{id}/approve", params(("id" = i64, Path)), security(("account" = [])), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn approve_ngo(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    decide_ngo(&state, id, "approved", None).await
}

#[utoipa::path(post, path = "/api/v1/admin/ngos/{id}/reject", params(("id" = i64, Path)), request_body = Rejection, security(("account" = [])), responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reject_ngo(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
    JsonBody(rejection): JsonBody<Rejection>,
) -> ApiResult<StatusCode> {
    decide_ngo(&state, id, "rejected", Some(reason(&rejection)?)).await
}

/// Publishes or rejects a pending initiative.
async fn decide_initiative(state: &AppState, id: i64, moderation: &str) -> ApiResult<StatusCode> {
    let query = sqlx::query(
        "UPDATE initiatives SET moderation = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND moderation = 'pending'",
    )
    .bind(moderation)
    .bind(now())
    .bind(id);
    decided(query, state, "a pending initiative with this id").await
}

#[utoipa::path(post, path = "/api/v1/admin/initiatives/{id}/approve", params(("id" = i64, Path)), security(("account" = [])), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn approve_initiative(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    decide_initiative(&state, id, "published").await
}

#[utoipa::path(post, path = "/api/v1/admin/initiatives/{id}/reject", params(("id" = i64, Path)), request_body = Rejection, security(("account" = [])), responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reject_initiative(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
    JsonBody(rejection): JsonBody<Rejection>,
) -> ApiResult<StatusCode> {
    reason(&rejection)?;
    decide_initiative(&state, id, "rejected").await
}
