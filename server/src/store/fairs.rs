//! Ideas fairs: their settings and phases.

use super::audit::{self, Entry};
use super::{now, text, write_one, Actor, Db};
use crate::error::{ApiError, ApiResult};
use bastama_model::{
    AuditAction, BallotPublication, Electorate, Fair, FairPhase, NewFair, RecordKind, Review,
};

#[derive(sqlx::FromRow)]
pub(super) struct FairRow {
    id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    description_kk: String,
    description_ru: Option<String>,
    description_en: Option<String>,
    phase: String,
    submission_starts_at: Option<String>,
    voting_starts_at: Option<String>,
    voting_ends_at: Option<String>,
    votes_per_voter: i64,
    winners: i64,
    results_live: i64,
    publication: String,
    ideas: i64,
    electorate: String,
    districts: String,
    roll_size: i64,
    demo: i64,
    version: i64,
}

/// Fairs with their approved ideas counted (`$1` is the approved review code);
/// `WHERE` follows, and its own placeholders start at `$2`.
pub(super) const SELECT_FAIR: &str =
    "SELECT f.id, f.title_kk, f.title_ru, f.title_en, f.description_kk, \
     f.description_ru, f.description_en, f.phase, f.submission_starts_at, f.voting_starts_at, \
     f.voting_ends_at, f.votes_per_voter, f.winners, f.results_live, f.publication, \
     (SELECT COUNT(*) FROM ideas i WHERE i.fair_id = f.id AND i.moderation = $1) AS ideas, \
     f.electorate, f.districts, f.roll_size, f.demo, f.version FROM fairs f WHERE ";

impl FairRow {
    pub(super) fn into_fair(self) -> ApiResult<Fair> {
        Ok(Fair {
            phase: FairPhase::from_code(&self.phase)
                .ok_or_else(|| super::damaged("fair", self.id))?,
            id: self.id,
            title: text(self.title_kk, self.title_ru, self.title_en),
            description: text(
                self.description_kk,
                self.description_ru,
                self.description_en,
            ),
            submission_starts_at: self.submission_starts_at,
            voting_starts_at: self.voting_starts_at,
            voting_ends_at: self.voting_ends_at,
            votes_per_voter: self.votes_per_voter,
            winners: self.winners,
            results_live: self.results_live != 0,
            publication: BallotPublication::from_code(&self.publication)
                .ok_or_else(|| super::damaged("fair", self.id))?,
            ideas: self.ideas,
            electorate: Electorate::from_code(&self.electorate)
                .ok_or_else(|| super::damaged("fair", self.id))?,
            districts: self
                .districts
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            roll_size: self.roll_size,
            demo: self.demo != 0,
            version: self.version,
        })
    }
}

/// Every fair, drafts too, newest first (for moderators).
pub async fn all(db: &Db) -> ApiResult<Vec<Fair>> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!("{SELECT_FAIR} 1 = 1 ORDER BY f.id DESC"))
        .bind(Review::Approved.code())
        .fetch_all(&db.read)
        .await?;
    rows.into_iter().map(FairRow::into_fair).collect()
}

/// Every fair past its draft, newest first.
pub async fn public(db: &Db) -> ApiResult<Vec<Fair>> {
    let rows: Vec<FairRow> =
        sqlx::query_as(&format!("{SELECT_FAIR} f.phase <> $2 ORDER BY f.id DESC"))
            .bind(Review::Approved.code())
            .bind(FairPhase::Draft.code())
            .fetch_all(&db.read)
            .await?;
    rows.into_iter().map(FairRow::into_fair).collect()
}

/// A fair in any phase, drafts too (for moderators).
pub async fn any(db: &Db, id: i64) -> ApiResult<Fair> {
    let row: FairRow = sqlx::query_as(&format!("{SELECT_FAIR} f.id = $2"))
        .bind(Review::Approved.code())
        .bind(id)
        .fetch_optional(&db.read)
        .await?
        .ok_or_else(|| ApiError::not_found("this fair"))?;
    row.into_fair()
}

/// A fair the public may see: any past its draft.
pub async fn public_one(db: &Db, id: i64) -> ApiResult<Fair> {
    let fair = any(db, id).await?;
    if fair.phase == FairPhase::Draft {
        return Err(ApiError::not_found("this fair"));
    }
    Ok(fair)
}

/// Stores a new fair in its draft phase; its id.
pub async fn create(db: &Db, actor: Actor, fair: &NewFair) -> ApiResult<i64> {
    let mut tx = db.write.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO fairs (title_kk, title_ru, title_en, description_kk, description_ru, description_en, \
         phase, votes_per_voter, winners, results_live, electorate, districts, updated_at, publication) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(fair.title.kk.trim())
    .bind(fair.title.ru.as_deref())
    .bind(fair.title.en.as_deref())
    .bind(fair.description.kk.trim())
    .bind(fair.description.ru.as_deref())
    .bind(fair.description.en.as_deref())
    .bind(FairPhase::Draft.code())
    .bind(fair.votes_per_voter.unwrap_or(3))
    .bind(fair.winners.unwrap_or(10))
    .bind(i64::from(fair.results_live.unwrap_or(true)))
    .bind(fair.electorate.unwrap_or(Electorate::Open).code())
    .bind(fair.districts.as_deref().unwrap_or_default().join(" "))
    .bind(now())
    .bind(fair.publication.unwrap_or(BallotPublication::Ballots).code())
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new(RecordKind::Fair, id, AuditAction::Created).diff(&(), fair);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(id)
}

/// A fair's settings and phase stamps as they are to be saved.
#[derive(serde::Serialize)]
pub struct Settings {
    pub phase: FairPhase,
    pub votes_per_voter: i64,
    pub winners: i64,
    pub results_live: bool,
    pub publication: BallotPublication,
    pub submission_starts_at: Option<String>,
    pub voting_starts_at: Option<String>,
    pub voting_ends_at: Option<String>,
    pub electorate: Electorate,
    pub districts: Vec<String>,
}

/// Saves a fair's settings if it is still as `before` was, at `version`;
/// false when someone changed it since. A phase change is a public decision.
pub async fn change(
    db: &Db,
    actor: Actor,
    before: &Fair,
    version: i64,
    settings: Settings,
) -> ApiResult<bool> {
    if before.version != version {
        return Ok(false);
    }
    let id = before.id;
    let entry = if settings.phase == before.phase {
        Entry::new(RecordKind::Fair, id, AuditAction::Changed)
    } else {
        Entry::new(RecordKind::Fair, id, AuditAction::PhaseChanged).public()
    }
    .diff(before, &settings);
    let query = sqlx::query(
        "UPDATE fairs SET phase = $1, votes_per_voter = $2, winners = $3, results_live = $4, \
         submission_starts_at = $5, voting_starts_at = $6, voting_ends_at = $7, updated_at = $8, \
         electorate = $9, districts = $10, publication = $11, version = version + 1 \
         WHERE id = $12 AND version = $13",
    )
    .bind(settings.phase.code())
    .bind(settings.votes_per_voter)
    .bind(settings.winners)
    .bind(i64::from(settings.results_live))
    .bind(settings.submission_starts_at)
    .bind(settings.voting_starts_at)
    .bind(settings.voting_ends_at)
    .bind(now())
    .bind(settings.electorate.code())
    .bind(settings.districts.join(" "))
    .bind(settings.publication.code())
    .bind(id)
    .bind(version);
    write_one(db, query, actor, entry).await
}
