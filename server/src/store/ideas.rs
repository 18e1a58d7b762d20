//! A fair's ideas: submitted, reviewed, funded, and counted.

use super::audit::{self, Entry};
use super::{directions_of, now, text, Actor, Db};
use crate::error::ApiResult;
use bastama_model::ballot_box::Count;
use bastama_model::{
    AuditAction, BoxIdea, Idea, IdeaFunding, NewIdea, OriginTotal, Paging, PendingIdea, RecordKind,
    Review, Station,
};

#[derive(sqlx::FromRow)]
struct IdeaRow {
    id: i64,
    fair_id: i64,
    ngo_id: Option<i64>,
    ngo_kk: Option<String>,
    ngo_ru: Option<String>,
    ngo_en: Option<String>,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    summary_kk: String,
    summary_ru: Option<String>,
    summary_en: Option<String>,
    description_kk: String,
    description_ru: Option<String>,
    description_en: Option<String>,
    district: Option<String>,
    budget_kzt: i64,
    sponsor: Option<String>,
    sponsor_amount_kzt: Option<i64>,
    memorandum_signed: i64,
    demo: i64,
}

/// A page of a fair's approved ideas, in the order they were submitted.
pub async fn approved(db: &Db, fair_id: i64, paging: Paging) -> ApiResult<Vec<Idea>> {
    let rows: Vec<IdeaRow> = sqlx::query_as(
        "SELECT i.id, i.fair_id, i.ngo_id, n.name_kk AS ngo_kk, n.name_ru AS ngo_ru, n.name_en AS ngo_en, \
         i.title_kk, i.title_ru, i.title_en, i.summary_kk, i.summary_ru, i.summary_en, \
         i.description_kk, i.description_ru, i.description_en, i.district, \
         i.budget_kzt, i.sponsor, i.sponsor_amount_kzt, i.memorandum_signed, i.demo \
         FROM ideas i LEFT JOIN ngos n ON n.id = i.ngo_id \
         WHERE i.fair_id = $1 AND i.moderation = $2 ORDER BY i.id LIMIT $3 OFFSET $4",
    )
    .bind(fair_id)
    .bind(Review::Approved.code())
    .bind(i64::from(paging.per_page))
    .bind(paging.offset())
    .fetch_all(&db.read)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut directions = directions_of(&db.read, "idea_directions", "idea_id", &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| Idea {
            id: r.id,
            fair_id: r.fair_id,
            ngo_id: r.ngo_id,
            ngo_name: r.ngo_kk.map(|kk| text(kk, r.ngo_ru, r.ngo_en)),
            title: text(r.title_kk, r.title_ru, r.title_en),
            summary: text(r.summary_kk, r.summary_ru, r.summary_en),
            description: text(r.description_kk, r.description_ru, r.description_en),
            district: r.district,
            budget_kzt: r.budget_kzt,
            directions: directions.remove(&r.id).unwrap_or_default(),
            funding: r.sponsor.map(|sponsor| IdeaFunding {
                sponsor,
                amount_kzt: r.sponsor_amount_kzt.unwrap_or(0),
                memorandum_signed: r.memorandum_signed != 0,
            }),
            demo: r.demo != 0,
        })
        .collect())
}

/// The ballots of one channel: a station's (its columns), or the web's (none).
#[derive(sqlx::FromRow)]
struct ChannelRow {
    station_id: Option<i64>,
    name: Option<String>,
    district: Option<String>,
    ballots: i64,
}

#[derive(sqlx::FromRow)]
struct IdeaTitleRow {
    id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
}

/// What a fair's results are counted from: its approved ideas by id, its
/// ballots by channel (the web first, then each station that has any, by id)
/// and the votes of each idea from each channel.
pub struct Votes {
    pub ideas: Vec<BoxIdea>,
    pub origins: Vec<OriginTotal>,
    pub counts: Vec<Count>,
}

/// The votes of a fair as stored.
pub async fn votes(db: &Db, fair_id: i64) -> ApiResult<Votes> {
    let ideas: Vec<IdeaTitleRow> = sqlx::query_as(
        "SELECT id, title_kk, title_ru, title_en FROM ideas \
         WHERE fair_id = $1 AND moderation = $2 ORDER BY id",
    )
    .bind(fair_id)
    .bind(Review::Approved.code())
    .fetch_all(&db.read)
    .await?;
    let counts: Vec<Count> = sqlx::query_as(
        "SELECT b.station_id, bi.idea_id, COUNT(*) FROM ballot_ideas bi \
         JOIN ballots b ON b.id = bi.ballot_id WHERE b.fair_id = $1 \
         GROUP BY b.station_id, bi.idea_id",
    )
    .bind(fair_id)
    .fetch_all(&db.read)
    .await?;
    let mut channels: Vec<ChannelRow> = sqlx::query_as(
        "SELECT b.station_id, s.name, s.district, COUNT(*) AS ballots FROM ballots b \
         LEFT JOIN stations s ON s.id = b.station_id WHERE b.fair_id = $1 \
         GROUP BY b.station_id, s.name, s.district",
    )
    .bind(fair_id)
    .fetch_all(&db.read)
    .await?;
    let mut origins = vec![OriginTotal {
        station: None,
        ballots: 0,
    }];
    channels.sort_by_key(|c| c.station_id);
    for c in channels {
        match (c.station_id, c.name, c.district) {
            (Some(id), Some(name), Some(district)) => origins.push(OriginTotal {
                station: Some(Station { id, name, district }),
                ballots: c.ballots,
            }),
            _ => origins[0].ballots = c.ballots,
        }
    }
    Ok(Votes {
        ideas: ideas
            .into_iter()
            .map(|r| BoxIdea {
                id: r.id,
                title: text(r.title_kk, r.title_ru, r.title_en),
            })
            .collect(),
        origins,
        counts,
    })
}

