//! The database's one door: every SQL statement of the server lives in this
//! module, one file per record, and every write names who makes it.

pub mod accounts;
pub mod audit;
pub mod ballot_box;
pub mod ballots;
pub mod fairs;
pub mod filter;
pub mod ideas;
pub mod initiatives;
pub mod limits;
pub mod meta;
pub mod ngos;
pub mod outbox;
pub mod rolls;
pub mod seed;
pub mod stations;
pub mod stats;
pub mod voters;

use crate::error::{ApiError, ApiResult};
use bastama_model::{search, Reason, Role, Text};
use sqlx::AnyPool;
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The pools: reads, and writes. On SQLite writes go through one connection of
/// their own, so writers queue in order instead of polling SQLite's lock; on
/// PostgreSQL both are the same pool.
#[derive(Clone)]
pub struct Db {
    pub read: AnyPool,
    pub write: AnyPool,
    /// PostgreSQL takes a ballot in one statement; SQLite in a transaction.
    pub postgres: bool,
}

impl Db {
    /// Connects to `url` (`sqlite://...` or `postgres://...`), the schema brought up to date.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        let read = crate::db::connect(url).await?;
        Ok(Db {
            write: crate::db::writer(url, &read).await?,
            read,
            postgres: url.starts_with("postgres"),
        })
    }
}

/// Who makes a write.
#[derive(Debug, Clone, Copy)]
pub enum Actor {
    /// The server itself: housekeeping, and what no one signed in for.
    System,
    /// A signed-in account.
    Account { id: i64, role: Role },
    /// A verified voter (never named: their keys are secret).
    Voter,
}

/// A write the audit log does not keep (a voter's, the server's housekeeping),
/// noted in the server's log: only ids and kinds, no IIN, phone or code.
fn wrote(actor: Actor, record: &str, id: i64, change: &str) {
    tracing::info!(?actor, record, id, change, "write");
}

/// Runs a write of one record and logs `entry` with it, in one transaction;
/// true when it changed the record.
async fn write_one<'q>(
    db: &Db,
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    actor: Actor,
    entry: audit::Entry,
) -> ApiResult<bool> {
    let mut tx = db.write.begin().await?;
    let done = query.execute(&mut *tx).await?.rows_affected() == 1;
    if done {
        audit::append(&mut tx, db.postgres, actor, entry).await?;
        tx.commit().await?;
    }
    Ok(done)
}

/// Now, as the RFC 3339 UTC text the database keeps.
pub fn now() -> String {
    rfc3339(OffsetDateTime::now_utc())
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// The search key of a record: its names in every language, folded.
pub fn search_key(text: &Text) -> String {
    let all = [
        Some(text.kk.as_str()),
        text.ru.as_deref(),
        text.en.as_deref(),
    ];
    search::fold(&all.into_iter().flatten().collect::<Vec<_>>().join(" "))
}

/// Builds the multilingual text of three columns.
fn text(kk: String, ru: Option<String>, en: Option<String>) -> Text {
    Text { kk, ru, en }
}

/// `$first, $first+1, ...`: one numbered placeholder for each of `n` values.
fn marks(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|k| format!("${k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The direction slugs of each of `ids`, from a link table such as `ngo_directions`.
async fn directions_of(
    db: &AnyPool,
    table: &str,
    key: &str,
    ids: &[i64],
) -> ApiResult<HashMap<i64, Vec<String>>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(map);
    }
    let sql = format!(
        "SELECT {key}, direction FROM {table} WHERE {key} IN ({}) ORDER BY direction",
        marks(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    for (id, direction) in query.fetch_all(db).await? {
        map.entry(id).or_default().push(direction);
    }
    Ok(map)
}

/// The vocabularies a filter or a form may name.
#[derive(Debug, Clone, Copy)]
pub enum Vocabulary {
    Districts,
    Directions,
}

/// Checks that a district or direction slug given as `field` exists.
pub async fn known_slug(db: &Db, vocabulary: Vocabulary, field: &str, slug: &str) -> ApiResult<()> {
    let sql = match vocabulary {
        Vocabulary::Districts => "SELECT COUNT(*) FROM districts WHERE slug = $1",
        Vocabulary::Directions => "SELECT COUNT(*) FROM directions WHERE slug = $1",
    };
    let (n,): (i64,) = sqlx::query_as(sql).bind(slug).fetch_one(&db.read).await?;
    if n == 0 {
        return Err(ApiError::invalid(
            field,
            Reason::Unknown,
            format!("{slug:?} is not a known value"),
        ));
    }
    Ok(())
}

/// A stored value that no longer parses (of a closed vocabulary, or an
/// identifier that was checked when written) means a damaged database,
/// reported as such rather than guessed.
fn damaged(record: &str, id: i64) -> ApiError {
    tracing::error!(record, id, "a stored value no longer parses");
    ApiError::unavailable("a stored record is damaged")
}

/// A stored identifier, checked again as it is read: `Bin`, `Phone`, `Email`.
fn checked<T: TryFrom<String>>(record: &str, id: i64, value: String) -> ApiResult<T> {
    T::try_from(value).map_err(|_| damaged(record, id))
}

/// Removes what has expired: sessions, codes, old rate-limit windows.
pub async fn sweep(db: &Db, now: &str, oldest_window: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(&db.write)
        .await?;
    sqlx::query("DELETE FROM voter_codes WHERE expires_at < $1")
        .bind(now)
        .execute(&db.write)
        .await?;
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(oldest_window)
        .execute(&db.write)
        .await?;
    Ok(())
}

impl Actor {
    pub fn of(account: &bastama_model::Account) -> Actor {
        Actor::Account {
            id: account.id,
            role: account.role,
        }
    }
}
