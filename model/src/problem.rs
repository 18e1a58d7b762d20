//! RFC 9457 problem details, the one error body of the API: every problem the
//! API can answer is a variant of [`Kind`], every reason a field can be refused
//! a variant of [`Reason`], so both sides match them exhaustively.
//!
//! On the wire they stay plain JSON (`type`, `errors[].code`, and the numbers
//! the words need as fields of their own), read and written through the `Wire*`
//! structs.

use serde::{Deserialize, Serialize};

macro_rules! reasons {
    ($($(#[$meta:meta])* $variant:ident $({ $($param:ident),+ })? = $code:literal),+ $(,)?) => {
        /// Why a field was refused, with the numbers its words need.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Reason {
            $($(#[$meta])* $variant $({ $($param: i64),+ })?),+
        }

        impl Reason {
            /// The stable code of `errors[].code`.
            pub fn code(self) -> &'static str {
                match self { $(Reason::$variant { .. } => $code),+ }
            }

            fn to_wire(self, wire: &mut WireFieldError) {
                match self {
                    $(Reason::$variant $({ $($param),+ })? => {
                        wire.code = $code.into();
                        $($(wire.$param = Some($param);)+)?
                    })+
                }
            }

            fn from_wire(wire: &WireFieldError) -> Option<Reason> {
                match wire.code.as_str() {
                    $($code => Some(Reason::$variant $({ $($param: wire.$param?),+ })?),)+
                    _ => None,
                }
            }
        }
    };
}

reasons!(
    Required = "required",
    TooShort { min } = "too_short",
    TooLong { max } = "too_long",
    /// A number outside its bounds.
    Range { min, max } = "range",
    /// More items than allowed.
    TooMany { max } = "too_many",
    Duplicate = "duplicate",
    /// Control or text-direction characters.
    Characters = "characters",
    /// Not written the way the field is: a BIN's 12 digits, a code's 6, a version.
    Format = "format",
    /// A BIN's or IIN's check digit does not match.
    CheckDigit = "checksum",
    Phone = "phone",
    Email = "email",
    Url = "url",
    Date = "date",
    /// A moment, RFC 3339 UTC, that must be in the future.
    Time = "time",
    Boolean = "boolean",
    /// A password everyone tries first.
    Common = "common",
    /// A value of a closed vocabulary, or a record, that does not exist.
    Unknown = "unknown",
    /// A value someone else already registered.
    Taken = "taken",
    /// A place outside the region.
    Region = "region",
    /// An end before its start.
    BeforeStart = "before_start",
    /// A fair's phase only moves forward.
    Backwards = "backwards",
    /// Not a PNG, JPEG or WebP image.
    Image = "image",
    /// A file over its size limit, in bytes.
    TooLarge { max } = "too_large",
    /// A body that is not a JSON object.
    Json = "json",
    /// A body that ended before its length.
    Incomplete = "incomplete",
    /// A JSON value of the wrong type.
    Type = "type",
    /// No code is valid for this phone now.
    Expired = "expired",
    /// Too many wrong codes.
    Attempts = "attempts",
    /// A wrong code; `left` more tries.
    Wrong { left } = "wrong",
    /// Fixed once voting opened: a fair's electorate.
    Locked = "locked",
);

/// One invalid input: which field, why, and a human message (English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WireFieldError", into = "WireFieldError")]
pub struct FieldError {
    pub field: String,
    pub reason: Reason,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, reason: Reason, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            reason,
            message: message.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        self.reason.code()
    }
}

/// A field error as JSON: `code` and the reason's numbers as fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = FieldError))]
pub struct WireFieldError {
    pub field: String,
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<i64>,
}

impl From<FieldError> for WireFieldError {
    fn from(error: FieldError) -> Self {
        let mut wire = WireFieldError {
            field: error.field,
            message: error.message,
            ..WireFieldError::default()
        };
        error.reason.to_wire(&mut wire);
        wire
    }
}

impl TryFrom<WireFieldError> for FieldError {
    type Error = &'static str;

    fn try_from(wire: WireFieldError) -> Result<Self, Self::Error> {
        let reason = Reason::from_wire(&wire).ok_or("an unknown code")?;
        Ok(FieldError {
            field: wire.field,
            reason,
            message: wire.message,
        })
    }
}

macro_rules! kinds {
    ($($(#[$meta:meta])* $variant:ident $({ $param:ident })? = ($status:literal, $slug:literal, $title:literal)),+ $(,)?) => {
        /// Every problem the API answers with: its status, `type` and title.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Kind {
            $($(#[$meta])* $variant $({ $param: u64 })?),+
        }

        impl Kind {
            /// Seconds to wait before trying again, for the kinds that say.
            pub fn retry_after(self) -> Option<u64> {
                match self {
                    Kind::TooMany { retry_after } | Kind::SmsUnavailable { retry_after } => Some(retry_after),
                    _ => None,
                }
            }

            pub fn status(self) -> u16 {
                match self { $(Kind::$variant { .. } => $status),+ }
            }

            /// The last part of `type`: `/problems/<slug>`.
            pub fn slug(self) -> &'static str {
                match self { $(Kind::$variant { .. } => $slug),+ }
            }

            pub fn title(self) -> &'static str {
                match self { $(Kind::$variant { .. } => $title),+ }
            }

            fn from_wire(wire: &WireProblem) -> Option<Kind> {
                match wire.kind.strip_prefix("/problems/")? {
                    $($slug => Some(Kind::$variant $({ $param: wire.$param? })?),)+
                    _ => None,
                }
            }

            fn params(self, wire: &mut WireProblem) {
                match self {
                    $(Kind::$variant $({ $param })? => { $(wire.$param = Some($param);)? })+
                }
            }
        }
    };
}

kinds!(
    InvalidInput = (400, "invalid-input", "Invalid input"),
    Unauthorized = (401, "unauthorized", "Sign-in needed"),
    Forbidden = (403, "forbidden", "Not allowed"),
    /// An NGO's application a moderator has not yet approved.
    Pending = (403, "pending", "Awaiting moderation"),
    /// An NGO's application a moderator rejected.
    Rejected = (403, "rejected", "Application rejected"),
    NotFound = (404, "not-found", "Not found"),
    MethodNotAllowed = (405, "method-not-allowed", "Method not allowed"),
    /// Created meanwhile by another request.
    Conflict = (409, "conflict", "Already exists"),
    /// A BIN or an e-mail someone already registered.
    Taken = (409, "taken", "Already registered"),
    VotingClosed = (409, "voting-closed", "Voting is not open"),
    /// The phone verified another IIN in this fair.
    PhoneUsed = (409, "phone-used", "Phone already used"),
    /// This IIN voted online in this fair, at `voted_at` (Unix seconds).
    VotedOnline { voted_at } = (409, "voted-online", "Already voted online"),
    /// This IIN voted on paper at a station in this fair, at `voted_at`.
    VotedOnPaper { voted_at } = (409, "voted-on-paper", "Already voted on paper"),
    /// A paper ballot may be voided only in the first minutes after it was entered.
    VoidTooLate = (409, "void-too-late", "Too late to void"),
    /// An IIN not on the voter roll of a fair that has one.
    NotOnRoll = (403, "not-on-roll", "Not on this fair's voter list"),
    /// The identity service says the phone is not registered to this IIN.
    PhoneNotOwned = (403, "phone-not-owned", "Phone not registered to this IIN"),
    NotTakingIdeas = (409, "not-taking-ideas", "Not taking ideas"),
    ResultsNotPublished = (409, "results-not-published", "Results not published yet"),
    BoxNotPublished = (409, "box-not-published", "Ballots not published yet"),
    /// A write that started from a version someone else has since replaced.
    ChangedMeanwhile = (412, "version-mismatch", "Changed meanwhile"),
    TooLarge = (413, "too-large", "Body too large"),
    UnsupportedMediaType = (415, "unsupported-media-type", "Unsupported media type"),
    /// A write without `If-Match`.
    PreconditionRequired = (428, "precondition-required", "If-Match required"),
    /// Over a rate limit: try again in `retry_after` seconds.
    TooMany { retry_after } = (429, "too-many-requests", "Too many requests"),
    Unavailable = (503, "unavailable", "Service unavailable"),
    /// The identity service did not answer: no code was sent, try again later.
    IdentityUnavailable = (503, "identity-unavailable", "Identity check unavailable"),
    /// The region's SMS budget for this hour is spent: no code is sent until
    /// `retry_after` seconds have passed.
    SmsUnavailable { retry_after } = (503, "sms-unavailable", "SMS unavailable"),
);

/// An `application/problem+json` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WireProblem", into = "WireProblem")]
pub struct Problem {
    pub kind: Kind,
    pub title: String,
    pub detail: String,
    pub errors: Vec<FieldError>,
}

/// A problem as JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Problem))]
pub struct WireProblem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default)]
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voted_at: Option<u64>,
}

