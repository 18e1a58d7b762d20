//! Social initiatives: events, small projects, trainings, contests and seminars.

use super::{changed_meanwhile, if_match, AppState, Id};
use crate::auth::SignedIn;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::store::{initiatives, known_slug, Actor, Db, Vocabulary};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use bastama_model::{validate, Initiative, InitiativeForm, InitiativeQuery, Page, Problem, Role};

/// Published initiatives matching the filters, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/initiatives",
    params(
        InitiativeQuery,
        ("page" = Option<u32>, Query, minimum = 1),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200),
    ),
    responses((status = 200, body = Page<Initiative>), (status = 400, body = Problem))
)]
pub async fn list(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Page<Initiative>>> {
    let paging = params.paging()?;
    let filters = params.initiative_query(&state.db).await?;
    let total = initiatives::count(&state.db, &filters).await?;
    let items = initiatives::fetch(&state.db, &filters, Some(paging)).await?;
    Ok(Json(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

/// One published initiative.
#[utoipa::path(
    get,
    path = "/api/v1/initiatives/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 404, body = Problem))
)]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Initiative>> {
    Ok(Json(initiatives::published(&state.db, id).await?))
}

/// Checks an initiative's form, the district against the database too.
async fn checked(db: &Db, form: &InitiativeForm) -> ApiResult<()> {
    validate::initiative(form).map_err(Problem::invalid)?;
    known_slug(db, Vocabulary::Districts, "district", &form.district).await
}

/// An NGO adds an initiative of its own; it is published once a moderator approves it.
#[utoipa::path(
    post,
    path = "/api/v1/initiatives",
    request_body = InitiativeForm,
    security(("account" = [])),
    responses(
        (status = 201, body = Initiative),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    JsonBody(form): JsonBody<InitiativeForm>,
) -> ApiResult<(StatusCode, Json<Initiative>)> {
    let Some(ngo_id) = account.ngo_id.filter(|_| account.role == Role::Ngo) else {
        return Err(ApiError::forbidden("initiatives come from NGOs' accounts"));
    };
    checked(&state.db, &form).await?;
    let id = initiatives::create(&state.db, Actor::of(&account), ngo_id, &form).await?;
    Ok((
        StatusCode::CREATED,
        Json(initiatives::any(&state.db, id).await?),
    ))
}

/// Changes an initiative, if it is still at the version the editor started
/// from. An NGO's change goes back to the moderators before it is public again.
#[utoipa::path(
    patch,
    path = "/api/v1/initiatives/{id}",
    params(("id" = i64, Path), ("If-Match" = String, Header, description = "the initiative's version, quoted")),
    request_body = InitiativeForm,
    security(("account" = [])),
    responses(
        (status = 200, body = Initiative),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 412, body = Problem),
        (status = 428, body = Problem),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(form): JsonBody<InitiativeForm>,
) -> ApiResult<Json<Initiative>> {
    let owner = initiatives::owner(&state.db, id).await?;
    let moderator = account.role == Role::Moderator;
    if !moderator && (owner.is_none() || account.ngo_id != owner) {
        return Err(ApiError::forbidden(
            "an NGO's account edits only its own initiatives",
        ));
    }
    let version = if_match(&headers)?;
    checked(&state.db, &form).await?;
    if !initiatives::update(
        &state.db,
        Actor::of(&account),
        id,
        version,
        &form,
        moderator,
    )
    .await?
    {
        return Err(changed_meanwhile("this initiative"));
    }
    Ok(Json(initiatives::any(&state.db, id).await?))
}
