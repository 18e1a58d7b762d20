//! NGOs: the directory, public profiles, applications, logos and their review.

use super::audit::{self, Entry};
use super::filter::{bind_all, Bind, Filter};
use super::{checked, directions_of, now, search_key, text, write_one, Actor, Db};
use crate::error::{ApiError, ApiResult};
use bastama_model::{
    search, AuditAction, IdeaLink, Kind, Ngo, NgoProfile, NgoQuery, NgoSort, NgoSummary, Page,
    Paging, PendingNgo, ProfileChange, Reason, RecordKind, Registration, Review, Role,
};

/// Approved NGOs matching `filters`.
fn matching(filters: &NgoQuery) -> Filter {
    let mut filter = Filter::default();
    filter.push("status = ?", [Bind::Text(Review::Approved.code().into())]);
    if let Some(q) = &filters.q {
        for word in search::fold(q).split(' ').filter(|w| !w.is_empty()) {
            filter.push("search LIKE ?", [Bind::Text(format!("%{word}%"))]);
        }
    }
    if let Some(district) = &filters.district {
        filter.push("district = ?", [Bind::Text(district.clone())]);
    }
    if let Some(direction) = &filters.direction {
        filter.push(
            "EXISTS (SELECT 1 FROM ngo_directions d WHERE d.ngo_id = ngos.id AND d.direction = ?)",
            [Bind::Text(direction.clone())],
        );
    }
    if let Some(active) = filters.active {
        filter.push("active = ?", [Bind::Bool(active)]);
    }
    if let Some(verified) = filters.verified {
        filter.push("verified = ?", [Bind::Bool(verified)]);
    }
    filter
}

fn order(sort: NgoSort) -> &'static str {
    match sort {
        NgoSort::Name => "search, id",
        NgoSort::Updated => "updated_at DESC, id",
        NgoSort::Volunteers => "volunteers DESC, search, id",
    }
}

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

/// One page of the directory.
pub async fn page(db: &Db, query: &NgoQuery, paging: Paging) -> ApiResult<Page<NgoSummary>> {
    let db = &db.read;
    let filter = matching(query);
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
         FROM ngos{where_sql} ORDER BY {} LIMIT ${n} OFFSET ${}",
        order(query.sort.unwrap_or(NgoSort::Name)),
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
struct NgoRow {
    id: i64,
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

const NGO_COLUMNS: &str = "id, bin, name_kk, name_ru, name_en, legal_form, registered_on, district, \
     address, description_kk, description_ru, description_en, phone, email, website, social_links, logo_at, \
     volunteers, active, verified, demo, version, updated_at";

impl NgoRow {
    fn into_ngo(self, directions: Vec<String>) -> ApiResult<Ngo> {
        let id = self.id;
        Ok(Ngo {
            id,
            bin: checked("ngo", id, self.bin)?,
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
            phone: self.phone.map(|p| checked("ngo", id, p)).transpose()?,
            email: self.email.map(|e| checked("ngo", id, e)).transpose()?,
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
        })
    }
}

/// Every approved NGO matching `filters`, by name, with its directions (the export).
pub async fn all(db: &Db, query: &NgoQuery) -> ApiResult<Vec<Ngo>> {
    let db = &db.read;
    let filter = matching(query);
    let sql = format!(
        "SELECT {NGO_COLUMNS} FROM ngos{} ORDER BY search, id",
        filter.where_sql()
    );
    let rows: Vec<NgoRow> = bind_all(sqlx::query_as(&sql), &filter.binds)
        .fetch_all(db)
        .await?;
    let mut directions = std::collections::HashMap::<i64, Vec<String>>::new();
    let links: Vec<(i64, String)> =
        sqlx::query_as("SELECT ngo_id, direction FROM ngo_directions ORDER BY direction")
            .fetch_all(db)
            .await?;
    for (id, direction) in links {
        directions.entry(id).or_default().push(direction);
    }
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            row.into_ngo(directions.remove(&id).unwrap_or_default())
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct IdeaLinkRow {
    id: i64,
    fair_id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
}

/// An approved NGO's profile, with its approved ideas.
pub async fn approved(db: &Db, id: i64) -> ApiResult<Ngo> {
    let db = &db.read;
    let row: NgoRow = sqlx::query_as(&format!(
        "SELECT {NGO_COLUMNS} FROM ngos WHERE id = $1 AND status = $2"
    ))
    .bind(id)
    .bind(Review::Approved.code())
    .fetch_optional(db)
    .await?
    .ok_or_else(|| ApiError::not_found("this NGO"))?;
    let mut directions = directions_of(db, "ngo_directions", "ngo_id", &[id]).await?;
    let ideas: Vec<IdeaLinkRow> = sqlx::query_as(
        "SELECT id, fair_id, title_kk, title_ru, title_en FROM ideas \
         WHERE ngo_id = $1 AND moderation = $2 ORDER BY id DESC",
    )
    .bind(id)
    .bind(Review::Approved.code())
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
        ..row.into_ngo(directions.remove(&id).unwrap_or_default())?
    })
}

/// An NGO's application, checked: its account signs in once a moderator approves it.
pub struct Application<'a> {
    pub form: &'a Registration,
    /// The account's e-mail, in lower case.
    pub email: &'a str,
    pub password_hash: String,
}

