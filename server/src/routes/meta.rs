//! Health, the OpenAPI document and the two vocabularies: districts and directions.

use super::{text, AppState};
use crate::error::ApiResult;
use axum::extract::State;
use axum::Json;
use bastama_model::{Direction, District, Health, MapConfig, Point};
use sqlx::AnyPool;
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

#[derive(sqlx::FromRow)]
struct DistrictRow {
    slug: String,
    kind: String,
    name_kk: String,
    name_ru: Option<String>,
    name_en: Option<String>,
    lat: f64,
    lon: f64,
}

/// Oral city first, then the 12 districts.
#[utoipa::path(get, path = "/api/v1/districts", responses((status = 200, body = Vec<District>)))]
pub async fn districts(State(state): State<AppState>) -> ApiResult<Json<Vec<District>>> {
    Ok(Json(district_list(&state.db).await?))
}

/// The region's districts, in their usual order.
pub async fn district_list(db: &AnyPool) -> ApiResult<Vec<District>> {
    let rows: Vec<DistrictRow> = sqlx::query_as(
        "SELECT slug, kind, name_kk, name_ru, name_en, lat, lon FROM districts ORDER BY position",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| District {
            slug: r.slug,
            kind: r.kind,
            name: text(r.name_kk, r.name_ru, r.name_en),
            center: Point {
                lat: r.lat,
                lon: r.lon,
            },
        })
        .collect())
}

/// The controlled vocabulary of NGO activity directions.
#[utoipa::path(get, path = "/api/v1/directions", responses((status = 200, body = Vec<Direction>)))]
pub async fn directions(State(state): State<AppState>) -> ApiResult<Json<Vec<Direction>>> {
    Ok(Json(direction_list(&state.db).await?))
}

/// The directions of NGO activity, in their usual order.
pub async fn direction_list(db: &AnyPool) -> ApiResult<Vec<Direction>> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT slug, name_kk, name_ru, name_en FROM directions ORDER BY position")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, kk, ru, en)| Direction {
            slug,
            name: text(kk, ru, en),
        })
        .collect())
}

/// Where the map's tiles come from (`BASTAMA_TILE_URL`, `BASTAMA_TILE_ATTRIBUTION`);
/// changeable without rebuilding the app.
#[utoipa::path(get, path = "/api/v1/map", responses((status = 200, body = MapConfig)))]
pub async fn map(State(state): State<AppState>) -> Json<MapConfig> {
    Json(state.map.as_ref().clone())
}
