//! Social initiatives: events, small projects, trainings, contests and seminars.

use super::{changed_meanwhile, if_match, known_slug, text, AppState, Id};
use crate::auth::SignedIn;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::params::{bind_all, Bind, Filter, Paging, Params};
use crate::seed::{now, search_key};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use bastama_model::{
    search, validate, Funding, Initiative, InitiativeForm, InitiativeKind, InitiativeStatus, Page,
    PendingInitiative, Point, Problem, Role,
};
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct InitiativeRow {
    id: i64,
    ngo_id: Option<i64>,
    ngo_kk: Option<String>,
    ngo_ru: Option<String>,
    ngo_en: Option<String>,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    description_kk: String,
    description_ru: Option<String>,
    description_en: Option<String>,
    kind: String,
    status: String,
    funding: String,
    amount_kzt: Option<i64>,
    district: String,
    lat: f64,
    lon: f64,
    starts_on: String,
    ends_on: Option<String>,
    volunteers: i64,
    demo: i64,
    version: i64,
    updated_at: String,
}

const SELECT: &str = "SELECT i.id, i.ngo_id, n.name_kk AS ngo_kk, n.name_ru AS ngo_ru, n.name_en AS ngo_en, \
     i.title_kk, i.title_ru, i.title_en, i.description_kk, i.description_ru, i.description_en, \
     i.kind, i.status, i.funding, i.amount_kzt, i.district, i.lat, i.lon, i.starts_on, i.ends_on, \
     i.volunteers, i.demo, i.version, i.updated_at FROM initiatives i LEFT JOIN ngos n ON n.id = i.ngo_id";

impl InitiativeRow {
    /// The vocabulary columns were checked on the way in; an unknown value
    /// would mean a damaged database, reported as such rather than guessed.
    fn into_initiative(self) -> ApiResult<Initiative> {
        let damaged = || {
            tracing::error!(
                id = self.id,
                "initiative with an unknown kind, status or funding"
            );
            ApiError::new(
                503,
                "unavailable",
                "Service unavailable",
                "a stored record is damaged",
            )
        };
        Ok(Initiative {
            kind: InitiativeKind::from_code(&self.kind).ok_or_else(damaged)?,
            status: InitiativeStatus::from_code(&self.status).ok_or_else(damaged)?,
            funding: Funding::from_code(&self.funding).ok_or_else(damaged)?,
            id: self.id,
            ngo_id: self.ngo_id,
            ngo_name: self.ngo_kk.map(|kk| text(kk, self.ngo_ru, self.ngo_en)),
            title: text(self.title_kk, self.title_ru, self.title_en),
            description: text(
                self.description_kk,
                self.description_ru,
                self.description_en,
            ),
            amount_kzt: self.amount_kzt,
            district: self.district,
            location: Point {
                lat: self.lat,
                lon: self.lon,
            },
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            volunteers: self.volunteers,
            demo: self.demo != 0,
            version: self.version,
            updated_at: self.updated_at,
        })
    }
}

/// A bounding box `min_lon,min_lat,max_lon,max_lat`.
fn bbox(raw: &str) -> ApiResult<[f64; 4]> {
    let invalid = || ApiError::invalid("bbox", "format", "must be min_lon,min_lat,max_lon,max_lat");
    let numbers: Vec<f64> = raw
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|f| f.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(invalid)?;
    match numbers[..] {
        [a, b, c, d] if a <= c && b <= d => Ok([a, b, c, d]),
        _ => Err(invalid()),
    }
}

/// The filter of `/initiatives` and its exports: published initiatives matching
/// the query's parameters, each checked.
pub async fn matching(db: &AnyPool, params: &Params) -> ApiResult<Filter> {
    let mut filter = Filter::default();
    filter.push("i.moderation = 'published'", []);
    if let Some(q) = params.text("q")? {
        for word in search::fold(&q).split(' ').filter(|w| !w.is_empty()) {
            filter.push("i.search LIKE ?", [Bind::Text(format!("%{word}%"))]);
        }
    }
    if let Some(district) = params.get("district") {
        known_slug(db, "districts", "district", district).await?;
        filter.push("i.district = ?", [Bind::Text(district.into())]);
    }
    if let Some(kind) = params.code("kind", InitiativeKind::from_code)? {
        filter.push("i.kind = ?", [Bind::Text(kind.code().into())]);
    }
    if let Some(funding) = params.code("funding", Funding::from_code)? {
        filter.push("i.funding = ?", [Bind::Text(funding.code().into())]);
    }
    if let Some(status) = params.code("status", InitiativeStatus::from_code)? {
        filter.push("i.status = ?", [Bind::Text(status.code().into())]);
    }
    if let Some(ngo) = params.code("ngo", |raw| raw.parse::<i64>().ok())? {
        filter.push("i.ngo_id = ?", [Bind::Int(ngo)]);
    }
    if let Some(from) = params.date("from")? {
        filter.push("COALESCE(i.ends_on, i.starts_on) >= ?", [Bind::Text(from)]);
    }
    if let Some(to) = params.date("to")? {
        filter.push("i.starts_on <= ?", [Bind::Text(to)]);
    }
    if let Some(raw) = params.get("bbox") {
        let [min_lon, min_lat, max_lon, max_lat] = bbox(raw)?;
        filter.push(
            "i.lon >= ? AND i.lat >= ? AND i.lon <= ? AND i.lat <= ?",
            [min_lon, min_lat, max_lon, max_lat].map(Bind::Float),
        );
    }
    Ok(filter)
}

