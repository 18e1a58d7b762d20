//! The audit log: one entry for each write by an account or the server, in the
//! same transaction as the write, chained by hashes. Nothing here edits or
//! deletes an entry.

use super::{now, Actor, Db};
use crate::error::ApiResult;
use bastama_model::{
    AuditAction, AuditEntry, AuditQuery, ChainCheck, FieldChange, RecordKind, RecordRef, Role,
};
use serde::Serialize;
use sqlx::AnyConnection;

/// Fields whose values never enter the log: only that they changed.
const HIDDEN: [&str; 4] = ["email", "phone", "iin", "password"];

/// The hash the first entry follows.
const GENESIS: &str = "bastama audit log";

/// An entry about to be written: what record, what was done, what changed.
pub struct Entry {
    record: RecordRef,
    within: Option<RecordRef>,
    action: AuditAction,
    changes: Vec<FieldChange>,
    public: bool,
}

impl Entry {
    pub fn new(kind: RecordKind, id: i64, action: AuditAction) -> Entry {
        Entry {
            record: RecordRef::new(kind, id),
            within: None,
            action,
            changes: Vec::new(),
            public: false,
        }
    }

    /// A moderator's decision on a pending record, public, with the reason
    /// of a rejection.
    pub fn decision(kind: RecordKind, id: i64, approved: bool, reason: Option<&str>) -> Entry {
        let action = if approved {
            AuditAction::Approved
        } else {
            AuditAction::Rejected
        };
        let entry = Entry::new(kind, id, action).public();
        match reason {
            Some(reason) => entry.set("reason", reason),
            None => entry,
        }
    }

    /// The record this one belongs to (an idea's fair).
    pub fn within(mut self, kind: RecordKind, id: i64) -> Entry {
        self.within = Some(RecordRef::new(kind, id));
        self
    }

    /// A decision the public sees on the record's page.
    pub fn public(mut self) -> Entry {
        self.public = true;
        self
    }

    /// Notes `field` if its value differs; a hidden field by its name alone.
    pub fn change<T: Serialize + ?Sized>(mut self, field: &str, old: &T, new: &T) -> Entry {
        let (old, new) = (json(old), json(new));
        if old != new {
            let hidden = HIDDEN.contains(&field);
            let blank = |v| if hidden { serde_json::Value::Null } else { v };
            self.changes.push(FieldChange {
                field: field.to_owned(),
                old: blank(old),
                new: blank(new),
                hidden,
            });
        }
        self
    }

    /// Notes each field of `new` (an object) whose value differs in `old`.
    pub fn diff(mut self, old: &impl Serialize, new: &impl Serialize) -> Entry {
        let old = json(old);
        if let serde_json::Value::Object(fields) = json(new) {
            for (field, value) in fields {
                let before = old.get(&field).cloned().unwrap_or_default();
                self = self.change(&field, &before, &value);
            }
        }
        self
    }

