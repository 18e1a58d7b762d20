//! The NGO directory and public profiles.

use super::{changed_meanwhile, directions_of, if_match, known_slug, text, AppState, Id};
use crate::auth::SignedIn;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::limits::{self, Limit};
use crate::params::{bind_all, Bind, Filter, Params};
use crate::password;
use crate::seed::{now, search_key};
use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bastama_model::{
    search, validate, Account, IdeaLink, Ngo, NgoProfile, NgoRegistration, NgoSummary, Page,
    Problem, Registered, Role, Text,
};
use sqlx::AnyPool;
use std::net::SocketAddr;

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
        ("sort" = Option<String>, Query, description = "`name` (the default), `updated` (latest first) or `volunteers` (most first)"),
        ("page" = Option<u32>, Query, minimum = 1),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200),
    ),
    responses((status = 200, body = Page<NgoSummary>), (status = 400, body = Problem))
)]
pub async fn list(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Page<NgoSummary>>> {
    Ok(Json(summaries(&state.db, &params).await?))
}

/// The page of the directory that `params` ask for.
pub async fn summaries(db: &AnyPool, params: &Params) -> ApiResult<Page<NgoSummary>> {
    let paging = params.paging()?;
    let order = match params.get("sort") {
        None | Some("name") => "search, id",
        Some("updated") => "updated_at DESC, id",
        Some("volunteers") => "volunteers DESC, search, id",
        Some(_) => {
            return Err(ApiError::invalid(
                "sort",
                "unknown",
                "must be name, updated or volunteers",
            ))
        }
    };
    let filter = matching(db, params).await?;
    let where_sql = filter.where_sql();
    let (total,): (i64,) = bind_all(
        sqlx::query_as(&format!("SELECT COUNT(*) FROM ngos{where_sql}")),
        &filter.binds,
    )
    .fetch_one(db)
    .await?;
    let n = filter.next_placeholder();
    let sql = format!(
        "SELECT id, name_kk, name_ru, name_en, district, volunteers, active, verified, demo \
         FROM ngos{where_sql} ORDER BY {order} LIMIT ${n} OFFSET ${}",
        n + 1
    );
    let rows: Vec<SummaryRow> = bind_all(sqlx::query_as(&sql), &filter.binds)
        .bind(i64::from(paging.per_page))
        .bind(paging.offset())
        .fetch_all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut directions = directions_of(db, "ngo_directions", "ngo_id", &ids).await?;
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
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
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
    social_links: String,
    logo_at: Option<String>,
    volunteers: i64,
    active: i64,
    verified: i64,
    demo: i64,
    version: i64,
    updated_at: String,
}

pub const NGO_COLUMNS: &str = "id, bin, name_kk, name_ru, name_en, legal_form, registered_on, district, \
     address, description_kk, description_ru, description_en, phone, email, website, social_links, logo_at, \
     volunteers, active, verified, demo, version, updated_at";

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
            social_links: self.social_links.lines().map(str::to_owned).collect(),
            logo_url: self.logo_at.map(|at| {
                let stamp: String = at.chars().filter(char::is_ascii_digit).collect();
                format!("/api/v1/ngos/{}/logo?v={stamp}", self.id)
            }),
            ideas: Vec::new(),
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
    Ok(Json(approved(&state.db, id).await?))
}

#[derive(sqlx::FromRow)]
struct IdeaLinkRow {
    id: i64,
    fair_id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
}

/// An approved NGO's profile.
async fn approved(db: &AnyPool, id: i64) -> ApiResult<Ngo> {
    let row: NgoRow = sqlx::query_as(&format!(
        "SELECT {NGO_COLUMNS} FROM ngos WHERE id = $1 AND status = 'approved'"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| ApiError::not_found("this NGO"))?;
    let mut directions = directions_of(db, "ngo_directions", "ngo_id", &[id]).await?;
    let ideas: Vec<IdeaLinkRow> = sqlx::query_as(
        "SELECT id, fair_id, title_kk, title_ru, title_en FROM ideas \
         WHERE ngo_id = $1 AND moderation = 'approved' ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(Ngo {
        ideas: ideas
            .into_iter()
            .map(|r| IdeaLink {
                id: r.id,
                fair_id: r.fair_id,
                title: text(r.title_kk, r.title_ru, r.title_en),
            })
            .collect(),
        ..row.into_ngo(directions.remove(&id).unwrap_or_default())
    })
}

