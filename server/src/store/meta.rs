//! The two vocabularies: districts and directions.

use super::{damaged, text, Db};
use crate::error::ApiResult;
use bastama_model::{Direction, District, DistrictKind, Point};

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

/// The region's districts, in their usual order: Oral city first.
pub async fn districts(db: &Db) -> ApiResult<Vec<District>> {
    let rows: Vec<DistrictRow> = sqlx::query_as(
        "SELECT slug, kind, name_kk, name_ru, name_en, lat, lon FROM districts ORDER BY position",
    )
    .fetch_all(&db.read)
    .await?;
    rows.into_iter()
        .enumerate()
        .map(|(position, r)| {
            Ok(District {
                kind: DistrictKind::from_code(&r.kind)
                    .ok_or_else(|| damaged("district", position as i64))?,
                slug: r.slug,
                name: text(r.name_kk, r.name_ru, r.name_en),
                center: Point {
                    lat: r.lat,
                    lon: r.lon,
                },
            })
        })
        .collect()
}

/// The directions of NGO activity, in their usual order.
pub async fn directions(db: &Db) -> ApiResult<Vec<Direction>> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT slug, name_kk, name_ru, name_en FROM directions ORDER BY position")
            .fetch_all(&db.read)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, kk, ru, en)| Direction {
            slug,
            name: text(kk, ru, en),
        })
        .collect())
}