/// The initiatives `filter` selects, newest first; a page of them, or all.
pub async fn fetch(
    db: &AnyPool,
    filter: &Filter,
    paging: Option<Paging>,
) -> ApiResult<Vec<Initiative>> {
    let n = filter.next_placeholder();
    let mut sql = format!(
        "{SELECT}{} ORDER BY i.starts_on DESC, i.id DESC",
        filter.where_sql()
    );
    if paging.is_some() {
        sql.push_str(&format!(" LIMIT ${n} OFFSET ${}", n + 1));
    }
    let mut query = bind_all(sqlx::query_as::<_, InitiativeRow>(&sql), &filter.binds);
    if let Some(paging) = paging {
        query = query.bind(i64::from(paging.per_page)).bind(paging.offset());
    }
    query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(InitiativeRow::into_initiative)
        .collect()
}

/// Published initiatives matching the filters, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/initiatives",
    params(
        ("q" = Option<String>, Query, description = "title words"),
        ("district" = Option<String>, Query),
        ("kind" = Option<InitiativeKind>, Query),
        ("funding" = Option<Funding>, Query),
        ("status" = Option<InitiativeStatus>, Query),
        ("ngo" = Option<i64>, Query, description = "the organising NGO's id"),
        ("from" = Option<String>, Query, description = "ends on or after, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "starts on or before, YYYY-MM-DD"),
        ("bbox" = Option<String>, Query, description = "min_lon,min_lat,max_lon,max_lat"),
        ("page" = Option<u32>, Query, minimum = 1),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200),
    ),
    responses((status = 200, body = Page<Initiative>), (status = 400, body = Problem))
)]
pub async fn list(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Page<Initiative>>> {
    let paging = params.paging()?;
    let filter = matching(&state.db, &params).await?;
    let (total,): (i64,) = bind_all(
        sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM initiatives i{}",
            filter.where_sql()
        )),
        &filter.binds,
    )
    .fetch_one(&state.db)
    .await?;
    let items = fetch(&state.db, &filter, Some(paging)).await?;
    Ok(Json(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

/// One published initiative.
#[utoipa::path(
    get,
    path = "/api/v1/initiatives/{id}",
    params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 404, body = Problem))
)]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Initiative>> {
    let row: InitiativeRow = sqlx::query_as(&format!(
        "{SELECT} WHERE i.id = $1 AND i.moderation = 'published'"
    ))
    .bind(id)
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(|| ApiError::not_found("this initiative"))?;
    Ok(Json(row.into_initiative()?))
}

#[cfg(test)]
mod tests {
    use super::bbox;

    #[test]
    fn bbox_needs_four_ordered_numbers() {
        assert_eq!(bbox("46,48,55.5,52").unwrap(), [46.0, 48.0, 55.5, 52.0]);
        for bad in [
            "",
            "1,2,3",
            "1,2,3,4,5",
            "a,b,c,d",
            "5,2,1,4",
            "NaN,1,2,3",
            "inf,1,2,3",
        ] {
            assert!(bbox(bad).is_err(), "{bad:?}");
        }
    }
}

/// Binds a form's sixteen columns, in the order the SQL names them ($1 to $16).
fn bind_form<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    form: &'q InitiativeForm,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    query
        .bind(form.title.kk.trim())
        .bind(form.title.ru.as_deref().map(str::trim))
        .bind(form.title.en.as_deref().map(str::trim))
        .bind(form.description.kk.trim())
        .bind(form.description.ru.as_deref())
        .bind(form.description.en.as_deref())
        .bind(form.kind.code())
        .bind(form.status.code())
        .bind(form.funding.code())
        .bind(form.amount_kzt)
        .bind(form.district.as_str())
        .bind(form.location.lat)
        .bind(form.location.lon)
        .bind(form.starts_on.trim())
        .bind(form.ends_on.as_deref().map(str::trim))
        .bind(form.volunteers)
}

