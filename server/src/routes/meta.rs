//! Health, the OpenAPI document and the two vocabularies: districts and directions.

use super::AppState;
use crate::error::ApiResult;
use crate::store::meta;
use axum::extract::State;
use axum::Json;
use bastama_model::{Direction, District, Health, MapConfig};
use utoipa::OpenApi;

#[utoipa::path(get, path = "/api/v1/health", responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// The OpenAPI 3.1 document, generated from the handlers and types.
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi::ApiDoc::openapi())
}

/// Oral city first, then the 12 districts.
#[utoipa::path(get, path = "/api/v1/districts", responses((status = 200, body = Vec<District>)))]
pub async fn districts(State(state): State<AppState>) -> ApiResult<Json<Vec<District>>> {
    Ok(Json(meta::districts(&state.db).await?))
}

/// The controlled vocabulary of NGO activity directions.
#[utoipa::path(get, path = "/api/v1/directions", responses((status = 200, body = Vec<Direction>)))]
pub async fn directions(State(state): State<AppState>) -> ApiResult<Json<Vec<Direction>>> {
    Ok(Json(meta::directions(&state.db).await?))
}

/// Where the map's tiles come from (`BASTAMA_TILE_URL`, `BASTAMA_TILE_ATTRIBUTION`);
/// changeable without rebuilding the app.
#[utoipa::path(get, path = "/api/v1/map", responses((status = 200, body = MapConfig)))]
pub async fn map(State(state): State<AppState>) -> Json<MapConfig> {
    Json(state.map.as_ref().clone())
}