/// A 409 naming the field whose value someone already has.
fn taken(field: &str, message: &str) -> ApiError {
    ApiError::at_field(Kind::Taken, field, Reason::Taken, message)
}

/// Refuses a BIN or an e-mail someone already registered.
pub async fn check_free(db: &Db, bin: &str, email: &str) -> ApiResult<()> {
    let (bins,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ngos WHERE bin = $1")
        .bind(bin)
        .fetch_one(&db.read)
        .await?;
    if bins > 0 {
        return Err(taken("bin", "an NGO with this BIN is already registered"));
    }
    let (emails,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(&db.read)
        .await?;
    if emails > 0 {
        return Err(taken("email", "an account with this e-mail already exists"));
    }
    Ok(())
}

/// Stores an application, pending review, with its account; the new NGO's id.
pub async fn apply(db: &Db, application: Application<'_>) -> ApiResult<i64> {
    let a = application;
    let mut tx = db.write.begin().await?;
    let (ngo_id,): (i64,) = sqlx::query_as(
        "INSERT INTO ngos (bin, name_kk, name_ru, name_en, legal_form, registered_on, district, \
         verified, status, updated_at, search) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10) RETURNING id",
    )
    .bind(a.form.bin.as_str())
    .bind(&a.form.name.kk)
    .bind(a.form.name.ru.as_deref())
    .bind(a.form.name.en.as_deref())
    .bind(&a.form.legal_form)
    .bind(&a.form.registered_on)
    .bind(&a.form.district)
    .bind(Review::Pending.code())
    .bind(now())
    .bind(search_key(&a.form.name))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO accounts (email, password_hash, role, ngo_id, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(a.email)
    .bind(a.password_hash)
    .bind(Role::Ngo.code())
    .bind(ngo_id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new(RecordKind::Ngo, ngo_id, AuditAction::Applied)
        .set("bin", a.form.bin.as_str())
        .set("name", &a.form.name)
        .set("district", &a.form.district)
        .set("email", a.email);
    audit::append(&mut tx, db.postgres, Actor::System, entry).await?;
    tx.commit().await?;
    Ok(ngo_id)
}

/// Replaces the editable part of an approved NGO's profile if it is still at
/// `version`; `None` when someone saved it since.
pub async fn update(
    db: &Db,
    actor: Actor,
    id: i64,
    version: i64,
    profile: &ProfileChange,
) -> ApiResult<Option<()>> {
    let before = approved(db, id).await?;
    if before.version != version {
        return Ok(None);
    }
    let entry = Entry::new(RecordKind::Ngo, id, AuditAction::Changed)
        .diff(&NgoProfile::from(&before), profile);
    let mut tx = db.write.begin().await?;
    let updated = sqlx::query(
        "UPDATE ngos SET name_kk = $1, name_ru = $2, name_en = $3, legal_form = $4, district = $5, \
         address = $6, description_kk = $7, description_ru = $8, description_en = $9, phone = $10, \
         email = $11, website = $12, social_links = $13, volunteers = $14, active = $15, search = $16, \
         updated_at = $17, version = version + 1 \
         WHERE id = $18 AND version = $19 AND status = $20",
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
    .bind(Review::Approved.code())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(None);
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
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(Some(()))
}

/// Replaces an NGO's logo.
pub async fn put_logo(
    db: &Db,
    actor: Actor,
    id: i64,
    content_type: &str,
    bytes: Vec<u8>,
) -> ApiResult<()> {
    let mut tx = db.write.begin().await?;
    sqlx::query("DELETE FROM ngo_logos WHERE ngo_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO ngo_logos (ngo_id, content_type, bytes) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(content_type)
        .bind(bytes)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE ngos SET logo_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let entry = Entry::new(RecordKind::Ngo, id, AuditAction::Changed).set("logo", content_type);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// An approved NGO's logo: its content type and bytes.
pub async fn logo(db: &Db, id: i64) -> ApiResult<Option<(String, Vec<u8>)>> {
    Ok(sqlx::query_as(
        "SELECT l.content_type, l.bytes FROM ngo_logos l JOIN ngos n ON n.id = l.ngo_id \
         WHERE l.ngo_id = $1 AND n.status = $2",
    )
    .bind(id)
    .bind(Review::Approved.code())
    .fetch_optional(&db.read)
    .await?)
}

#[derive(sqlx::FromRow)]
struct PendingNgoRow {
    id: i64,
    bin: String,
    name_kk: String,
    name_ru: Option<String>,
    name_en: Option<String>,
    legal_form: String,
    registered_on: String,
    district: String,
    email: String,
    updated_at: String,
}

/// The applications waiting for a moderator, oldest first.
pub async fn pending(db: &Db) -> ApiResult<Vec<PendingNgo>> {
    let rows: Vec<PendingNgoRow> = sqlx::query_as(
        "SELECT n.id, n.bin, n.name_kk, n.name_ru, n.name_en, n.legal_form, n.registered_on, n.district, \
         a.email, n.updated_at FROM ngos n JOIN accounts a ON a.ngo_id = n.id \
         WHERE n.status = $1 ORDER BY n.id",
    )
    .bind(Review::Pending.code())
    .fetch_all(&db.read)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(PendingNgo {
                id: r.id,
                bin: checked("ngo", r.id, r.bin)?,
                name: text(r.name_kk, r.name_ru, r.name_en),
                legal_form: r.legal_form,
                registered_on: r.registered_on,
                district: r.district,
                email: checked("ngo", r.id, r.email)?,
                submitted_at: r.updated_at,
            })
        })
        .collect()
}

/// Approves or rejects a pending application; an approved NGO is public,
/// verified, and may sign in. False when none was pending.
pub async fn decide(
    db: &Db,
    actor: Actor,
    id: i64,
    decision: Review,
    reason: Option<&str>,
) -> ApiResult<bool> {
    let query = sqlx::query(
        "UPDATE ngos SET status = $1, verified = $2, rejection_reason = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND status = $6",
    )
    .bind(decision.code())
    .bind(i64::from(decision == Review::Approved))
    .bind(reason)
    .bind(now())
    .bind(id)
    .bind(Review::Pending.code());
    let entry = Entry::decision(RecordKind::Ngo, id, decision == Review::Approved, reason).change(
        "status",
        &Review::Pending,
        &decision,
    );
    write_one(db, query, actor, entry).await
}