/// Checks an initiative's form, the district against the database too.
async fn checked(db: &AnyPool, form: &InitiativeForm) -> ApiResult<()> {
    validate::initiative(form).map_err(Problem::invalid)?;
    known_slug(db, "districts", "district", &form.district).await
}

/// An NGO adds an initiative of its own; it is published once a moderator approves it.
#[utoipa::path(
    post,
    path = "/api/v1/initiatives",
    request_body = InitiativeForm,
    security(("account" = [])),
    responses(
        (status = 201, body = Initiative),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    JsonBody(form): JsonBody<InitiativeForm>,
) -> ApiResult<(StatusCode, Json<Initiative>)> {
    let Some(ngo_id) = account.ngo_id.filter(|_| account.role == Role::Ngo) else {
        return Err(ApiError::forbidden("initiatives come from NGOs' accounts"));
    };
    checked(&state.db, &form).await?;
    let (id,): (i64,) = bind_form(
        sqlx::query_as(
            "INSERT INTO initiatives (title_kk, title_ru, title_en, description_kk, description_ru, \
             description_en, kind, status, funding, amount_kzt, district, lat, lon, starts_on, ends_on, \
             volunteers, ngo_id, moderation, updated_at, search) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'pending', $18, $19) \
             RETURNING id",
        ),
        &form,
    )
    .bind(ngo_id)
    .bind(now())
    .bind(search_key(&form.title))
    .fetch_one(&state.writer)
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(any_initiative(&state.db, id).await?),
    ))
}

/// An initiative whatever its moderation, for its NGO and moderators.
async fn any_initiative(db: &AnyPool, id: i64) -> ApiResult<Initiative> {
    let row: InitiativeRow = sqlx::query_as(&format!("{SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| ApiError::not_found("this initiative"))?;
    row.into_initiative()
}

/// Changes an initiative, if it is still at the version the editor started
/// from. An NGO's change goes back to the moderators before it is public again.
#[utoipa::path(
    patch,
    path = "/api/v1/initiatives/{id}",
    params(("id" = i64, Path), ("If-Match" = String, Header, description = "the initiative's version, quoted")),
    request_body = InitiativeForm,
    security(("account" = [])),
    responses(
        (status = 200, body = Initiative),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 412, body = Problem),
        (status = 428, body = Problem),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(form): JsonBody<InitiativeForm>,
) -> ApiResult<Json<Initiative>> {
    let (owner,): (Option<i64>,) = sqlx::query_as("SELECT ngo_id FROM initiatives WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db)
        .await?
        .ok_or_else(|| ApiError::not_found("this initiative"))?;
    let moderator = account.role == Role::Moderator;
    if !moderator && (owner.is_none() || account.ngo_id != owner) {
        return Err(ApiError::forbidden(
            "an NGO's account edits only its own initiatives",
        ));
    }
    let version = if_match(&headers)?;
    checked(&state.db, &form).await?;
    let updated: Option<(i64,)> = bind_form(
        sqlx::query_as(
            "UPDATE initiatives SET title_kk = $1, title_ru = $2, title_en = $3, description_kk = $4, \
             description_ru = $5, description_en = $6, kind = $7, status = $8, funding = $9, amount_kzt = $10, \
             district = $11, lat = $12, lon = $13, starts_on = $14, ends_on = $15, volunteers = $16, \
             moderation = CASE WHEN $17 = 1 THEN moderation ELSE 'pending' END, updated_at = $18, search = $19, \
             version = version + 1 WHERE id = $20 AND version = $21 RETURNING id",
        ),
        &form,
    )
    .bind(i64::from(moderator))
    .bind(now())
    .bind(search_key(&form.title))
    .bind(id)
    .bind(version)
    .fetch_optional(&state.db)
    .await?;
    if updated.is_none() {
        return Err(changed_meanwhile("this initiative"));
    }
    Ok(Json(any_initiative(&state.db, id).await?))
}

/// The initiatives waiting for a moderator, oldest first.
pub async fn pending(db: &AnyPool) -> ApiResult<Vec<PendingInitiative>> {
    let rows: Vec<InitiativeRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE i.moderation = 'pending' ORDER BY i.id"
    ))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let updated_at = row.updated_at.clone();
            let i = row.into_initiative()?;
            Ok(PendingInitiative {
                id: i.id,
                ngo_name: i.ngo_name,
                title: i.title,
                kind: i.kind,
                district: i.district,
                starts_on: i.starts_on,
                submitted_at: updated_at,
            })
        })
        .collect()
}
