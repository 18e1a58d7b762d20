//! A fair's ballot box: the chain over its ballot events, and its counted
//! ballots as they are published.

use super::Db;
use crate::error::ApiResult;
use bastama_model::ballot_box::{genesis, link};
use bastama_model::{BallotEvent, BoxBallot, ChainEntry};

/// Events chained in one statement.
const BATCH: usize = 200;

/// Chains the fair's events written since it was last chained, in the order
/// of their ids (an event whose transaction commits late is chained at the
/// next call, after those chained before it); the number of entries and the
/// head.
pub async fn chain(db: &Db, fair_id: i64) -> ApiResult<(i64, String)> {
    const PENDING: &str = "SELECT e.id, e.event, e.receipt, e.digest FROM ballot_events e \
         WHERE e.fair_id = $1 AND NOT EXISTS (SELECT 1 FROM ballot_chain c WHERE c.event_id = e.id) \
         ORDER BY e.id";
    let (pending,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM ({PENDING}) p"))
        .bind(fair_id)
        .fetch_one(&db.read)
        .await?;
    if pending == 0 {
        return head(&db.read, fair_id).await;
    }
    let mut tx = db.write.begin().await?;
    if db.postgres {
        // Several servers: one chainer per fair at a time, until this transaction ends.
        sqlx::query("SELECT pg_advisory_xact_lock(2120, CAST($1 AS INTEGER))")
            .bind(fair_id)
            .execute(&mut *tx)
            .await?;
    }
    let (mut seq, mut previous) = head(&mut *tx, fair_id).await?;
    let events: Vec<(i64, String, String, String)> = sqlx::query_as(PENDING)
        .bind(fair_id)
        .fetch_all(&mut *tx)
        .await?;
    for batch in events.chunks(BATCH) {
        let mut rows = Vec::with_capacity(batch.len());
        for (id, event, receipt, digest) in batch {
            let event =
                BallotEvent::from_code(event).ok_or_else(|| super::damaged("ballot event", *id))?;
            seq += 1;
            previous = link(&previous, seq, event, receipt, digest);
            rows.push((*id, seq, previous.clone()));
        }
        let values: Vec<String> = (0..rows.len())
            .map(|k| format!("($1, ${}, ${}, ${})", 3 * k + 2, 3 * k + 3, 3 * k + 4))
            .collect();
        let sql = format!(
            "INSERT INTO ballot_chain (fair_id, event_id, seq, hash) VALUES {}",
            values.join(", ")
        );
        let mut insert = sqlx::query(&sql).bind(fair_id);
        for (id, seq, hash) in rows {
            insert = insert.bind(id).bind(seq).bind(hash);
        }
        insert.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok((seq, previous))
}

/// The chain's last entry and hash as stored: none and the genesis before the first.
async fn head<'c, E>(conn: E, fair_id: i64) -> ApiResult<(i64, String)>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let last: Option<(i64, String)> = sqlx::query_as(
        "SELECT seq, hash FROM ballot_chain WHERE fair_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(fair_id)
    .fetch_optional(conn)
    .await?;
    Ok(last.unwrap_or_else(|| (0, genesis(fair_id))))
}

/// Every entry of the fair's chain, in order (chain it first).
pub async fn entries(db: &Db, fair_id: i64) -> ApiResult<Vec<ChainEntry>> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT c.seq, e.event, e.receipt, e.digest, c.hash FROM ballot_chain c \
         JOIN ballot_events e ON e.id = c.event_id WHERE c.fair_id = $1 ORDER BY c.seq",
    )
    .bind(fair_id)
    .fetch_all(&db.read)
    .await?;
    rows.into_iter()
        .map(|(seq, event, receipt, digest, hash)| {
            Ok(ChainEntry {
                seq,
                event: BallotEvent::from_code(&event)
                    .ok_or_else(|| super::damaged("ballot chain entry", seq))?,
                receipt,
                digest,
                hash,
            })
        })
        .collect()
}

/// Every counted ballot of the fair with its receipt, ideas and station, in
/// no particular order: never its voter, registrar or times.
pub async fn counted(db: &Db, fair_id: i64) -> ApiResult<Vec<BoxBallot>> {
    let rows: Vec<(i64, Option<String>, Option<i64>, i64)> = sqlx::query_as(
        "SELECT b.id, b.receipt, b.station_id, bi.idea_id FROM ballots b \
         JOIN ballot_ideas bi ON bi.ballot_id = b.id WHERE b.fair_id = $1 ORDER BY b.id, bi.idea_id",
    )
    .bind(fair_id)
    .fetch_all(&db.read)
    .await?;
    let mut ballots: Vec<(i64, BoxBallot)> = Vec::new();
    for (id, receipt, station, idea) in rows {
        match ballots.last_mut() {
            Some((last, ballot)) if *last == id => ballot.ideas.push(idea),
            _ => ballots.push((
                id,
                BoxBallot {
                    receipt: receipt.unwrap_or_default(),
                    ideas: vec![idea],
                    station,
                },
            )),
        }
    }
    Ok(ballots.into_iter().map(|(_, ballot)| ballot).collect())
}
