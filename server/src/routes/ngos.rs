//! The NGO directory and public profiles.

use super::{directions_of, known_slug, text, AppState, Id};
use crate::error::{ApiError, ApiResult};
use crate::params::{bind_all, Bind, Filter, Params};
use axum::extract::State;
use axum::Json;
use bastama_model::{search, Ngo, NgoSummary, Page, Problem};
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name_kk: String,
    name_ru: Option<String>,
    name_en: Option<String>,
    district: String,
    volunteers: i64,
    active: i64,
    verified: i64,
    demo: i64,
}

/// The filter of `/ngos` and its export: approved NGOs matching the query's
/// parameters, each checked.
pub async fn matching(db: &AnyPool, params: &Params) -> ApiResult<Filter> {
    let mut filter = Filter::default();
    filter.push("status = 'approved'", []);
    if let Some(q) = params.text("q")? {
        for word in search::fold(&q).split(' ').filter(|w| !w.is_empty()) {
            filter.push("search LIKE ?", [Bind::Text(format!("%{word}%"))]);
        }
    }
    if let Some(district) = params.get("district") {
        known_slug(db, "districts", "district", district).await?;
        filter.push("district = ?", [Bind::Text(district.into())]);
    }
    if let Some(direction) = params.get("direction") {
        known_slug(db, "directions", "direction", direction).await?;
        filter.push(
            "EXISTS (SELECT 1 FROM ngo_directions d WHERE d.ngo_id = ngos.id AND d.direction = ?)",
            [Bind::Text(direction.into())],
        );
    }
    if let Some(active) = params.boolean("active")? {
        filter.push("active = ?", [Bind::Bool(active)]);
    }
    if let Some(verified) = params.boolean("verified")? {
        filter.push("verified = ?", [Bind::Bool(verified)]);
    }

    Ok(filter)
}

/// The public NGOs matching the filters, by name.
#[utoipa::path(
    get,
    path = "/api/v1/ngos",
    params(
        ("q" = Option<String>, Query, description = "name, in Kazakh, Russian or Latin typing"),
        ("district" = Option<String>, Query, description = "district slug"),
        ("direction" = Option<String>, Query, description = "direction slug"),
        ("active" = Option<bool>, Query),
        ("verified" = Option<bool>, Query),
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
    let filter = matching(&state.db, &params).await?;
    let where_sql = filter.where_sql();
    let (total,): (i64,) = bind_all(
        sqlx::query_as(&format!("SELECT COUNT(*) FROM ngos{where_sql}")),
        &filter.binds,
    )
    .fetch_one(&state.db)
    .await?;
    let n = filter.next_placeholder();
    let sql = format!(
        "SELECT id, name_kk, name_ru, name_en, district, volunteers, active, verified, demo \
         FROM ngos{where_sql} ORDER BY search, id LIMIT ${n} OFFSET ${}",
        n + 1
    );
    let rows: Vec<SummaryRow> = bind_all(sqlx::query_as(&sql), &filter.binds)
        .bind(i64::from(paging.per_page))
        .bind(paging.offset())
        .fetch_all(&state.db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut directions = directions_of(&state.db, "ngo_directions", "ngo_id", &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| NgoSummary {
            id: r.id,
            name: text(r.name_kk, r.name_ru, r.name_en),
            district: r.district,
            directions: directions.remove(&r.id).unwrap_or_default(),
            volunteers: r.volunteers,
            active: r.active != 0,
            verified: r.verified != 0,
            demo: r.demo != 0,
        })
        .collect();
    Ok(Json(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

#[derive(sqlx::FromRow)]
pub struct NgoRow {
    pub id: i64,
    bin: String,
    name_kk: String,
    name_ru: Option<String>,
    name_en: Option<String>,
    legal_form: String,
    registered_on: String,
    district: String,
    address: String,
    description_kk: String,
    description_ru: Option<String>,
    description_en: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    volunteers: i64,
    active: i64,
    verified: i64,
    demo: i64,
    version: i64,
    updated_at: String,
}

pub const NGO_COLUMNS: &str = "id, bin, name_kk, name_ru, name_en, legal_form, registered_on, district, \
     address, description_kk, description_ru, description_en, phone, email, website, volunteers, active, \
     verified, demo, version, updated_at";

impl NgoRow {
    pub fn into_ngo(self, directions: Vec<String>) -> Ngo {
        Ngo {
            id: self.id,
            bin: self.bin,
            name: text(self.name_kk, self.name_ru, self.name_en),
            legal_form: self.legal_form,
            registered_on: self.registered_on,
            district: self.district,
            address: self.address,
            directions,
            description: text(
                self.description_kk,
                self.description_ru,
                self.description_en,
            ),
            phone: self.phone,
            email: self.email,
            website: self.website,
            volunteers: self.volunteers,
            active: self.active != 0,
            verified: self.verified != 0,
            demo: self.demo != 0,
            version: self.version,
            updated_at: self.updated_at,
        }
    }
}

/// One NGO's public profile.
#[utoipa::path(
    get,
    path = "/api/v1/ngos/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = Ngo), (status = 404, body = Problem))
)]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Ngo>> {
    let row: NgoRow = sqlx::query_as(&format!(
        "SELECT {NGO_COLUMNS} FROM ngos WHERE id = $1 AND status = 'approved'"
    ))
    .bind(id)
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(|| ApiError::not_found("this NGO"))?;
    let mut directions = directions_of(&state.db, "ngo_directions", "ngo_id", &[id]).await?;
    Ok(Json(
        row.into_ngo(directions.remove(&id).unwrap_or_default()),
    ))
}
