//! Moderation: fairs and their phases, and the queue of ideas to approve or reject.

use super::{changed_meanwhile, if_match, AppState, Id};
use crate::auth::Moderator;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, fairs, ideas, initiatives, limits, ngos, Actor};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use bastama_model::{
    validate, Fair, FairChange, FairPhase, FieldError, FundingChange, NewFair, Problem,
    Publication, Queue, Reason, Rejection, Review, SmsBudgetSpent,
};

/// Every fair, drafts too, newest first.
#[utoipa::path(get, path = "/api/v1/admin/fairs", security(("account" = [])), responses((status = 200, body = Vec<Fair>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list_fairs(
    State(state): State<AppState>,
    _moderator: Moderator,
) -> ApiResult<Json<Vec<Fair>>> {
    Ok(Json(fairs::all(&state.db).await?))
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
    Moderator(moderator): Moderator,
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
                Reason::Range {
                    min: 1,
                    max: 100_000_000_000,
                },
                "must be from 1 to 100 000 000 000 tenge",
            ));
        }
        if !errors.is_empty() {
            return Err(Problem::invalid(errors).into());
        }
    }
    if !ideas::set_funding(
        &state.db,
        Actor::of(&moderator),
        id,
        change.funding.as_ref(),
    )
    .await?
    {
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
    Moderator(moderator): Moderator,
    JsonBody(fair): JsonBody<NewFair>,
) -> ApiResult<(StatusCode, Json<Fair>)> {
    let mut errors = validate::fair_settings(fair.votes_per_voter, fair.winners)
        .err()
        .unwrap_or_default();
    if let Err(e) = validate::text_length("title.kk", &fair.title.kk, validate::limits::TITLE) {
        errors.insert(0, e);
    }
    if let Err(e) = validate::electorate(fair.electorate, fair.districts.as_deref()) {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors).into());
    }
    known_districts(&state.db, fair.districts.as_deref().unwrap_or_default()).await?;
    let id = fairs::create(&state.db, Actor::of(&moderator), &fair).await?;
    Ok((StatusCode::CREATED, Json(fairs::any(&state.db, id).await?)))
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
    Moderator(moderator): Moderator,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(change): JsonBody<FairChange>,
) -> ApiResult<Json<Fair>> {
    let version = if_match(&headers)?;
    let fair = fairs::any(&state.db, id).await?;
    let mut errors = validate::fair_settings(change.votes_per_voter, change.winners)
        .err()
        .unwrap_or_default();
    let order = |p: FairPhase| FairPhase::ALL.iter().position(|q| *q == p);
    if change.phase.is_some_and(|p| order(p) < order(fair.phase)) {
        errors.push(FieldError::new(
            "phase",
            Reason::Backwards,
            "a fair's phase only moves forward",
        ));
    }
    let now = store::now();
    if change
        .voting_ends_at
        .as_deref()
        .is_some_and(|end| !is_timestamp(end) || end <= now.as_str())
    {
        errors.push(FieldError::new(
            "voting_ends_at",
            Reason::Time,
            "must be a future time, RFC 3339 UTC",
        ));
    }
    let electorate = change.electorate.unwrap_or(fair.electorate);
    let districts = change.districts.unwrap_or_else(|| fair.districts.clone());
    if let Err(e) = validate::electorate(Some(electorate), Some(&districts)) {
        errors.push(e);
    }
    let voting_began = matches!(fair.phase, FairPhase::Voting | FairPhase::Closed);
    let publication = change.publication.unwrap_or(fair.publication);
    if voting_began && publication != fair.publication {
        errors.push(FieldError::new(
            "publication",
            Reason::Locked,
            "what the fair publishes of its ballots is fixed once voting opens",
        ));
    }
    if voting_began && (electorate != fair.electorate || districts != fair.districts) {
        errors.push(FieldError::new(
            "electorate",
            Reason::Locked,
            "who may vote is fixed once voting opens",
        ));
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors).into());
    }
    known_districts(&state.db, &districts).await?;
    let entering = change.phase.filter(|p| *p != fair.phase);
    let submission_starts_at = match entering {
        Some(FairPhase::Submission) => Some(now.clone()),
        _ => fair.submission_starts_at.clone(),
    };
    let voting_starts_at = match entering {
        Some(FairPhase::Voting) => Some(now.clone()),
        _ => fair.voting_starts_at.clone(),
    };
    let voting_ends_at = match entering {
        Some(FairPhase::Closed) => Some(now.clone()),
        _ => change.voting_ends_at.or(fair.voting_ends_at.clone()),
    };
    let settings = fairs::Settings {
        phase: change.phase.unwrap_or(fair.phase),
        votes_per_voter: change.votes_per_voter.unwrap_or(fair.votes_per_voter),
        winners: change.winners.unwrap_or(fair.winners),
        results_live: change.results_live.unwrap_or(fair.results_live),
        publication,
        submission_starts_at,
        voting_starts_at,
        voting_ends_at,
        electorate,
        districts,
    };
    if !fairs::change(&state.db, Actor::of(&moderator), &fair, version, settings).await? {
        return Err(changed_meanwhile("this fair"));
    }
    Ok(Json(fairs::any(&state.db, id).await?))
}