const REGISTRATIONS_PER_CLIENT: Limit = Limit {
    name: "register-client",
    max: 10,
    window: 3600,
};

/// The largest logo, in bytes.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// A 409 naming the field whose value someone already has.
fn taken(field: &str, message: &str) -> ApiError {
    ApiError::at_field(409, "taken", "Already registered", field, "taken", message)
}

/// An NGO applies for an account. Its profile stays hidden, and it cannot sign
/// in, until a moderator approves it.
#[utoipa::path(
    post,
    path = "/api/v1/ngos/register",
    request_body = NgoRegistration,
    responses(
        (status = 201, body = Registered),
        (status = 400, body = Problem),
        (status = 409, body = Problem, description = "the BIN or the e-mail is already registered"),
        (status = 429, body = Problem),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    JsonBody(form): JsonBody<NgoRegistration>,
) -> ApiResult<(StatusCode, Json<Registered>)> {
    limits::hit(
        &state.writer,
        REGISTRATIONS_PER_CLIENT,
        &limits::client(&state.keys, &client),
    )
    .await?;
    validate::registration(&form).map_err(Problem::invalid)?;
    known_slug(&state.db, "districts", "district", form.district.trim()).await?;
    let bin = form.bin.trim();
    let email = form.email.trim().to_lowercase();
    let (bins,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ngos WHERE bin = $1")
        .bind(bin)
        .fetch_one(&state.db)
        .await?;
    if bins > 0 {
        return Err(taken("bin", "an NGO with this BIN is already registered"));
    }
    let (emails,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE email = $1")
        .bind(&email)
        .fetch_one(&state.db)
        .await?;
    if emails > 0 {
        return Err(taken("email", "an account with this e-mail already exists"));
    }
    let hash = password::hash(form.password)
        .await
        .map_err(|_| ApiError::new(503, "unavailable", "Service unavailable", "try again"))?;
    let name = Text {
        kk: form.name.kk.trim().to_owned(),
        ru: form.name.ru.filter(|v| !v.trim().is_empty()),
        en: form.name.en.filter(|v| !v.trim().is_empty()),
    };
    let mut tx = state.writer.begin().await?;
    let (ngo_id,): (i64,) = sqlx::query_as(
        "INSERT INTO ngos (bin, name_kk, name_ru, name_en, legal_form, registered_on, district, \
         verified, status, updated_at, search) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 'pending', $8, $9) RETURNING id",
    )
    .bind(bin)
    .bind(&name.kk)
    .bind(name.ru.as_deref())
    .bind(name.en.as_deref())
    .bind(form.legal_form.trim())
    .bind(form.registered_on.trim())
    .bind(form.district.trim())
    .bind(now())
    .bind(search_key(&name))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO accounts (email, password_hash, role, ngo_id, created_at) \
         VALUES ($1, $2, 'ngo', $3, $4)",
    )
    .bind(&email)
    .bind(hash)
    .bind(ngo_id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            ngo_id,
            status: "pending".into(),
        }),
    ))
}

/// Refuses anyone but the NGO's own accounts and moderators.
fn may_edit(account: &Account, ngo_id: i64) -> ApiResult<()> {
    match account.role {
        Role::Moderator => Ok(()),
        Role::Ngo if account.ngo_id == Some(ngo_id) => Ok(()),
        Role::Ngo => Err(ApiError::forbidden(
            "an NGO's account edits only its own NGO",
        )),
    }
}

