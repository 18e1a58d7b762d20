//! The audit log as the API shows it: who changed which record, when, and how,
//! each entry chained to the one before by its hash.

use crate::types::{vocabulary, FairPhase, Role, Text};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

vocabulary!(
    /// The kinds of record a log entry names.
    RecordKind {
        Ngo = "ngo",
        Idea = "idea",
        Initiative = "initiative",
        Fair = "fair",
        Station = "station",
        Account = "account",
        Ballot = "ballot",
    }
);

vocabulary!(
    /// What a write did to its record.
    AuditAction {
        /// An NGO applied to be listed.
        Applied = "applied",
        Created = "created",
        Changed = "changed",
        /// A fair moved to its next phase (its settings may change with it).
        PhaseChanged = "phase_changed",
        Approved = "approved",
        Rejected = "rejected",
        /// An idea's funding was recorded or cleared.
        Funded = "funded",
        /// A batch of a fair's voter roll was imported.
        RollImported = "roll_imported",
        /// A registrar entered a paper ballot.
        Entered = "entered",
        /// A registrar voided a paper ballot.
        Voided = "voided",
    }
);

/// One record: its kind and id, written `ngo:12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: i64,
}

impl RecordRef {
    pub fn new(kind: RecordKind, id: i64) -> RecordRef {
        RecordRef { kind, id }
    }
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.code(), self.id)
    }
}

impl FromStr for RecordRef {
    type Err = String;

    fn from_str(s: &str) -> Result<RecordRef, String> {
        let (kind, id) = s.split_once(':').ok_or("must be kind:id, as ngo:12")?;
        let kind = RecordKind::from_code(kind).ok_or("names no kind of record")?;
        let id = id.parse().map_err(|_| "must end in a number")?;
        Ok(RecordRef { kind, id })
    }
}

impl From<RecordRef> for String {
    fn from(r: RecordRef) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for RecordRef {
    type Error = String;

    fn try_from(s: String) -> Result<RecordRef, String> {
        s.parse()
    }
}

/// One field a write changed. A field that is not public (an e-mail address,
/// a phone) is `hidden`: its name only, never its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldChange {
    pub field: String,
    /// `null` when the field had no value (or is hidden).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub old: serde_json::Value,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub new: serde_json::Value,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditEntry {
    /// The entry's place in the log, from 1.
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    /// The account that wrote; none when the server itself did.
    pub account: Option<i64>,
    pub role: Option<Role>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "ngo:12"))]
    pub record: RecordRef,
    /// The record this one belongs to: an idea's or a ballot's fair.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub within: Option<RecordRef>,
    pub action: AuditAction,
    pub changes: Vec<FieldChange>,
    /// True for a decision the public sees on the record's page.
    pub public: bool,
    /// SHA-256 (hex) over the previous entry's hash and this entry.
    pub hash: String,
}

/// A public decision about a record, as its page shows it (`GET /audit`): who
/// decided is the desk's business, not the public's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Decision {
    /// The entry's place in the log.
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "idea:7"))]
    pub record: RecordRef,
    pub action: AuditAction,
    /// The record's title, when the decision names it (an idea's, on its fair's page).
    pub title: Option<Text>,
    /// A rejection's reason.
    pub reason: Option<String>,
    /// The phase a fair moved to.
    pub phase: Option<FairPhase>,
}

impl Decision {
    /// The decision an entry records.
    pub fn of(entry: &AuditEntry) -> Decision {
        let new = |field: &str| {
            entry
                .changes
                .iter()
                .find(|c| c.field == field)
                .map(|c| c.new.clone())
        };
        Decision {
            seq: entry.seq,
            at: entry.at.clone(),
            record: entry.record,
            action: entry.action,
            title: new("title").and_then(|v| serde_json::from_value(v).ok()),
            reason: new("reason").and_then(|v| v.as_str().map(str::to_owned)),
            phase: new("phase").and_then(|v| v.as_str().and_then(FairPhase::from_code)),
        }
    }
}

/// Whether the log is whole: every entry's hash recomputed from its content
/// and the entry before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChainCheck {
    pub entries: i64,
    /// The last entry's hash.
    pub head: Option<String>,
    /// The first entry whose hash does not follow; none when the chain holds.
    pub broken_at: Option<i64>,
}

/// `GET /admin/audit`: the entries a filter picks, newest first, and the check
/// of the whole chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub chain: ChainCheck,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let r: RecordRef = "idea:42".parse().unwrap();
        assert_eq!(r, RecordRef::new(RecordKind::Idea, 42));
        assert_eq!(r.to_string(), "idea:42");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"idea:42\"");
    }

    #[test]
    fn a_malformed_record_is_refused() {
        for bad in ["idea", "idea:", "thing:1", "ngo:x", ":3"] {
            assert!(bad.parse::<RecordRef>().is_err(), "{bad}");
        }
    }
}