/// Checks that every district a fair names exists.
async fn known_districts(db: &store::Db, districts: &[String]) -> ApiResult<()> {
    for slug in districts {
        store::known_slug(db, store::Vocabulary::Districts, "districts", slug).await?;
    }
    Ok(())
}

/// True for `YYYY-MM-DDTHH:MM:SSZ`, the form the server keeps.
fn is_timestamp(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
        && s.len() == 20
        && s.ends_with('Z')
}

/// What waits for a moderator, oldest first.
#[utoipa::path(get, path = "/api/v1/admin/queue", security(("account" = [])), responses((status = 200, body = Queue), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn queue(State(state): State<AppState>, _moderator: Moderator) -> ApiResult<Json<Queue>> {
    let budget = limits::sms_budget(state.sms_per_hour);
    Ok(Json(Queue {
        ideas: ideas::pending(&state.db).await?,
        ngos: ngos::pending(&state.db).await?,
        initiatives: initiatives::pending(&state.db).await?,
        sms_budget_spent: limits::spent(&state.db, budget, limits::REGION).await?.map(
            |renews_in| SmsBudgetSpent {
                per_hour: state.sms_per_hour,
                renews_in,
            },
        ),
    }))
}

const PENDING_IDEA: &str = "a pending idea with this id";
const PENDING_NGO: &str = "a pending NGO with this id";
const PENDING_INITIATIVE: &str = "a pending initiative with this id";

/// A decision on one pending record: 204, or 404 when none was pending.
fn decided(done: bool, what: &str) -> ApiResult<StatusCode> {
    if done {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(what))
    }
}

/// The reason a rejection gives, checked.
fn reason(rejection: &Rejection) -> ApiResult<&str> {
    validate::text_length("reason", &rejection.reason, (3, 1000))?;
    Ok(rejection.reason.trim())
}

#[utoipa::path(post, path = "/api/v1/admin/ideas/{id}/approve", params(("id" = i64, Path)), security(("account" = [])), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn approve_idea(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    let done = ideas::decide(&state.db, Actor::of(&moderator), id, Review::Approved, None).await?;
    decided(done, PENDING_IDEA)
}

#[utoipa::path(post, path = "/api/v1/admin/ideas/{id}/reject", params(("id" = i64, Path)), request_body = Rejection, security(("account" = [])), responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reject_idea(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
    JsonBody(rejection): JsonBody<Rejection>,
) -> ApiResult<StatusCode> {
    let reason = Some(reason(&rejection)?);
    let done = ideas::decide(
        &state.db,
        Actor::of(&moderator),
        id,
        Review::Rejected,
        reason,
    )
    .await?;
    decided(done, PENDING_IDEA)
}

#[utoipa::path(post, path = "/api/v1/admin/ngos/{id}/approve", params(("id" = i64, Path)), security(("account" = [])), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn approve_ngo(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    let done = ngos::decide(&state.db, Actor::of(&moderator), id, Review::Approved, None).await?;
    decided(done, PENDING_NGO)
}

#[utoipa::path(post, path = "/api/v1/admin/ngos/{id}/reject", params(("id" = i64, Path)), request_body = Rejection, security(("account" = [])), responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reject_ngo(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
    JsonBody(rejection): JsonBody<Rejection>,
) -> ApiResult<StatusCode> {
    let reason = Some(reason(&rejection)?);
    let done = ngos::decide(
        &state.db,
        Actor::of(&moderator),
        id,
        Review::Rejected,
        reason,
    )
    .await?;
    decided(done, PENDING_NGO)
}

#[utoipa::path(post, path = "/api/v1/admin/initiatives/{id}/approve", params(("id" = i64, Path)), security(("account" = [])), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn approve_initiative(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    let actor = Actor::of(&moderator);
    let done = initiatives::decide(&state.db, actor, id, Publication::Published, None).await?;
    decided(done, PENDING_INITIATIVE)
}

#[utoipa::path(post, path = "/api/v1/admin/initiatives/{id}/reject", params(("id" = i64, Path)), request_body = Rejection, security(("account" = [])), responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reject_initiative(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
    JsonBody(rejection): JsonBody<Rejection>,
) -> ApiResult<StatusCode> {
    let reason = Some(reason(&rejection)?);
    let actor = Actor::of(&moderator);
    let done = initiatives::decide(&state.db, actor, id, Publication::Rejected, reason).await?;
    decided(done, PENDING_INITIATIVE)
}
