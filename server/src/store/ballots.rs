//! Ballots: one per voter (the keyed hash of their IIN) per fair, and one IIN
//! per phone in each fair.

use super::{marks, wrote, Actor, Db};
use crate::error::ApiResult;
use bastama_model::{Ballot, Review};
use sqlx::{Any, Transaction};

/// The voter's saved ballot in a fair; empty when there is none.
pub async fn saved(db: &Db, fair_id: i64, voter_key: &str) -> ApiResult<Ballot> {
    let ballot: Option<(i64, String)> =
        sqlx::query_as("SELECT id, updated_at FROM ballots WHERE fair_id = $1 AND voter_key = $2")
            .bind(fair_id)
            .bind(voter_key)
            .fetch_optional(&db.read)
            .await?;
    let Some((ballot_id, updated_at)) = ballot else {
        return Ok(Ballot {
            fair_id,
            idea_ids: Vec::new(),
            updated_at: None,
        });
    };
    let ideas: Vec<(i64,)> =
        sqlx::query_as("SELECT idea_id FROM ballot_ideas WHERE ballot_id = $1 ORDER BY idea_id")
            .bind(ballot_id)
            .fetch_all(&db.read)
            .await?;
    Ok(Ballot {
        fair_id,
        idea_ids: ideas.into_iter().map(|(id,)| id).collect(),
        updated_at: Some(updated_at),
    })
}

/// Whose ballot is being saved: the keyed hashes of the voter's IIN and phone.
pub struct VoterKeys<'a> {
    pub voter_key: &'a str,
    pub phone_key: &'a str,
}

/// How saving a ballot ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Saving {
    Saved,
    /// The phone verified another IIN in this fair before.
    PhoneUsed,
    /// An idea is not an approved idea of this fair: nothing was written.
    UnknownIdeas,
}

/// Saves (or replaces) a voter's ballot of `idea_ids` (distinct, at least one,
/// as validated) at `now`.
pub async fn save(
    db: &Db,
    fair_id: i64,
    voter: VoterKeys<'_>,
    idea_ids: &[i64],
    now: &str,
) -> ApiResult<Saving> {
    let saving = if db.postgres {
        match first_in_one_statement(db, fair_id, &voter, idea_ids, now).await? {
            Some(saving) => saving,
            None => in_transaction(db, fair_id, &voter, idea_ids, now).await?,
        }
    } else {
        in_transaction(db, fair_id, &voter, idea_ids, now).await?
    };
    if saving == Saving::Saved {
        wrote(Actor::Voter, "ballot", fair_id, "saved");
    }
    Ok(saving)
}

/// PostgreSQL: a voter's first ballot in one statement, one round trip: the
/// ideas checked, the phone linked, the ballot and its ideas inserted, all or
/// nothing. `None` when the voter has a ballot already: replacing it runs in a
/// transaction, whose statements each see what a concurrent save committed.
async fn first_in_one_statement(
    db: &Db,
    fair_id: i64,
    voter: &VoterKeys<'_>,
    idea_ids: &[i64],
    now: &str,
) -> ApiResult<Option<Saving>> {
    let ids = marks(7, idea_ids.len());
    let sql = format!(
        "WITH ok AS (SELECT COUNT(*) AS n FROM ideas WHERE fair_id = $1 AND moderation = $4 AND id IN ({ids})), \
         link AS (INSERT INTO phone_links (fair_id, phone_key, voter_key) SELECT $1, $2, $3 FROM ok WHERE ok.n = $5 \
                  ON CONFLICT (fair_id, phone_key) DO UPDATE SET voter_key = phone_links.voter_key \
                  RETURNING voter_key), \
         ballot AS (INSERT INTO ballots (fair_id, voter_key, created_at, updated_at) \
                    SELECT $1, $3, $6, $6 FROM link WHERE link.voter_key = $3 \
                    ON CONFLICT (fair_id, voter_key) DO NOTHING RETURNING id), \
         chosen AS (INSERT INTO ballot_ideas (ballot_id, idea_id) \
                    SELECT ballot.id, i.id FROM ballot, ideas i WHERE i.fair_id = $1 AND i.id IN ({ids})) \
         SELECT (SELECT n FROM ok), (SELECT voter_key FROM link), (SELECT id FROM ballot)"
    );
    let mut query = sqlx::query_as::<_, (i64, Option<String>, Option<i64>)>(&sql)
        .bind(fair_id)
        .bind(voter.phone_key)
        .bind(voter.voter_key)
        .bind(Review::Approved.code())
        .bind(idea_ids.len() as i64)
        .bind(now);
    for idea in idea_ids {
        query = query.bind(*idea);
    }
    let (approved, linked, ballot) = query.fetch_one(&db.write).await?;
    Ok(if approved != idea_ids.len() as i64 {
        Some(Saving::UnknownIdeas)
    } else if linked.as_deref() != Some(voter.voter_key) {
        Some(Saving::PhoneUsed)
    } else if ballot.is_some() {
        Some(Saving::Saved)
    } else {
        None
    })
}

