//! The region's figures, computed from the records on each request.

use super::AppState;
use crate::error::ApiResult;
use axum::extract::State;
use axum::Json;
use bastama_model::{Count, Stats, YearAmount};
use sqlx::AnyPool;

async fn count(db: &AnyPool, sql: &str) -> ApiResult<i64> {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db).await?;
    Ok(n)
}

async fn counts_by(db: &AnyPool, column: &str) -> ApiResult<Vec<Count>> {
    let sql = format!(
        "SELECT {column}, COUNT(*) FROM initiatives WHERE moderation = 'published' \
         GROUP BY {column} ORDER BY COUNT(*) DESC, {column}"
    );
    let rows: Vec<(String, i64)> = sqlx::query_as(&sql).fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect())
}

#[utoipa::path(get, path = "/api/v1/stats", responses((status = 200, body = Stats)))]
pub async fn stats(State(state): State<AppState>) -> ApiResult<Json<Stats>> {
    let db = &state.db;
    let public_ngos = "FROM ngos WHERE status = 'approved'";
    let by_year: Vec<(String, i64)> = sqlx::query_as(
        "SELECT SUBSTR(starts_on, 1, 4) AS year, CAST(SUM(amount_kzt) AS BIGINT) FROM initiatives \
         WHERE moderation = 'published' AND funding = 'state_social_order' AND amount_kzt IS NOT NULL \
         GROUP BY SUBSTR(starts_on, 1, 4) ORDER BY year",
    )
    .fetch_all(db)
    .await?;
    Ok(Json(Stats {
        ngos_registered: count(db, &format!("SELECT COUNT(*) {public_ngos}")).await?,
        ngos_active: count(db, &format!("SELECT COUNT(*) {public_ngos} AND active = 1")).await?,
        ngos_verified: count(
            db,
            &format!("SELECT COUNT(*) {public_ngos} AND verified = 1"),
        )
        .await?,
        initiatives: count(
            db,
            "SELECT COUNT(*) FROM initiatives WHERE moderation = 'published'",
        )
        .await?,
        initiatives_by_kind: counts_by(db, "kind").await?,
        initiatives_by_funding: counts_by(db, "funding").await?,
        initiatives_by_status: counts_by(db, "status").await?,
        patron_funded_events: count(
            db,
            "SELECT COUNT(*) FROM initiatives WHERE moderation = 'published' \
             AND kind = 'event' AND funding = 'patron'",
        )
        .await?,
        volunteers: count(
            db,
            &format!("SELECT CAST(COALESCE(SUM(volunteers), 0) AS BIGINT) {public_ngos}"),
        )
        .await?,
        state_social_order_by_year: by_year
            .into_iter()
            .filter_map(|(year, amount_kzt)| {
                Some(YearAmount {
                    year: year.parse().ok()?,
                    amount_kzt,
                })
            })
            .collect(),
        fairs: count(db, "SELECT COUNT(*) FROM fairs WHERE phase <> 'draft'").await?,
        ideas: count(
            db,
            "SELECT COUNT(*) FROM ideas WHERE moderation = 'approved'",
        )
        .await?,
        demo: count(db, &format!("SELECT COUNT(*) {public_ngos} AND demo = 1")).await? > 0,
    }))
}
