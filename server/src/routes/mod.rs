//! The public JSON API under `/api/v1`, one module per resource.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod ballot_box;
pub mod ballots;
pub mod export;
pub mod fairs;
pub mod initiatives;
pub mod meta;
pub mod ngos;
pub mod paper;
pub mod rolls;
pub mod stats;
pub mod voters;

use crate::error::{ApiError, ApiResult};
use crate::keys::Keys;
use crate::store::Db;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::routing::{get, post};
use axum::Router;
use bastama_model::{Kind, MapConfig, Reason};
use std::sync::Arc;
use tokio::sync::Notify;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub keys: Arc<Keys>,
    /// Wakes the SMS sender when a text is queued in the outbox.
    pub outbox: Arc<Notify>,
    /// Code requests and checks allowed per client address in 10 minutes.
    pub client_limit: i64,
    /// The region's SMS budget: codes sent per hour, all servers together.
    pub sms_per_hour: i64,
    /// Asked whether a phone is registered to an IIN, when configured.
    pub identity: Option<Arc<crate::identity::Identity>>,
    /// Reverse proxies whose forwarding headers name the client.
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// Where the map's tiles come from.
    pub map: Arc<MapConfig>,
}

pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(meta::health))
        .route("/openapi.json", get(meta::openapi))
        .route("/districts", get(meta::districts))
        .route("/directions", get(meta::directions))
        .route("/stats", get(stats::stats))
        .route("/ngos", get(ngos::list))
        .route("/ngos/register", post(ngos::register))
        .route("/ngos/{id}", get(ngos::one).patch(ngos::update))
        .route("/ngos/{id}/logo", get(ngos::logo).put(ngos::put_logo))
        .route(
            "/initiatives",
            get(initiatives::list).post(initiatives::create),
        )
        .route(
            "/initiatives/{id}",
            get(initiatives::one).patch(initiatives::update),
        )
        .route("/map", get(meta::map))
        .route("/fairs", get(fairs::list))
        .route("/fairs/{id}", get(fairs::one))
        .route(
            "/fairs/{id}/ideas",
            get(fairs::ideas).post(fairs::submit_idea),
        )
        .route("/fairs/{id}/results", get(fairs::results))
        .route("/fairs/{id}/eligibility", post(rolls::eligibility))
        .route(
            "/fairs/{id}/ballot",
            get(ballots::get_ballot).put(ballots::put_ballot),
        )
        .route("/fairs/{id}/receipts/{code}", get(ballots::check_receipt))
        .route("/fairs/{id}/box", get(ballot_box::head))
        .route("/fairs/{id}/ballots.json", get(ballot_box::ballots_json))
        .route("/fairs/{id}/ballots.csv", get(ballot_box::ballots_csv))
        .route("/fairs/{id}/protocol", get(ballot_box::protocol))
        .route("/fairs/{id}/paper-ballots", post(paper::enter))
        .route("/paper-ballots", get(paper::entered))
        .route("/paper-ballots/{id}/void", post(paper::void))
        .route(
            "/admin/stations",
            get(paper::list_stations).post(paper::create_station),
        )
        .route("/admin/registrars", post(paper::create_registrar))
        .route("/admin/fairs/{id}/voids", get(paper::voids))
        .route("/auth/login", post(accounts::login))
        .route("/auth/logout", post(accounts::logout))
        .route("/me", get(accounts::me))
        .route("/admin/queue", get(admin::queue))
        .route("/admin/audit", get(audit::list))
        .route("/admin/audit.csv", get(audit::csv))
        .route("/audit", get(audit::public))
        .route(
            "/admin/fairs",
            get(admin::list_fairs).post(admin::create_fair),
        )
        .route(
            "/admin/fairs/{id}",
            axum::routing::patch(admin::change_fair),
        )
        .route(
            "/admin/fairs/{id}/roll",
            axum::routing::put(rolls::put_roll),
        )
        .route("/admin/ngos/{id}/approve", post(admin::approve_ngo))
        .route("/admin/ngos/{id}/reject", post(admin::reject_ngo))
        .route(
            "/admin/initiatives/{id}/approve",
            post(admin::approve_initiative),
        )
        .route(
            "/admin/initiatives/{id}/reject",
            post(admin::reject_initiative),
        )
        .route("/admin/ideas/{id}/approve", post(admin::approve_idea))
        .route("/admin/ideas/{id}/reject", post(admin::reject_idea))
        .route(
            "/admin/ideas/{id}/funding",
            axum::routing::put(admin::set_funding),
        )
        .route("/voters/otp", post(voters::request_code))
        .route("/voters/verify", post(voters::verify))
        .route("/fairs/{id}/results.csv", get(fairs::results_csv))
        .route("/export/ngos.csv", get(export::ngos_csv))
        .route("/export/initiatives.csv", get(export::initiatives_csv))
        .route(
            "/export/initiatives.geojson",
            get(export::initiatives_geojson),
        )
}

/// A numeric id from the path; anything else names no resource, so it is a 404.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found("this resource"))?;
        raw.parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Id)
            .ok_or_else(|| ApiError::not_found("this resource"))
    }
}

/// The version an `If-Match: "<version>"` header names: the one the writer started from.
pub fn if_match(headers: &HeaderMap) -> ApiResult<i64> {
    let raw = headers.get(header::IF_MATCH).ok_or_else(|| {
        ApiError::new(
            Kind::PreconditionRequired,
            "send If-Match with the version you changed",
        )
    })?;
    raw.to_str()
        .ok()
        .and_then(|v| {
            v.trim()
                .trim_start_matches("W/")
                .trim_matches('"')
                .parse()
                .ok()
        })
        .ok_or_else(|| {
            ApiError::invalid(
                "If-Match",
                Reason::Format,
                "must be the record's version, like \"3\"",
            )
        })
}

/// The answer to a write that started from a version someone else has since replaced.
pub fn changed_meanwhile(what: &str) -> ApiError {
    ApiError::new(
        Kind::ChangedMeanwhile,
        format!("someone changed {what} since that version; reload it and try again"),
    )
}
