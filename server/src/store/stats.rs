//! The region's figures, computed from the records on each request.

use super::Db;
use crate::error::ApiResult;
use bastama_model::{
    Count, FairPhase, Funding, InitiativeKind, Publication, Review, Stats, YearAmount,
};
use sqlx::AnyPool;

/// A single number; `$1` in `sql` is bound to `code`.
async fn count(db: &AnyPool, sql: &str, code: &str) -> ApiResult<i64> {
    let (n,): (i64,) = sqlx::query_as(sql).bind(code).fetch_one(db).await?;
    Ok(n)
}

/// Published initiatives counted by one of their vocabulary columns.
async fn counts_by(db: &AnyPool, column: &str) -> ApiResult<Vec<Count>> {
    let sql = format!(
        "SELECT {column}, COUNT(*) FROM initiatives WHERE moderation = $1 \
         GROUP BY {column} ORDER BY COUNT(*) DESC, {column}"
    );
    let rows: Vec<(String, i64)> = sqlx::query_as(&sql)
        .bind(Publication::Published.code())
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect())
}

pub async fn stats(db: &Db) -> ApiResult<Stats> {
    let db = &db.read;
    let approved = Review::Approved.code();
    let published = Publication::Published.code();
    let public_ngos = "FROM ngos WHERE status = $1";
    let by_year: Vec<(String, i64)> = sqlx::query_as(
        "SELECT SUBSTR(starts_on, 1, 4) AS year, CAST(SUM(amount_kzt) AS BIGINT) FROM initiatives \
         WHERE moderation = $1 AND funding = $2 AND amount_kzt IS NOT NULL \
         GROUP BY SUBSTR(starts_on, 1, 4) ORDER BY year",
    )
    .bind(published)
    .bind(Funding::StateSocialOrder.code())
    .fetch_all(db)
    .await?;
    let (patron_funded_events,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM initiatives WHERE moderation = $1 AND kind = $2 AND funding = $3",
    )
    .bind(published)
    .bind(InitiativeKind::Event.code())
    .bind(Funding::Patron.code())
    .fetch_one(db)
    .await?;
    Ok(Stats {
        ngos_registered: count(db, &format!("SELECT COUNT(*) {public_ngos}"), approved).await?,
        ngos_active: count(
            db,
            &format!("SELECT COUNT(*) {public_ngos} AND active = 1"),
            approved,
        )
        .await?,
        ngos_verified: count(
            db,
            &format!("SELECT COUNT(*) {public_ngos} AND verified = 1"),
            approved,
        )
        .await?,
        initiatives: count(
            db,
            "SELECT COUNT(*) FROM initiatives WHERE moderation = $1",
            published,
        )
        .await?,
        initiatives_by_kind: counts_by(db, "kind").await?,
        initiatives_by_funding: counts_by(db, "funding").await?,
        initiatives_by_status: counts_by(db, "status").await?,
        patron_funded_events,
        volunteers: count(
            db,
            &format!("SELECT CAST(COALESCE(SUM(volunteers), 0) AS BIGINT) {public_ngos}"),
            approved,
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
        fairs: count(
            db,
            "SELECT COUNT(*) FROM fairs WHERE phase <> $1",
            FairPhase::Draft.code(),
        )
        .await?,
        ideas: count(
            db,
            "SELECT COUNT(*) FROM ideas WHERE moderation = $1",
            approved,
        )
        .await?,
        demo: count(
            db,
            &format!("SELECT COUNT(*) {public_ngos} AND demo = 1"),
            approved,
        )
        .await?
            > 0,
    })
}
