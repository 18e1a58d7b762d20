//! The region's figures, computed from the records on each request.

use super::AppState;
use crate::error::ApiResult;
use crate::store;
use axum::extract::State;
use axum::Json;
use bastama_model::Stats;

#[utoipa::path(get, path = "/api/v1/stats", responses((status = 200, body = Stats)))]
pub async fn stats(State(state): State<AppState>) -> ApiResult<Json<Stats>> {
    Ok(Json(store::stats::stats(&state.db).await?))
}