    /// Notes a value the write set, where there was none before.
    pub fn set<T: Serialize + ?Sized>(self, field: &str, new: &T) -> Entry {
        self.change(field, &serde_json::Value::Null, &json(new))
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// The stored columns of an entry.
#[derive(Clone, sqlx::FromRow)]
struct Row {
    seq: i64,
    at: String,
    account_id: Option<i64>,
    role: Option<String>,
    record: String,
    within: Option<String>,
    action: String,
    changes: String,
    public: i64,
    hash: String,
}

const COLUMNS: &str =
    "seq, at, account_id, role, record, within, action, changes, public, hash FROM audit_log";

impl Row {
    /// The hash of this entry following the entry hashed `previous`: every
    /// column but the hash itself, one to a line.
    fn digest(&self, previous: &str) -> String {
        let lines = [
            previous.to_owned(),
            self.seq.to_string(),
            self.at.clone(),
            self.account_id.map(|a| a.to_string()).unwrap_or_default(),
            self.role.clone().unwrap_or_default(),
            self.record.clone(),
            self.within.clone().unwrap_or_default(),
            self.action.clone(),
            self.changes.clone(),
            self.public.to_string(),
        ];
        bastama_model::ballot_box::sha256_lines(&lines)
    }

    /// The entry as the API shows it; `None` when a column no longer parses
    /// (the chain check reports that entry too).
    fn into_entry(self) -> Option<AuditEntry> {
        Some(AuditEntry {
            seq: self.seq,
            at: self.at,
            account: self.account_id,
            role: match self.role {
                Some(code) => Some(Role::from_code(&code)?),
                None => None,
            },
            record: self.record.parse().ok()?,
            within: match self.within {
                Some(w) => Some(w.parse().ok()?),
                None => None,
            },
            action: AuditAction::from_code(&self.action)?,
            changes: serde_json::from_str(&self.changes).ok()?,
            public: self.public != 0,
            hash: self.hash,
        })
    }
}

/// Appends `entry` as `actor`'s, in the transaction of the write it records.
/// A voter's writes are not logged: voters are never named.
pub async fn append(
    conn: &mut AnyConnection,
    postgres: bool,
    actor: Actor,
    entry: Entry,
) -> sqlx::Result<()> {
    let (account_id, role) = match actor {
        Actor::Voter => return Ok(()),
        Actor::System => (None, None),
        Actor::Account { id, role } => (Some(id), Some(role.code().to_owned())),
    };
    if postgres {
        // Several servers: one appender at a time, until this transaction ends.
        sqlx::query("SELECT pg_advisory_xact_lock(2119)")
            .execute(&mut *conn)
            .await?;
    }
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
    let mut row = Row {
        seq,
        at: now(),
        account_id,
        role,
        record: entry.record.to_string(),
        within: entry.within.map(|w| w.to_string()),
        action: entry.action.code().to_owned(),
        changes: serde_json::to_string(&entry.changes).unwrap_or_else(|_| "[]".into()),
        public: i64::from(entry.public),
        hash: String::new(),
    };
    row.hash = row.digest(&previous);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, account_id, role, record, within, action, changes, public, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(row.seq)
    .bind(&row.at)
    .bind(row.account_id)
    .bind(&row.role)
    .bind(&row.record)
    .bind(&row.within)
    .bind(&row.action)
    .bind(&row.changes)
    .bind(row.public)
    .bind(&row.hash)
    .execute(&mut *conn)
    .await?;
    tracing::info!(?actor, record = %entry.record, action = entry.action.code(), "write");
    Ok(())
}

/// Appends `entry` in a transaction of its own, for a write that needs no other.
pub async fn append_alone(db: &Db, actor: Actor, entry: Entry) -> ApiResult<()> {
    let mut tx = db.write.begin().await?;
    append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// The entries `query` picks, newest first, at most `limit` (none for all);
/// only the public ones when `public`.
pub async fn entries(
    db: &Db,
    query: &AuditQuery,
    public: bool,
    limit: Option<i64>,
) -> ApiResult<Vec<AuditEntry>> {
    let mut sql = format!("SELECT {COLUMNS} WHERE 1 = 1");
    let mut binds: Vec<String> = Vec::new();
    let next = |binds: &mut Vec<String>, value: String| {
        binds.push(value);
        format!("${}", binds.len())
    };
    if let Some(record) = query.record {
        let mark = next(&mut binds, record.to_string());
        sql += &format!(" AND (record = {mark} OR within = {mark})");
    }
    if let Some(account) = query.account {
        // Compared as text: the binds are all text, and ids are whole numbers.
        let mark = next(&mut binds, account.to_string());
        sql += &format!(" AND CAST(account_id AS TEXT) = {mark}");
    }
    if let Some(from) = &query.from {
        sql += &format!(" AND at >= {}", next(&mut binds, from.clone()));
    }
    if let Some(to) = &query.to {
        sql += &format!(" AND at < {}", next(&mut binds, format!("{to}T99")));
    }
    if public {
        sql += " AND public = 1";
    }
    sql += " ORDER BY seq DESC";
    if let Some(limit) = limit {
        sql += &format!(" LIMIT {limit}");
    }
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for value in &binds {
        q = q.bind(value);
    }
    let rows = q.fetch_all(&db.read).await?;
    Ok(rows.into_iter().filter_map(Row::into_entry).collect())
}

/// Recomputes every entry's hash from its columns and the entry before.
pub async fn check(db: &Db) -> ApiResult<ChainCheck> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} ORDER BY seq"))
        .fetch_all(&db.read)
        .await?;
    let mut previous = GENESIS.to_owned();
    let mut broken_at = None;
    for (place, row) in rows.iter().enumerate() {
        let whole = row.seq == place as i64 + 1
            && row.digest(&previous) == row.hash
            && row.clone().into_entry().is_some();
        if !whole {
            tracing::error!(seq = row.seq, "the audit log's chain breaks here");
            broken_at = Some(row.seq);
            break;
        }
        previous.clone_from(&row.hash);
    }
    Ok(ChainCheck {
        entries: rows.len() as i64,
        head: rows.last().map(|r| r.hash.clone()),
        broken_at,
    })
}
