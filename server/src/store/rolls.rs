//! Fairs' voter rolls: the IINs (as keyed hashes) that may vote in a fair,
//! each with the district the roll places it in. A roll is imported in
//! batches, staged beside the roll in force, and replaces it in one
//! transaction with its last batch.

use super::audit::{self, Entry as Logged};
use super::{Actor, Db};
use crate::error::{ApiError, ApiResult};
use bastama_model::{AuditAction, Electorate, Fair, Kind, RecordKind};

/// A line of a roll: the IIN's keyed hash and the district's slug.
pub struct Entry {
    pub voter_key: String,
    pub district: Option<String>,
}

/// Rows written by one statement: three binds each, under SQLite's limit.
const ROWS_PER_INSERT: usize = 1000;

/// May the voter of `voter_key` vote in `fair`?
pub async fn eligible(db: &Db, fair: &Fair, voter_key: &str) -> ApiResult<bool> {
    if fair.electorate == Electorate::Open {
        return Ok(true);
    }
    let entry: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT district FROM voter_rolls WHERE fair_id = $1 AND staged = 0 AND voter_key = $2",
    )
    .bind(fair.id)
    .bind(voter_key)
    .fetch_optional(&db.read)
    .await?;
    Ok(match (fair.electorate, entry) {
        (_, None) => false,
        (Electorate::District, Some((district,))) => {
            district.is_some_and(|d| fair.districts.contains(&d))
        }
        (_, Some(_)) => true,
    })
}

/// What a batch did: lines taken, lines already on the roll, and the size of
/// the roll in force once the last batch made it so.
pub struct Imported {
    pub accepted: i64,
    pub duplicates: i64,
    pub roll_size: Option<i64>,
}

/// Stages batch `batch` of `of` of a new roll for the fair; the last batch
/// puts the staged roll in force, in place of the old one. Batch 1 starts
/// the import afresh; any other must follow the one before it.
pub async fn import_batch(
    db: &Db,
    actor: Actor,
    fair_id: i64,
    (batch, of): (i64, i64),
    entries: &[Entry],
) -> ApiResult<Imported> {
    let mut tx = db.write.begin().await?;
    let followed = sqlx::query(
        "UPDATE fairs SET roll_staged = $1 WHERE id = $2 AND ($1 = 1 OR roll_staged = $1 - 1)",
    )
    .bind(batch)
    .bind(fair_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if followed != 1 {
        return Err(ApiError::new(
            Kind::Conflict,
            format!(
                "batch {batch} must follow batch {}: start again from batch 1",
                batch - 1
            ),
        ));
    }
    if batch == 1 {
        sqlx::query("DELETE FROM voter_rolls WHERE fair_id = $1 AND staged = 1")
            .bind(fair_id)
            .execute(&mut *tx)
            .await?;
    }
    let mut accepted = 0;
    for rows in entries.chunks(ROWS_PER_INSERT) {
        let values = (0..rows.len())
            .map(|i| format!("($1, 1, ${}, ${})", 2 * i + 2, 2 * i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO voter_rolls (fair_id, staged, voter_key, district) VALUES {values} \
             ON CONFLICT DO NOTHING"
        );
        let mut insert = sqlx::query(&sql).bind(fair_id);
        for row in rows {
            insert = insert.bind(&row.voter_key).bind(row.district.as_deref());
        }
        accepted += insert.execute(&mut *tx).await?.rows_affected() as i64;
    }
    let mut roll_size = None;
    let mut logged = Logged::new(RecordKind::Fair, fair_id, AuditAction::RollImported)
        .set("batch", &format!("{batch}/{of}"))
        .set("accepted", &accepted);
    if batch == of {
        let (before,): (i64,) = sqlx::query_as("SELECT roll_size FROM fairs WHERE id = $1")
            .bind(fair_id)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM voter_rolls WHERE fair_id = $1 AND staged = 0")
            .bind(fair_id)
            .execute(&mut *tx)
            .await?;
        let size = sqlx::query("UPDATE voter_rolls SET staged = 0 WHERE fair_id = $1")
            .bind(fair_id)
            .execute(&mut *tx)
            .await?
            .rows_affected() as i64;
        sqlx::query("UPDATE fairs SET roll_size = $1, roll_staged = 0 WHERE id = $2")
            .bind(size)
            .bind(fair_id)
            .execute(&mut *tx)
            .await?;
        roll_size = Some(size);
        logged = logged.change("roll_size", &before, &size);
    }
    audit::append(&mut tx, db.postgres, actor, logged).await?;
    tx.commit().await?;
    Ok(Imported {
        accepted,
        duplicates: entries.len() as i64 - accepted,
        roll_size,
    })
}
