//! Social initiatives: published ones for everyone, the rest for their NGO and moderators.

use super::audit::{self, Entry};
use super::filter::{bind_all, Bind, Filter};
use super::{damaged, now, search_key, text, write_one, Actor, Db};
use crate::error::{ApiError, ApiResult};
use bastama_model::{
    search, AuditAction, Funding, Initiative, InitiativeForm, InitiativeKind, InitiativeQuery,
    InitiativeStatus, Paging, PendingInitiative, Point, Publication, RecordKind,
};

/// Published initiatives matching `filters`.
fn matching(filters: &InitiativeQuery) -> Filter {
    let mut filter = Filter::default();
    filter.push(
        "i.moderation = ?",
        [Bind::Text(Publication::Published.code().into())],
    );
    if let Some(q) = &filters.q {
        for word in search::fold(q).split(' ').filter(|w| !w.is_empty()) {
            filter.push("i.search LIKE ?", [Bind::Text(format!("%{word}%"))]);
        }
    }
    if let Some(district) = &filters.district {
        filter.push("i.district = ?", [Bind::Text(district.clone())]);
    }
    if let Some(kind) = filters.kind {
        filter.push("i.kind = ?", [Bind::Text(kind.code().into())]);
    }
    if let Some(funding) = filters.funding {
        filter.push("i.funding = ?", [Bind::Text(funding.code().into())]);
    }
    if let Some(status) = filters.status {
        filter.push("i.status = ?", [Bind::Text(status.code().into())]);
    }
    if let Some(ngo) = filters.ngo {
        filter.push("i.ngo_id = ?", [Bind::Int(ngo)]);
    }
    if let Some(from) = &filters.from {
        filter.push(
            "COALESCE(i.ends_on, i.starts_on) >= ?",
            [Bind::Text(from.clone())],
        );
    }
    if let Some(to) = &filters.to {
        filter.push("i.starts_on <= ?", [Bind::Text(to.clone())]);
    }
    if let Some([min_lon, min_lat, max_lon, max_lat]) = filters.bbox {
        filter.push(
            "i.lon >= ? AND i.lat >= ? AND i.lon <= ? AND i.lat <= ?",
            [min_lon, min_lat, max_lon, max_lat].map(Bind::Float),
        );
    }
    filter
}

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
    fn into_initiative(self) -> ApiResult<Initiative> {
        let damaged = || damaged("initiative", self.id);
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

/// How many published initiatives match `filters`.
pub async fn count(db: &Db, filters: &InitiativeQuery) -> ApiResult<i64> {
    let filter = matching(filters);
    let (total,): (i64,) = bind_all(
        sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM initiatives i{}",
            filter.where_sql()
        )),
        &filter.binds,
    )
    .fetch_one(&db.read)
    .await?;
    Ok(total)
}

/// The published initiatives matching `filters`, newest first; a page of them, or all.
pub async fn fetch(
    db: &Db,
    filters: &InitiativeQuery,
    paging: Option<Paging>,
) -> ApiResult<Vec<Initiative>> {
    let filter = matching(filters);
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
        .fetch_all(&db.read)
        .await?
        .into_iter()
        .map(InitiativeRow::into_initiative)
        .collect()
}

/// One published initiative.
pub async fn published(db: &Db, id: i64) -> ApiResult<Initiative> {
    let row: InitiativeRow =
        sqlx::query_as(&format!("{SELECT} WHERE i.id = $1 AND i.moderation = $2"))
            .bind(id)
            .bind(Publication::Published.code())
            .fetch_optional(&db.read)
            .await?
            .ok_or_else(|| ApiError::not_found("this initiative"))?;
    row.into_initiative()
}

