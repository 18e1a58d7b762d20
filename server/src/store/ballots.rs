//! Ballots: one per voter (the keyed hash of their IIN) per fair, and one IIN
//! per phone in each fair.

use super::audit::{self, Entry};
use super::{marks, rfc3339, wrote, Actor, Db};
use crate::error::ApiResult;
use bastama_model::{
    AuditAction, Ballot, BallotEvent, FairPhase, PaperBallot, ReceiptState, RecordKind, Review,
    Station, VoidedBallot,
};
use sqlx::{Any, Transaction};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The voter's saved ballot in a fair; empty when there is none.
pub async fn saved(db: &Db, fair_id: i64, voter_key: &str) -> ApiResult<Ballot> {
    let ballot: Option<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT id, updated_at, station_id, receipt FROM ballots WHERE fair_id = $1 AND voter_key = $2",
    )
    .bind(fair_id)
    .bind(voter_key)
    .fetch_optional(&db.read)
    .await?;
    let Some((ballot_id, updated_at, station, receipt)) = ballot else {
        return Ok(Ballot {
            fair_id,
            idea_ids: Vec::new(),
            updated_at: None,
            paper: false,
            receipt: None,
        });
    };
    // A paper ballot's ideas stay on paper: a phone proves no one's identity.
    if station.is_some() {
        return Ok(Ballot {
            fair_id,
            idea_ids: Vec::new(),
            updated_at: Some(updated_at),
            paper: true,
            receipt: None,
        });
    }
    let ideas: Vec<(i64,)> =
        sqlx::query_as("SELECT idea_id FROM ballot_ideas WHERE ballot_id = $1 ORDER BY idea_id")
            .bind(ballot_id)
            .fetch_all(&db.read)
            .await?;
    Ok(Ballot {
        fair_id,
        idea_ids: ideas.into_iter().map(|(id,)| id).collect(),
        updated_at: Some(updated_at),
        paper: false,
        receipt,
    })
}

/// What became of the ballot `code` was given for; `None` when no ballot of
/// this fair was ever given it.
pub async fn receipt_state(db: &Db, fair_id: i64, code: &str) -> ApiResult<Option<ReceiptState>> {
    let (counted, voided): (i64, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM ballots WHERE fair_id = $1 AND receipt = $2), \
         (SELECT voided FROM receipts WHERE fair_id = $1 AND code = $2)",
    )
    .bind(fair_id)
    .bind(code)
    .fetch_one(&db.read)
    .await?;
    Ok(match (counted, voided) {
        (1.., _) => Some(ReceiptState::Counted),
        (_, Some(1..)) => Some(ReceiptState::Voided),
        (_, Some(_)) => Some(ReceiptState::Replaced),
        (_, None) => None,
    })
}

/// Keeps a receipt given, in the transaction of its ballot.
async fn issue(tx: &mut Transaction<'_, Any>, fair_id: i64, receipt: &str) -> ApiResult<()> {
    sqlx::query("INSERT INTO receipts (fair_id, code) VALUES ($1, $2)")
        .bind(fair_id)
        .bind(receipt)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Keeps a ballot event for the box's chain, in the transaction that wrote it.
async fn record(
    tx: &mut Transaction<'_, Any>,
    fair_id: i64,
    event: BallotEvent,
    receipt: &str,
    digest: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO ballot_events (fair_id, event, receipt, digest) VALUES ($1, $2, $3, $4)",
    )
    .bind(fair_id)
    .bind(event.code())
    .bind(receipt)
    .bind(digest)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The receipt a ballot is given, and the digest its cast entry commits to.
#[derive(Debug, Clone, Copy)]
pub struct Sealed<'a> {
    pub receipt: &'a str,
    pub digest: &'a str,
}

/// Whose ballot is being saved: the keyed hashes of the voter's IIN and
/// phone, and the ballot's receipt and digest.
pub struct VoterKeys<'a> {
    pub voter_key: &'a str,
    pub phone_key: &'a str,
    pub sealed: Sealed<'a>,
}

