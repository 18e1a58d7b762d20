//! Paper ballots at stations: moderators open stations and give them
//! registrars; a registrar enters the ballots of citizens who vote on paper,
//! one per IIN per fair across paper and the web, and may void one entered by
//! mistake within ten minutes. No registrar can read a ballot's ideas back.

use super::ballots::{may_cast, unknown_ideas, voted_before};
use super::{AppState, Id};
use crate::auth::{Moderator, Registrar};
use crate::body::{Checked, JsonBody};
use crate::error::{ApiError, ApiResult};
use crate::password;
use crate::store::ballots::{self, Entering, Sealed, Voiding};
use crate::store::{fairs, known_slug, now, stations, Actor, Vocabulary};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use bastama_model::{
    validate, Kind, NewStation, PaperBallot, PaperBallotClaim, Problem, RegistrarAccount, Station,
    VoidRequest, VoidedBallot,
};
use time::OffsetDateTime;

/// Every station.
#[utoipa::path(
    get,
    path = "/api/v1/admin/stations",
    security(("account" = [])),
    responses((status = 200, body = [Station]), (status = 401, body = Problem), (status = 403, body = Problem))
)]
pub async fn list_stations(
    State(state): State<AppState>,
    _moderator: Moderator,
) -> ApiResult<Json<Vec<Station>>> {
    Ok(Json(stations::all(&state.db).await?))
}

/// Opens a station in a district.
#[utoipa::path(
    post,
    path = "/api/v1/admin/stations",
    request_body = NewStation,
    security(("account" = [])),
    responses((status = 201, body = Station), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem))
)]
pub async fn create_station(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Checked(station): Checked<NewStation>,
) -> ApiResult<(StatusCode, Json<Station>)> {
    known_slug(
        &state.db,
        Vocabulary::Districts,
        "district",
        &station.district,
    )
    .await?;
    let id = stations::create(&state.db, Actor::of(&moderator), &station).await?;
    Ok((
        StatusCode::CREATED,
        Json(Station {
            id,
            name: station.name,
            district: station.district,
        }),
    ))
}

/// Creates a registrar's account at a station, with the password the
/// moderator hands over; the registrar signs in with it.
#[utoipa::path(
    post,
    path = "/api/v1/admin/registrars",
    request_body = bastama_model::NewRegistrar,
    security(("account" = [])),
    responses(
        (status = 201, body = bastama_model::Account),
        (status = 400, body = Problem, description = "a bad e-mail or a weak password, or an unknown station"),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 409, body = Problem, description = "an account with this e-mail exists"),
    )
)]
pub async fn create_registrar(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Checked(registrar): Checked<RegistrarAccount>,
) -> ApiResult<(StatusCode, Json<bastama_model::Account>)> {
    let RegistrarAccount {
        email,
        password,
        station_id,
    } = registrar;
    let email = email.to_lowercase();
    let hash = password::hash(password)
        .await
        .map_err(|_| ApiError::new(Kind::Unavailable, "try again"))?;
    let account = stations::create_registrar(
        &state.db,
        Actor::of(&moderator),
        (&email, &hash),
        station_id,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// Enters a paper ballot: the IIN from the voter's ID card and the ideas they
/// marked. Refused when the IIN has voted in this fair, on paper or online,
/// saying when and how (never what).
#[utoipa::path(
    post,
    path = "/api/v1/fairs/{id}/paper-ballots",
    params(("id" = i64, Path)),
    request_body = bastama_model::PaperBallotRequest,
    security(("account" = [])),
    responses(
        (status = 201, body = PaperBallot),
        (status = 400, body = Problem, description = "a bad IIN, or too many, repeated, unknown or unapproved ideas"),
        (status = 401, body = Problem),
        (status = 403, body = Problem, description = "not a registrar, or the IIN is not on the fair's voter roll"),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "voting is not open, or this IIN voted already (`voted-online` or `voted-on-paper`, with `voted_at`)"),
    )
)]
pub async fn enter(
    State(state): State<AppState>,
    Registrar(registrar): Registrar,
    Id(id): Id,
    Checked(PaperBallotClaim { iin, idea_ids }): Checked<PaperBallotClaim>,
) -> ApiResult<(StatusCode, Json<PaperBallot>)> {
    let fair = fairs::public_one(&state.db, id).await?;
    let now = now();
    let voter_key = state.keys.keyed_hash("iin", &iin);
    may_cast(&state, &fair, &voter_key, &idea_ids, &now).await?;
    let (receipt, digest) = state
        .keys
        .seal_ballot(fair.id, &idea_ids, Some(registrar.station_id));
    let sealed = Sealed {
        receipt: &receipt,
        digest: &digest,
    };
    let entered = ballots::enter_paper(
        &state.db, registrar, fair.id, &voter_key, sealed, &idea_ids, &now,
    );
    match entered.await? {
        Entering::Entered(ballot) => Ok((StatusCode::CREATED, Json(ballot))),
        Entering::VotedBefore { paper, at } => Err(voted_before(paper, &at)),
        Entering::UnknownIdeas => Err(unknown_ideas()),
    }
}

/// The paper ballots this registrar entered lately, newest first, with until
/// when each may be voided; never their ideas.
#[utoipa::path(
    get,
    path = "/api/v1/paper-ballots",
    security(("account" = [])),
    responses((status = 200, body = [PaperBallot]), (status = 401, body = Problem), (status = 403, body = Problem))
)]
pub async fn entered(
    State(state): State<AppState>,
    Registrar(registrar): Registrar,
) -> ApiResult<Json<Vec<PaperBallot>>> {
    Ok(Json(
        ballots::entered_by(&state.db, registrar.account_id).await?,
    ))
}

/// Voids a paper ballot this registrar entered by mistake, within ten minutes,
/// with a reason; the voter may then vote again. Every void is kept.
#[utoipa::path(
    post,
    path = "/api/v1/paper-ballots/{id}/void",
    params(("id" = i64, Path)),
    request_body = VoidRequest,
    security(("account" = [])),
    responses(
        (status = 204),
        (status = 400, body = Problem, description = "no reason, or a reason over 500 characters"),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem, description = "no ballot this registrar entered has this id"),
        (status = 409, body = Problem, description = "entered more than ten minutes ago (`void-too-late`)"),
    )
)]
pub async fn void(
    State(state): State<AppState>,
    Registrar(registrar): Registrar,
    Id(id): Id,
    JsonBody(request): JsonBody<VoidRequest>,
) -> ApiResult<StatusCode> {
    validate::void_reason(&request.reason)?;
    let now = OffsetDateTime::now_utc();
    match ballots::void(&state.db, registrar, id, &request.reason, now).await? {
        Voiding::Voided => Ok(StatusCode::NO_CONTENT),
        Voiding::TooLate => Err(ApiError::new(
            Kind::VoidTooLate,
            "a paper ballot may be voided only in the ten minutes after it was entered",
        )),
        Voiding::NotFound => Err(ApiError::not_found(
            "a paper ballot you entered with this id",
        )),
    }
}

/// Every voided paper ballot of a fair: where, by whom, when and why.
#[utoipa::path(
    get,
    path = "/api/v1/admin/fairs/{id}/voids",
    params(("id" = i64, Path)),
    security(("account" = [])),
    responses((status = 200, body = [VoidedBallot]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem))
)]
pub async fn voids(
    State(state): State<AppState>,
    _moderator: Moderator,
    Id(id): Id,
) -> ApiResult<Json<Vec<VoidedBallot>>> {
    let fair = fairs::any(&state.db, id).await?;
    Ok(Json(ballots::voids(&state.db, fair.id).await?))
}
