//! The NGO directory and public profiles.

use super::{changed_meanwhile, if_match, AppState, Id};
use crate::auth::SignedIn;
use crate::body::Checked;
use crate::client::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::password;
use crate::store::limits::{self, Limit};
use crate::store::{known_slug, ngos, Actor, Vocabulary};
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bastama_model::{
    Account, Kind, Ngo, NgoProfile, NgoQuery, NgoRegistration, NgoSummary, Page, Problem,
    ProfileChange, Reason, Registered, Registration, Review, Role,
};

/// The public NGOs matching the filters, by name.
#[utoipa::path(
    get,
    path = "/api/v1/ngos",
    params(
        NgoQuery,
        ("page" = Option<u32>, Query, minimum = 1),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200),
    ),
    responses((status = 200, body = Page<NgoSummary>), (status = 400, body = Problem))
)]
pub async fn list(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Page<NgoSummary>>> {
    let paging = params.paging()?;
    let query = params.ngo_query(&state.db).await?;
    Ok(Json(ngos::page(&state.db, &query, paging).await?))
}

/// One NGO's public profile.
#[utoipa::path(
    get,
    path = "/api/v1/ngos/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = Ngo), (status = 404, body = Problem))
)]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Ngo>> {
    Ok(Json(ngos::approved(&state.db, id).await?))
}

const REGISTRATIONS_PER_CLIENT: Limit = Limit {
    name: "register-client",
    max: 10,
    window: 3600,
};

/// The largest logo, in bytes.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// An NGO applies for an account. Its profile stays hidden, and it cannot sign
/// in, until a moderator approves it.
#[utoipa::path(
    post,
    path = "/api/v1/ngos/register",
    request_body = NgoRegistration,
    responses(
        (status = 201, body = Registered),
        (status = 400, body = Problem),
        (status = 409, body = Problem, description = "the BIN or the e-mail is already registered"),
        (status = 429, body = Problem),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Checked(form): Checked<Registration>,
) -> ApiResult<(StatusCode, Json<Registered>)> {
    limits::hit(
        &state.db,
        REGISTRATIONS_PER_CLIENT,
        &limits::client(&state.keys, &client),
    )
    .await?;
    known_slug(&state.db, Vocabulary::Districts, "district", &form.district).await?;
    let email = form.email.to_lowercase();
    ngos::check_free(&state.db, &form.bin, &email).await?;
    let password_hash = password::hash(form.password.clone())
        .await
        .map_err(|_| ApiError::new(Kind::Unavailable, "try again"))?;
    let ngo_id = ngos::apply(
        &state.db,
        ngos::Application {
            form: &form,
            email: &email,
            password_hash,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            ngo_id,
            status: Review::Pending,
        }),
    ))
}

/// Refuses anyone but the NGO's own accounts and moderators.
fn may_edit(account: &Account, ngo_id: i64) -> ApiResult<()> {
    match account.role {
        Role::Moderator => Ok(()),
        Role::Ngo if account.ngo_id == Some(ngo_id) => Ok(()),
        Role::Ngo => Err(ApiError::forbidden(
            "an NGO's account edits only its own NGO",
        )),
        Role::Registrar => Err(ApiError::forbidden("a registrar edits no NGO")),
    }
}

/// Replaces the editable part of an NGO's profile, if it is still at the version
/// the editor started from.
#[utoipa::path(
    patch,
    path = "/api/v1/ngos/{id}",
    params(("id" = i64, Path), ("If-Match" = String, Header, description = "the profile's version, quoted")),
    request_body = NgoProfile,
    security(("account" = [])),
    responses(
        (status = 200, body = Ngo),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 412, body = Problem, description = "someone saved the profile since that version"),
        (status = 428, body = Problem),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Id(id): Id,
    headers: HeaderMap,
    Checked(profile): Checked<ProfileChange>,
) -> ApiResult<Json<Ngo>> {
    may_edit(&account, id)?;
    let version = if_match(&headers)?;
    known_slug(
        &state.db,
        Vocabulary::Districts,
        "district",
        &profile.district,
    )
    .await?;
    for direction in &profile.directions {
        known_slug(&state.db, Vocabulary::Directions, "directions", direction).await?;
    }
    if ngos::update(&state.db, Actor::of(&account), id, version, &profile)
        .await?
        .is_none()
    {
        return Err(changed_meanwhile("this profile"));
    }
    Ok(Json(ngos::approved(&state.db, id).await?))
}

/// Replaces an NGO's logo: a PNG, JPEG or WebP image, judged by its bytes, at most 1 MB.
#[utoipa::path(
    put,
    path = "/api/v1/ngos/{id}/logo",
    params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "image/png"),
    security(("account" = [])),
    responses(
        (status = 200, body = Ngo),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 413, body = Problem),
        (status = 415, body = Problem, description = "not a PNG, JPEG or WebP image"),
    )
)]
pub async fn put_logo(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Id(id): Id,
    request: Request,
) -> ApiResult<Json<Ngo>> {
    may_edit(&account, id)?;
    let bytes = to_bytes(request.into_body(), MAX_LOGO_BYTES)
        .await
        .map_err(|_| {
            ApiError::at_field(
                Kind::TooLarge,
                "logo",
                Reason::TooLarge {
                    max: MAX_LOGO_BYTES as i64,
                },
                "may be at most 1 MB",
            )
        })?;
    let content_type = match infer::get(&bytes).map(|kind| kind.mime_type()) {
        Some(t @ ("image/png" | "image/jpeg" | "image/webp")) => t,
        _ => {
            return Err(ApiError::at_field(
                Kind::UnsupportedMediaType,
                "logo",
                Reason::Image,
                "must be a PNG, JPEG or WebP image",
            ))
        }
    };
    ngos::approved(&state.db, id).await?;
    ngos::put_logo(
        &state.db,
        Actor::of(&account),
        id,
        content_type,
        bytes.to_vec(),
    )
    .await?;
    Ok(Json(ngos::approved(&state.db, id).await?))
}

/// An approved NGO's logo, with the content type its bytes were judged to have.
#[utoipa::path(
    get,
    path = "/api/v1/ngos/{id}/logo",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/png"), (status = 404, body = Problem))
)]
pub async fn logo(State(state): State<AppState>, Id(id): Id) -> ApiResult<Response> {
    let (content_type, bytes) = ngos::logo(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("this NGO's logo"))?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400".to_owned()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}