/// How saving a ballot ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Saving {
    Saved,
    /// The phone verified another IIN in this fair before.
    PhoneUsed,
    /// An idea is not an approved idea of this fair: nothing was written.
    UnknownIdeas,
    /// This IIN voted on paper at a station, at this time: nothing was written.
    OnPaper(String),
    /// Another save of this voter's ballot came first: nothing was written.
    ChangedMeanwhile,
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
    let ids = marks(10, idea_ids.len());
    let sql = format!(
        "WITH ok AS (SELECT COUNT(*) AS n FROM ideas WHERE fair_id = $1 AND moderation = $4 AND id IN ({ids})), \
         link AS (INSERT INTO phone_links (fair_id, phone_key, voter_key) SELECT $1, $2, $3 FROM ok WHERE ok.n = $5 \
                  ON CONFLICT (fair_id, phone_key) DO UPDATE SET voter_key = phone_links.voter_key \
                  RETURNING voter_key), \
         ballot AS (INSERT INTO ballots (fair_id, voter_key, created_at, updated_at, receipt) \
                    SELECT $1, $3, $6, $6, $7 FROM link WHERE link.voter_key = $3 \
                    ON CONFLICT (fair_id, voter_key) DO NOTHING RETURNING id), \
         issued AS (INSERT INTO receipts (fair_id, code) SELECT $1, $7 FROM ballot), \
         event AS (INSERT INTO ballot_events (fair_id, event, receipt, digest) SELECT $1, $8, $7, $9 FROM ballot), \
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
        .bind(now)
        .bind(voter.sealed.receipt)
        .bind(BallotEvent::Cast.code())
        .bind(voter.sealed.digest);
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
    let (ballot_id, replaced) = match upsert_ballot(&mut tx, fair_id, voter, now).await? {
        Ok(saved) => saved,
        Err(refused) => return Ok(refused),
    };
    if !insert_ideas(&mut tx, ballot_id, fair_id, idea_ids).await? {
        return Ok(Saving::UnknownIdeas);
    }
    issue(&mut tx, fair_id, voter.sealed.receipt).await?;
    if let Some(old) = replaced {
        record(&mut tx, fair_id, BallotEvent::Replaced, &old, "").await?;
    }
    let Sealed { receipt, digest } = voter.sealed;
    record(&mut tx, fair_id, BallotEvent::Cast, receipt, digest).await?;
    tx.commit().await?;
    Ok(Saving::Saved)
}

/// Every chosen idea of a ballot in one statement, which takes only approved
/// ideas of this fair; false when one is missing, and then the caller's
/// transaction is rolled back.
async fn insert_ideas(
    tx: &mut Transaction<'_, Any>,
    ballot_id: i64,
    fair_id: i64,
    idea_ids: &[i64],
) -> ApiResult<bool> {
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
    Ok(insert.execute(&mut **tx).await?.rows_affected() == idea_ids.len() as u64)
}

/// The voter's ballot row: a first one is one insert; one saved online before
/// is stamped with the new receipt and emptied of its ideas. Its id and the
/// receipt it replaced, or why nothing was written: the voter's paper ballot
/// stays as it is, and a save that lost a race to another leaves it to that one.
async fn upsert_ballot(
    tx: &mut Transaction<'_, Any>,
    fair_id: i64,
    voter: &VoterKeys<'_>,
    now: &str,
) -> ApiResult<Result<(i64, Option<String>), Saving>> {
    let voter_key = voter.voter_key;
    let first: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO ballots (fair_id, voter_key, created_at, updated_at, receipt) \
         VALUES ($1, $2, $3, $3, $4) ON CONFLICT (fair_id, voter_key) DO NOTHING RETURNING id",
    )
    .bind(fair_id)
    .bind(voter_key)
    .bind(now)
    .bind(voter.sealed.receipt)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((id,)) = first {
        return Ok(Ok((id, None)));
    }
    let (id, station, created_at, old): (i64, Option<i64>, String, Option<String>) =
        sqlx::query_as(
            "SELECT id, station_id, created_at, receipt FROM ballots \
             WHERE fair_id = $1 AND voter_key = $2",
        )
        .bind(fair_id)
        .bind(voter_key)
        .fetch_one(&mut **tx)
        .await?;
    if station.is_some() {
        return Ok(Err(Saving::OnPaper(created_at)));
    }
    // Only if the receipt is still the one read: the replaced event names it.
    let stamped = sqlx::query(
        "UPDATE ballots SET updated_at = $2, receipt = $3 \
         WHERE id = $1 AND receipt IS NOT DISTINCT FROM $4",
    )
    .bind(id)
    .bind(now)
    .bind(voter.sealed.receipt)
    .bind(old.as_deref())
    .execute(&mut **tx)
    .await?;
    if stamped.rows_affected() == 0 {
        return Ok(Err(Saving::ChangedMeanwhile));
    }
    sqlx::query("DELETE FROM ballot_ideas WHERE ballot_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(Ok((id, old)))
}