impl From<Problem> for WireProblem {
    fn from(problem: Problem) -> Self {
        let mut wire = WireProblem {
            kind: format!("/problems/{}", problem.kind.slug()),
            title: problem.title,
            status: problem.kind.status(),
            detail: problem.detail,
            errors: problem.errors,
            retry_after: None,
            voted_at: None,
        };
        problem.kind.params(&mut wire);
        wire
    }
}

impl TryFrom<WireProblem> for Problem {
    type Error = &'static str;

    fn try_from(wire: WireProblem) -> Result<Self, Self::Error> {
        let kind = Kind::from_wire(&wire).ok_or("an unknown type")?;
        Ok(Problem {
            kind,
            title: wire.title,
            detail: wire.detail,
            errors: wire.errors,
        })
    }
}

impl Problem {
    pub fn new(kind: Kind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            title: kind.title().to_owned(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn status(&self) -> u16 {
        self.kind.status()
    }

    /// 400 for invalid input, listing each field at fault.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            errors,
            ..Self::new(Kind::InvalidInput, detail)
        }
    }

    /// A problem of another kind than invalid input that still names the field at fault.
    pub fn at_field(kind: Kind, error: FieldError) -> Self {
        Self {
            detail: format!("{}: {}", error.field, error.message),
            errors: vec![error],
            ..Self::new(kind, "")
        }
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, detail)
    }
}