/// An initiative whatever its moderation, for its NGO and moderators.
pub async fn any(db: &Db, id: i64) -> ApiResult<Initiative> {
    let row: InitiativeRow = sqlx::query_as(&format!("{SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&db.read)
        .await?
        .ok_or_else(|| ApiError::not_found("this initiative"))?;
    row.into_initiative()
}

/// The NGO an initiative belongs to (none for the region's own); 404 when there is no such initiative.
pub async fn owner(db: &Db, id: i64) -> ApiResult<Option<i64>> {
    let (owner,): (Option<i64>,) = sqlx::query_as("SELECT ngo_id FROM initiatives WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.read)
        .await?
        .ok_or_else(|| ApiError::not_found("this initiative"))?;
    Ok(owner)
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

/// Stores an NGO's new initiative, pending review; its id.
pub async fn create(db: &Db, actor: Actor, ngo_id: i64, form: &InitiativeForm) -> ApiResult<i64> {
    let mut tx = db.write.begin().await?;
    let (id,): (i64,) = bind_form(
        sqlx::query_as(
            "INSERT INTO initiatives (title_kk, title_ru, title_en, description_kk, description_ru, \
             description_en, kind, status, funding, amount_kzt, district, lat, lon, starts_on, ends_on, \
             volunteers, ngo_id, moderation, updated_at, search) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
             RETURNING id",
        ),
        form,
    )
    .bind(ngo_id)
    .bind(Publication::Pending.code())
    .bind(now())
    .bind(search_key(&form.title))
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new(RecordKind::Initiative, id, AuditAction::Created)
        .within(RecordKind::Ngo, ngo_id)
        .diff(&(), form);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes an initiative if it is still at `version`; false when someone saved
/// it since. An NGO's change goes back to the moderators; a moderator's keeps
/// its moderation.
pub async fn update(
    db: &Db,
    actor: Actor,
    id: i64,
    version: i64,
    form: &InitiativeForm,
    by_moderator: bool,
) -> ApiResult<bool> {
    let before = any(db, id).await?;
    if before.version != version {
        return Ok(false);
    }
    let mut entry =
        Entry::new(RecordKind::Initiative, id, AuditAction::Changed).diff(&before, form);
    if let Some(ngo_id) = before.ngo_id {
        entry = entry.within(RecordKind::Ngo, ngo_id);
    }
    let mut tx = db.write.begin().await?;
    let updated: Option<(i64,)> = bind_form(
        sqlx::query_as(
            "UPDATE initiatives SET title_kk = $1, title_ru = $2, title_en = $3, description_kk = $4, \
             description_ru = $5, description_en = $6, kind = $7, status = $8, funding = $9, amount_kzt = $10, \
             district = $11, lat = $12, lon = $13, starts_on = $14, ends_on = $15, volunteers = $16, \
             moderation = CASE WHEN $17 = 1 THEN moderation ELSE $18 END, updated_at = $19, search = $20, \
             version = version + 1 WHERE id = $21 AND version = $22 RETURNING id",
        ),
        form,
    )
    .bind(i64::from(by_moderator))
    .bind(Publication::Pending.code())
    .bind(now())
    .bind(search_key(&form.title))
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *tx)
    .await?;
    if updated.is_none() {
        return Ok(false);
    }
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(true)
}

/// The initiatives waiting for a moderator, oldest first.
pub async fn pending(db: &Db) -> ApiResult<Vec<PendingInitiative>> {
    let rows: Vec<InitiativeRow> =
        sqlx::query_as(&format!("{SELECT} WHERE i.moderation = $1 ORDER BY i.id"))
            .bind(Publication::Pending.code())
            .fetch_all(&db.read)
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

/// Publishes or rejects a pending initiative, a public decision (a rejection
/// with its reason); false when none was pending.
pub async fn decide(
    db: &Db,
    actor: Actor,
    id: i64,
    decision: Publication,
    reason: Option<&str>,
) -> ApiResult<bool> {
    let query = sqlx::query(
        "UPDATE initiatives SET moderation = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND moderation = $4",
    )
    .bind(decision.code())
    .bind(now())
    .bind(id)
    .bind(Publication::Pending.code());
    let approved = decision == Publication::Published;
    let entry = Entry::decision(RecordKind::Initiative, id, approved, reason).change(
        "moderation",
        &Publication::Pending,
        &decision,
    );
    write_one(db, query, actor, entry).await
}