/// How entering a paper ballot ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Entering {
    Entered(PaperBallot),
    /// This IIN has a ballot in this fair already, on paper or online, saved
    /// at this time: nothing was written.
    VotedBefore {
        paper: bool,
        at: String,
    },
    /// An idea is not an approved idea of this fair: nothing was written.
    UnknownIdeas,
}

/// The registrar who enters a paper ballot, and their station.
#[derive(Debug, Clone, Copy)]
pub struct Registrar {
    pub account_id: i64,
    pub station_id: i64,
}

/// How long a registrar may void a ballot they entered.
pub const VOID_WINDOW: time::Duration = time::Duration::minutes(10);

/// Records a paper ballot of `idea_ids` (validated) for the voter's keyed IIN,
/// with its receipt, unless that IIN has voted in this fair by either channel.
pub async fn enter_paper(
    db: &Db,
    registrar: Registrar,
    fair_id: i64,
    voter_key: &str,
    sealed: Sealed<'_>,
    idea_ids: &[i64],
    now: &str,
) -> ApiResult<Entering> {
    let receipt = sealed.receipt;
    let mut tx = db.write.begin().await?;
    let entered: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO ballots (fair_id, voter_key, created_at, updated_at, station_id, registrar_id, receipt) \
         VALUES ($1, $2, $3, $3, $4, $5, $6) ON CONFLICT (fair_id, voter_key) DO NOTHING RETURNING id",
    )
    .bind(fair_id)
    .bind(voter_key)
    .bind(now)
    .bind(registrar.station_id)
    .bind(registrar.account_id)
    .bind(receipt)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = entered else {
        let (station, at): (Option<i64>, String) = sqlx::query_as(
            "SELECT station_id, updated_at FROM ballots WHERE fair_id = $1 AND voter_key = $2",
        )
        .bind(fair_id)
        .bind(voter_key)
        .fetch_one(&mut *tx)
        .await?;
        return Ok(Entering::VotedBefore {
            paper: station.is_some(),
            at,
        });
    };
    if !insert_ideas(&mut tx, id, fair_id, idea_ids).await? {
        return Ok(Entering::UnknownIdeas);
    }
    issue(&mut tx, fair_id, receipt).await?;
    record(&mut tx, fair_id, BallotEvent::Cast, receipt, sealed.digest).await?;
    let entry = Entry::new(RecordKind::Ballot, id, AuditAction::Entered)
        .within(RecordKind::Fair, fair_id)
        .set("station_id", &registrar.station_id);
    audit::append(&mut tx, db.postgres, registrar.actor(), entry).await?;
    tx.commit().await?;
    Ok(Entering::Entered(paper_ballot(
        id,
        fair_id,
        now.to_owned(),
        receipt.to_owned(),
    )))
}

impl Registrar {
    fn actor(self) -> Actor {
        Actor::Account {
            id: self.account_id,
            role: bastama_model::Role::Registrar,
        }
    }
}

fn paper_ballot(id: i64, fair_id: i64, entered_at: String, receipt: String) -> PaperBallot {
    let void_until = OffsetDateTime::parse(&entered_at, &Rfc3339)
        .map(|at| rfc3339(at + VOID_WINDOW))
        .unwrap_or_default();
    PaperBallot {
        id,
        fair_id,
        entered_at,
        void_until,
        receipt,
    }
}