/// Replaces the editable part of an NGO's profile, if it is still at the version
/// the editor started from.
#[utoipa::path(
    patch,
    path = "/api/v1/ngos/{id}",
    params(("id" = i64, Path), ("If-Match" = String, Header, description = "the profile's version, quoted")),
    request_body = NgoProfile,
    security(("account" = [])),
    responses(
        (status = 200, body = Ngo),
        (status = 400, body = Problem),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 412, body = Problem, description = "someone saved the profile since that version"),
        (status = 428, body = Problem),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(form): JsonBody<NgoProfile>,
) -> ApiResult<Json<Ngo>> {
    may_edit(&account, id)?;
    let version = if_match(&headers)?;
    let profile = validate::ngo_profile(&form).map_err(Problem::invalid)?;
    known_slug(&state.db, "districts", "district", &profile.district).await?;
    for direction in &profile.directions {
        known_slug(&state.db, "directions", "directions", direction).await?;
    }
    let mut tx = state.writer.begin().await?;
    let updated = sqlx::query(
        "UPDATE ngos SET name_kk = $1, name_ru = $2, name_en = $3, legal_form = $4, district = $5, \
         address = $6, description_kk = $7, description_ru = $8, description_en = $9, phone = $10, \
         email = $11, website = $12, social_links = $13, volunteers = $14, active = $15, search = $16, \
         updated_at = $17, version = version + 1 \
         WHERE id = $18 AND version = $19 AND status = 'approved'",
    )
    .bind(&profile.name.kk)
    .bind(profile.name.ru.as_deref())
    .bind(profile.name.en.as_deref())
    .bind(&profile.legal_form)
    .bind(&profile.district)
    .bind(&profile.address)
    .bind(&profile.description.kk)
    .bind(profile.description.ru.as_deref())
    .bind(profile.description.en.as_deref())
    .bind(profile.phone.as_deref())
    .bind(profile.email.as_deref())
    .bind(profile.website.as_deref())
    .bind(profile.social_links.join("\n"))
    .bind(profile.volunteers)
    .bind(i64::from(profile.active))
    .bind(search_key(&profile.name))
    .bind(now())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        drop(tx);
        approved(&state.db, id).await?;
        return Err(changed_meanwhile("this profile"));
    }
    sqlx::query("DELETE FROM ngo_directions WHERE ngo_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for direction in &profile.directions {
        sqlx::query("INSERT INTO ngo_directions (ngo_id, direction) VALUES ($1, $2)")
            .bind(id)
            .bind(direction)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Json(approved(&state.db, id).await?))
}

/// Replaces an NGO's logo: a PNG, JPEG or WebP image, judged by its bytes, at most 1 MB.
#[utoipa::path(
    put,
    path = "/api/v1/ngos/{id}/logo",
    params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "image/png"),
    security(("account" = [])),
    responses(
        (status = 200, body = Ngo),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 413, body = Problem),
        (status = 415, body = Problem, description = "not a PNG, JPEG or WebP image"),
    )
)]
pub async fn put_logo(
    State(state): State<AppState>,
    SignedIn(account): SignedIn,
    Id(id): Id,
    request: Request,
) -> ApiResult<Json<Ngo>> {
    may_edit(&account, id)?;
    let bytes = to_bytes(request.into_body(), MAX_LOGO_BYTES)
        .await
        .map_err(|_| {
            ApiError::at_field(
                413,
                "too-large",
                "Body too large",
                "logo",
                "too_large",
                "may be at most 1 MB",
            )
        })?;
    let content_type = match infer::get(&bytes).map(|kind| kind.mime_type()) {
        Some(t @ ("image/png" | "image/jpeg" | "image/webp")) => t,
        _ => {
            return Err(ApiError::at_field(
                415,
                "unsupported-media-type",
                "Not an image",
                "logo",
                "image",
                "must be a PNG, JPEG or WebP image",
            ))
        }
    };
    approved(&state.db, id).await?;
    let mut tx = state.writer.begin().await?;
    sqlx::query("DELETE FROM ngo_logos WHERE ngo_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO ngo_logos (ngo_id, content_type, bytes) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(content_type)
        .bind(bytes.to_vec())
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE ngos SET logo_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Json(approved(&state.db, id).await?))
}

/// An approved NGO's logo, with the content type its bytes were judged to have.
#[utoipa::path(
    get,
    path = "/api/v1/ngos/{id}/logo",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/png"), (status = 404, body = Problem))
)]
pub async fn logo(State(state): State<AppState>, Id(id): Id) -> ApiResult<Response> {
    let (content_type, bytes): (String, Vec<u8>) = sqlx::query_as(
        "SELECT l.content_type, l.bytes FROM ngo_logos l JOIN ngos n ON n.id = l.ngo_id \
         WHERE l.ngo_id = $1 AND n.status = 'approved'",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(|| ApiError::not_found("this NGO's logo"))?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400".to_owned()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}
