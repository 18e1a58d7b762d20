//! The audit log: moderators read, filter and export it; the public reads the
//! decisions about one public record.

use super::export::{cell, csv_writer};
use super::AppState;
use crate::auth::Moderator;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::store::audit;
use axum::extract::State;
use axum::response::Response;
use axum::Json;
use bastama_model::{AuditPage, AuditQuery, Decision, Problem, Reason};

/// The most entries one page of the desk shows; the CSV has them all.
const PAGE: i64 = 500;

/// The entries the filters pick, newest first (at most 500), and whether the
/// whole chain holds.
#[utoipa::path(
    get,
    path = "/api/v1/admin/audit",
    params(AuditQuery),
    security(("account" = [])),
    responses((status = 200, body = AuditPage), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem))
)]
pub async fn list(
    State(state): State<AppState>,
    _moderator: Moderator,
    params: Params,
) -> ApiResult<Json<AuditPage>> {
    let query = params.audit_query()?;
    Ok(Json(AuditPage {
        entries: audit::entries(&state.db, &query, false, Some(PAGE)).await?,
        chain: audit::check(&state.db).await?,
    }))
}

/// Every entry the filters pick, as CSV, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/admin/audit.csv",
    params(AuditQuery),
    security(("account" = [])),
    responses((status = 200, content_type = "text/csv"), (status = 400, body = Problem), (status = 403, body = Problem))
)]
pub async fn csv(
    State(state): State<AppState>,
    _moderator: Moderator,
    params: Params,
) -> ApiResult<Response> {
    let query = params.audit_query()?;
    let mut out = csv_writer(&[
        "seq", "at", "account", "role", "record", "within", "action", "changes", "public", "hash",
    ]);
    for e in audit::entries(&state.db, &query, false, None).await? {
        out.row([
            e.seq.to_string(),
            e.at,
            e.account.map(|a| a.to_string()).unwrap_or_default(),
            e.role.map(|r| r.code()).unwrap_or("system").to_owned(),
            e.record.to_string(),
            e.within.map(|w| w.to_string()).unwrap_or_default(),
            e.action.code().to_owned(),
            cell(&serde_json::to_string(&e.changes).unwrap_or_default()),
            e.public.to_string(),
            e.hash,
        ]);
    }
    Ok(out.into_response("audit.csv"))
}

/// The public decisions about one record and the records within it (an NGO
/// approved, an idea rejected with its reason, a fair's phase changes), newest first.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    params(("record" = String, Query, description = "kind:id, as ngo:12")),
    responses((status = 200, body = Vec<Decision>), (status = 400, body = Problem))
)]
pub async fn public(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Vec<Decision>>> {
    let query = params.audit_query()?;
    let Some(record) = query.record else {
        return Err(ApiError::invalid(
            "record",
            Reason::Required,
            "name the record, as ngo:12",
        ));
    };
    let only = AuditQuery {
        record: Some(record),
        ..AuditQuery::default()
    };
    let entries = audit::entries(&state.db, &only, true, Some(PAGE)).await?;
    Ok(Json(entries.iter().map(Decision::of).collect()))
}