/// The paper ballots a registrar entered lately, newest first: never their ideas.
pub async fn entered_by(db: &Db, registrar_id: i64) -> ApiResult<Vec<PaperBallot>> {
    let rows: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, fair_id, created_at, receipt FROM ballots WHERE registrar_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 20",
    )
    .bind(registrar_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, fair_id, at, receipt)| {
            paper_ballot(id, fair_id, at, receipt.unwrap_or_default())
        })
        .collect())
}

/// How voiding a paper ballot ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Voiding {
    Voided,
    /// Entered more than [`VOID_WINDOW`] ago.
    TooLate,
    /// No ballot of this id that this registrar entered.
    NotFound,
}

/// Voids a paper ballot the registrar entered within [`VOID_WINDOW`] of `now`,
/// while its fair's voting is open: the ballot is removed (its voter may vote
/// again) and the void kept.
pub async fn void(
    db: &Db,
    registrar: Registrar,
    ballot_id: i64,
    reason: &str,
    now: OffsetDateTime,
) -> ApiResult<Voiding> {
    let mut tx = db.write.begin().await?;
    let removed: Option<(i64, i64, String, Option<String>)> = sqlx::query_as(
        "DELETE FROM ballots WHERE id = $1 AND registrar_id = $2 AND created_at >= $3 \
         AND fair_id IN (SELECT id FROM fairs WHERE phase = $4) \
         RETURNING fair_id, station_id, created_at, receipt",
    )
    .bind(ballot_id)
    .bind(registrar.account_id)
    .bind(rfc3339(now - VOID_WINDOW))
    .bind(FairPhase::Voting.code())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((fair_id, station_id, entered_at, receipt)) = removed else {
        tx.rollback().await?;
        let (theirs,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM ballots WHERE id = $1 AND registrar_id = $2")
                .bind(ballot_id)
                .bind(registrar.account_id)
                .fetch_one(&db.read)
                .await?;
        return Ok(if theirs > 0 {
            Voiding::TooLate
        } else {
            Voiding::NotFound
        });
    };
    sqlx::query(
        "INSERT INTO voided_ballots (fair_id, station_id, registrar_id, entered_at, voided_at, reason) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(fair_id)
    .bind(station_id)
    .bind(registrar.account_id)
    .bind(entered_at)
    .bind(rfc3339(now))
    .bind(reason.trim())
    .execute(&mut *tx)
    .await?;
    if let Some(receipt) = receipt {
        sqlx::query("UPDATE receipts SET voided = 1 WHERE fair_id = $1 AND code = $2")
            .bind(fair_id)
            .bind(&receipt)
            .execute(&mut *tx)
            .await?;
        record(&mut tx, fair_id, BallotEvent::Voided, &receipt, "").await?;
    }
    let entry = Entry::new(RecordKind::Ballot, ballot_id, AuditAction::Voided)
        .within(RecordKind::Fair, fair_id)
        .set("reason", reason.trim());
    audit::append(&mut tx, db.postgres, registrar.actor(), entry).await?;
    tx.commit().await?;
    Ok(Voiding::Voided)
}

/// Every void of a fair, newest first.
pub async fn voids(db: &Db, fair_id: i64) -> ApiResult<Vec<VoidedBallot>> {
    let rows: Vec<(i64, i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT v.id, v.fair_id, s.name, a.email, v.entered_at, v.voided_at, v.reason \
         FROM voided_ballots v JOIN stations s ON s.id = v.station_id \
         JOIN accounts a ON a.id = v.registrar_id WHERE v.fair_id = $1 ORDER BY v.id DESC",
    )
    .bind(fair_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, fair_id, station, registrar, entered_at, voided_at, reason)| VoidedBallot {
                id,
                fair_id,
                station,
                registrar,
                entered_at,
                voided_at,
                reason,
            },
        )
        .collect())
}

/// How many paper ballots of a fair were voided at each station, by station id.
pub async fn voids_by_station(db: &Db, fair_id: i64) -> ApiResult<Vec<(Station, i64)>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT s.id, s.name, s.district, COUNT(*) FROM voided_ballots v \
         JOIN stations s ON s.id = v.station_id WHERE v.fair_id = $1 \
         GROUP BY s.id, s.name, s.district ORDER BY s.id",
    )
    .bind(fair_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, district, n)| (Station { id, name, district }, n))
        .collect())
}