/// Stores a submitted idea, pending review; its id and when it was submitted.
pub async fn submit(
    db: &Db,
    actor: Actor,
    fair_id: i64,
    ngo_id: Option<i64>,
    idea: &NewIdea,
) -> ApiResult<(i64, String)> {
    let submitted_at = now();
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut tx = db.write.begin().await?;
    let (idea_id,): (i64,) = sqlx::query_as(
        "INSERT INTO ideas (fair_id, ngo_id, title_kk, title_ru, title_en, summary_kk, summary_ru, summary_en, \
         description_kk, description_ru, description_en, district, budget_kzt, moderation, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(fair_id)
    .bind(ngo_id)
    .bind(idea.title.kk.trim())
    .bind(blank(&idea.title.ru))
    .bind(blank(&idea.title.en))
    .bind(idea.summary.kk.trim())
    .bind(blank(&idea.summary.ru))
    .bind(blank(&idea.summary.en))
    .bind(idea.description.kk.trim())
    .bind(blank(&idea.description.ru))
    .bind(blank(&idea.description.en))
    .bind(idea.district.as_deref())
    .bind(idea.budget_kzt)
    .bind(Review::Pending.code())
    .bind(&submitted_at)
    .fetch_one(&mut *tx)
    .await?;
    for direction in &idea.directions {
        sqlx::query(
            "INSERT INTO idea_directions (idea_id, direction) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(idea_id)
        .bind(direction.as_str())
        .execute(&mut *tx)
        .await?;
    }
    let entry = Entry::new(RecordKind::Idea, idea_id, AuditAction::Created)
        .within(RecordKind::Fair, fair_id)
        .diff(&(), idea);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok((idea_id, submitted_at))
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    id: i64,
    fair_id: i64,
    title_kk: String,
    title_ru: Option<String>,
    title_en: Option<String>,
    summary_kk: String,
    summary_ru: Option<String>,
    summary_en: Option<String>,
    budget_kzt: i64,
    updated_at: String,
}

/// The ideas waiting for a moderator, oldest first.
pub async fn pending(db: &Db) -> ApiResult<Vec<PendingIdea>> {
    let rows: Vec<PendingRow> = sqlx::query_as(
        "SELECT id, fair_id, title_kk, title_ru, title_en, summary_kk, summary_ru, summary_en, budget_kzt, updated_at \
         FROM ideas WHERE moderation = $1 ORDER BY id",
    )
    .bind(Review::Pending.code())
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PendingIdea {
            id: r.id,
            fair_id: r.fair_id,
            title: text(r.title_kk, r.title_ru, r.title_en),
            summary: text(r.summary_kk, r.summary_ru, r.summary_en),
            budget_kzt: r.budget_kzt,
            submitted_at: r.updated_at,
        })
        .collect())
}

/// Approves or rejects a pending idea, a public decision; false when none was pending.
pub async fn decide(
    db: &Db,
    actor: Actor,
    id: i64,
    decision: Review,
    reason: Option<&str>,
) -> ApiResult<bool> {
    let mut tx = db.write.begin().await?;
    let decided: Option<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "UPDATE ideas SET moderation = $1, rejection_reason = $2, updated_at = $3, version = version + 1 \
         WHERE id = $4 AND moderation = $5 RETURNING fair_id, title_kk, title_ru, title_en",
    )
    .bind(decision.code())
    .bind(reason)
    .bind(now())
    .bind(id)
    .bind(Review::Pending.code())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((fair_id, kk, ru, en)) = decided else {
        return Ok(false);
    };
    // Named, so that the fair's page can tell which idea a decision was about.
    let entry = Entry::decision(RecordKind::Idea, id, decision == Review::Approved, reason)
        .within(RecordKind::Fair, fair_id)
        .set("title", &text(kk, ru, en))
        .change("moderation", &Review::Pending, &decision);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(true)
}

/// Records (or clears) the funding an approved idea found; false when there is no such idea.
pub async fn set_funding(
    db: &Db,
    actor: Actor,
    id: i64,
    funding: Option<&IdeaFunding>,
) -> ApiResult<bool> {
    let mut tx = db.write.begin().await?;
    let before: Option<(i64, Option<String>, Option<i64>, i64)> = sqlx::query_as(
        "SELECT fair_id, sponsor, sponsor_amount_kzt, memorandum_signed FROM ideas \
         WHERE id = $1 AND moderation = $2",
    )
    .bind(id)
    .bind(Review::Approved.code())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((fair_id, sponsor, amount, memorandum)) = before else {
        return Ok(false);
    };
    let entry = Entry::new(RecordKind::Idea, id, AuditAction::Funded)
        .within(RecordKind::Fair, fair_id)
        .public()
        .change(
            "sponsor",
            &sponsor,
            &funding.map(|f| f.sponsor.trim().to_owned()),
        )
        .change("amount_kzt", &amount, &funding.map(|f| f.amount_kzt))
        .change(
            "memorandum_signed",
            &(memorandum != 0),
            &funding.is_some_and(|f| f.memorandum_signed),
        );
    sqlx::query(
        "UPDATE ideas SET sponsor = $1, sponsor_amount_kzt = $2, memorandum_signed = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND moderation = $6",
    )
    .bind(funding.map(|f| f.sponsor.trim().to_owned()))
    .bind(funding.map(|f| f.amount_kzt))
    .bind(i64::from(funding.is_some_and(|f| f.memorandum_signed)))
    .bind(now())
    .bind(id)
    .bind(Review::Approved.code())
    .execute(&mut *tx)
    .await?;
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(true)
}