/// A ballot saved in one transaction, with few statements: on SQLite it holds
/// the write lock.
async fn in_transaction(
    db: &Db,
    fair_id: i64,
    voter: &VoterKeys<'_>,
    idea_ids: &[i64],
    now: &str,
) -> ApiResult<Saving> {
    let mut tx = db.write.begin().await?;
    // The phone's link in this fair: made now, or the one made before (the
    // no-op update lets RETURNING give the existing row).
    let (linked,): (String,) = sqlx::query_as(
        "INSERT INTO phone_links (fair_id, phone_key, voter_key) VALUES ($1, $2, $3) \
         ON CONFLICT (fair_id, phone_key) DO UPDATE SET voter_key = phone_links.voter_key \
         RETURNING voter_key",
    )
    .bind(fair_id)
    .bind(voter.phone_key)
    .bind(voter.voter_key)
    .fetch_one(&mut *tx)
    .await?;
    if linked != voter.voter_key {
        return Ok(Saving::PhoneUsed);
    }
    let ballot_id = upsert_ballot(&mut tx, fair_id, voter.voter_key, now).await?;
    // Every chosen idea in one statement, which takes only approved ideas of
    // this fair; one missing refuses the ballot and the transaction is rolled back.
    let sql = format!(
        "INSERT INTO ballot_ideas (ballot_id, idea_id) SELECT $1, id FROM ideas \
         WHERE fair_id = $2 AND moderation = $3 AND id IN ({})",
        marks(4, idea_ids.len())
    );
    let mut insert = sqlx::query(&sql)
        .bind(ballot_id)
        .bind(fair_id)
        .bind(Review::Approved.code());
    for idea in idea_ids {
        insert = insert.bind(*idea);
    }
    if insert.execute(&mut *tx).await?.rows_affected() != idea_ids.len() as u64 {
        return Ok(Saving::UnknownIdeas);
    }
    tx.commit().await?;
    Ok(Saving::Saved)
}

/// The voter's ballot row: a first one is one insert; one saved before is
/// stamped and emptied of its ideas. Its id.
async fn upsert_ballot(
    tx: &mut Transaction<'_, Any>,
    fair_id: i64,
    voter_key: &str,
    now: &str,
) -> ApiResult<i64> {
    let first: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO ballots (fair_id, voter_key, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (fair_id, voter_key) DO NOTHING RETURNING id",
    )
    .bind(fair_id)
    .bind(voter_key)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((id,)) = first {
        return Ok(id);
    }
    let (id,): (i64,) = sqlx::query_as(
        "UPDATE ballots SET updated_at = $3 WHERE fair_id = $1 AND voter_key = $2 RETURNING id",
    )
    .bind(fair_id)
    .bind(voter_key)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM ballot_ideas WHERE ballot_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}