/// The OpenAPI document describes the typed values by their wire form.
#[cfg(feature = "openapi")]
macro_rules! described_as {
    ($typed:ty, $wire:ty) => {
        impl utoipa::PartialSchema for $typed {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <$wire as utoipa::PartialSchema>::schema()
            }
        }

        impl utoipa::ToSchema for $typed {
            fn name() -> std::borrow::Cow<'static, str> {
                <$wire as utoipa::ToSchema>::name()
            }

            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                <$wire as utoipa::ToSchema>::schemas(schemas)
            }
        }
    };
}

#[cfg(feature = "openapi")]
described_as!(FieldError, WireFieldError);
#[cfg(feature = "openapi")]
described_as!(Problem, WireProblem);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_keep_their_wire_form() {
        let problem = Problem::invalid(vec![FieldError::new(
            "title.kk",
            Reason::TooLong { max: 200 },
            "must have at most 200 characters",
        )]);
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "/problems/invalid-input");
        assert_eq!(json["status"], 400);
        assert_eq!(json["errors"][0]["code"], "too_long");
        assert_eq!(json["errors"][0]["max"], 200);
        assert_eq!(serde_json::from_value::<Problem>(json).unwrap(), problem);

        let limited = Problem::new(Kind::TooMany { retry_after: 42 }, "wait");
        let json = serde_json::to_value(&limited).unwrap();
        assert_eq!(json["retry_after"], 42);
        assert_eq!(serde_json::from_value::<Problem>(json).unwrap(), limited);
    }

    #[test]
    fn unknown_types_and_codes_are_refused() {
        let odd = r#"{"type": "/problems/odd", "title": "", "status": 400}"#;
        assert!(serde_json::from_str::<Problem>(odd).is_err());
        let odd = r#"{"field": "x", "code": "odd", "message": ""}"#;
        assert!(serde_json::from_str::<FieldError>(odd).is_err());
        let missing = r#"{"field": "x", "code": "too_long", "message": ""}"#;
        assert!(serde_json::from_str::<FieldError>(missing).is_err());
    }
}
