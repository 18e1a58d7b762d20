//! The query strings of the lists: each one struct, read from `key=value` pairs
//! with every value checked, so a bad one is refused naming its parameter. The
//! server's extractors, its OpenAPI parameters and its written pages use them.

use crate::audit::RecordRef;
use crate::problem::{FieldError, Reason};
use crate::types::{Funding, InitiativeKind, InitiativeStatus, NgoSort};
use crate::validate;
use serde::{Deserialize, Serialize};

/// Paging limits of every list.
pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

/// The page asked for: 1-based, at most `MAX_PER_PAGE` per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

/// `key=value` pairs, read the way every list reads them: the last non-empty
/// value of a name counts.
pub struct Pairs<'a>(pub &'a [(String, String)]);

impl Pairs<'_> {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    pub fn paging(&self) -> Result<Paging, FieldError> {
        let page = self.number("page", 1, 1, 1_000_000)?;
        let per_page = self.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)?;
        Ok(Paging { page, per_page })
    }

    /// A whole number from `min` to `max` named `name`, or `default` when absent.
    pub fn number(&self, name: &str, default: u32, min: u32, max: u32) -> Result<u32, FieldError> {
        let Some(raw) = self.get(name) else {
            return Ok(default);
        };
        match raw.parse::<i64>() {
            Ok(n) if n >= i64::from(min) && n <= i64::from(max) => Ok(n as u32),
            _ => Err(FieldError::new(
                name,
                Reason::Range {
                    min: i64::from(min),
                    max: i64::from(max),
                },
                format!("must be a whole number from {min} to {max}"),
            )),
        }
    }

    fn boolean(&self, name: &str) -> Result<Option<bool>, FieldError> {
        match self.get(name) {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(_) => Err(FieldError::new(
                name,
                Reason::Boolean,
                "must be true or false",
            )),
        }
    }

    /// The search text, limited in length.
    fn text(&self, name: &str) -> Result<Option<String>, FieldError> {
        let Some(raw) = self.get(name) else {
            return Ok(None);
        };
        validate::text_length(name, raw, validate::limits::SEARCH)?;
        Ok(Some(raw.to_owned()))
    }

    /// A slug of a vocabulary the database holds (checked there).
    fn slug(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_owned)
    }

    /// A value of a closed vocabulary, checked with `parse`.
    fn code<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, FieldError> {
        match self.get(name) {
            None => Ok(None),
            Some(raw) => parse(raw).map(Some).ok_or_else(|| {
                FieldError::new(
                    name,
                    Reason::Unknown,
                    format!("{raw:?} is not a known value"),
                )
            }),
        }
    }

    /// A `YYYY-MM-DD` date.
    fn date(&self, name: &str) -> Result<Option<String>, FieldError> {
        match self.get(name) {
            None => Ok(None),
            Some(raw) if is_date(raw) => Ok(Some(raw.to_owned())),
            Some(_) => Err(FieldError::new(
                name,
                Reason::Date,
                "must be a date YYYY-MM-DD",
            )),
        }
    }
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && s.chars().all(|c| c.is_ascii_digit() || c == '-')
}

/// The NGO directory's filters and order (`/ngos` and `/export/ngos.csv`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct NgoQuery {
    /// Name, in Kazakh, Russian or Latin typing.
    pub q: Option<String>,
    /// District slug.
    pub district: Option<String>,
    /// Direction slug.
    pub direction: Option<String>,
    pub active: Option<bool>,
    pub verified: Option<bool>,
    /// `name` (the default), `updated` (latest first) or `volunteers` (most first).
    pub sort: Option<NgoSort>,
}

impl NgoQuery {
    /// The parameters, each a query parameter of the directory page's URL too.
    pub const NAMES: [&'static str; 6] =
        ["q", "district", "direction", "active", "verified", "sort"];

    /// The parameters that are set, in `NAMES` order: the query written back
    /// into a URL or an API call.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let flag = |set: Option<bool>| set.map(|b| b.to_string());
        set_only([
            ("q", self.q.clone()),
            ("district", self.district.clone()),
            ("direction", self.direction.clone()),
            ("active", flag(self.active)),
            ("verified", flag(self.verified)),
            ("sort", self.sort.map(|s| s.code().to_owned())),
        ])
    }

    /// Reads the parameters, the order first, refusing the first bad one.
    pub fn read(pairs: &Pairs) -> Result<NgoQuery, FieldError> {
        Ok(NgoQuery {
            sort: pairs.get("sort").map(sort).transpose()?,
            q: pairs.text("q")?,
            district: pairs.slug("district"),
            direction: pairs.slug("direction"),
            active: pairs.boolean("active")?,
            verified: pairs.boolean("verified")?,
        })
    }
}

/// The audit log's filters (`/admin/audit`, `/admin/audit.csv`; the public
/// `/audit` takes `record` alone).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// `kind:id`, as `ngo:12`: that record's entries and those of the records within it.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub record: Option<RecordRef>,
    /// The account that wrote.
    pub account: Option<i64>,
    /// The first day, `YYYY-MM-DD`, UTC.
    pub from: Option<String>,
    /// The last day, `YYYY-MM-DD`, UTC.
    pub to: Option<String>,
}

impl AuditQuery {
    pub const NAMES: [&'static str; 4] = ["record", "account", "from", "to"];

    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        set_only([
            ("record", self.record.map(|r| r.to_string())),
            ("account", self.account.map(|a| a.to_string())),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
        ])
    }

    pub fn read(pairs: &Pairs) -> Result<AuditQuery, FieldError> {
        let record = match pairs.get("record") {
            None => None,
            Some(raw) => Some(
                raw.parse()
                    .map_err(|why: String| FieldError::new("record", Reason::Format, why))?,
            ),
        };
        let account = match pairs.get("account") {
            None => None,
            Some(_) => Some(i64::from(pairs.number("account", 1, 1, i32::MAX as u32)?)),
        };
        Ok(AuditQuery {
            record,
            account,
            from: pairs.date("from")?,
            to: pairs.date("to")?,
        })
    }
}

fn set_only<const N: usize>(
    pairs: [(&'static str, Option<String>); N],
) -> Vec<(&'static str, String)> {
    pairs
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)))
        .collect()
}

fn sort(raw: &str) -> Result<NgoSort, FieldError> {
    NgoSort::from_code(raw).ok_or_else(|| {
        FieldError::new(
            "sort",
            Reason::Unknown,
            "must be name, updated or volunteers",
        )
    })
}

/// The initiatives' filters (`/initiatives` and their exports).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct InitiativeQuery {
    /// Title words.
    pub q: Option<String>,
    /// District slug.
    pub district: Option<String>,
    pub kind: Option<InitiativeKind>,
    pub funding: Option<Funding>,
    pub status: Option<InitiativeStatus>,
    /// The organising NGO's id.
    pub ngo: Option<i64>,
    /// Ends on or after, YYYY-MM-DD.
    pub from: Option<String>,
    /// Starts on or before, YYYY-MM-DD.
    pub to: Option<String>,
    /// `min_lon,min_lat,max_lon,max_lat`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub bbox: Option<[f64; 4]>,
}

impl InitiativeQuery {
    /// The filters, each a query parameter of the map's and the list's URLs
    /// too; the API also reads `bbox` (see `read_with_bbox`).
    pub const NAMES: [&'static str; 8] = [
        "q", "district", "kind", "funding", "status", "ngo", "from", "to",
    ];

    /// Reads the filters, refusing the first bad one; `bbox` stays unset (a
    /// page's URL holds no box).
    pub fn read(pairs: &Pairs) -> Result<InitiativeQuery, FieldError> {
        Ok(InitiativeQuery {
            q: pairs.text("q")?,
            district: pairs.slug("district"),
            kind: pairs.code("kind", InitiativeKind::from_code)?,
            funding: pairs.code("funding", Funding::from_code)?,
            status: pairs.code("status", InitiativeStatus::from_code)?,
            ngo: pairs.code("ngo", |raw| raw.parse::<i64>().ok())?,
            from: pairs.date("from")?,
            to: pairs.date("to")?,
            bbox: None,
        })
    }

    /// Reads the filters and the bounding box, as the API does.
    pub fn read_with_bbox(pairs: &Pairs) -> Result<InitiativeQuery, FieldError> {
        Ok(InitiativeQuery {
            bbox: pairs.get("bbox").map(bbox).transpose()?,
            ..Self::read(pairs)?
        })
    }
}

/// A bounding box `min_lon,min_lat,max_lon,max_lat`.
fn bbox(raw: &str) -> Result<[f64; 4], FieldError> {
    let invalid = || {
        FieldError::new(
            "bbox",
            Reason::Format,
            "must be min_lon,min_lat,max_lon,max_lat",
        )
    };
    let numbers: Vec<f64> = raw
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|f| f.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(invalid)?;
    match numbers[..] {
        [a, b, c, d] if a <= c && b <= d => Ok([a, b, c, d]),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn dates_must_exist() {
        assert!(is_date("2017-11-19"));
        assert!(is_date("2016-02-29"));
        assert!(!is_date("2017-02-29"));
        assert!(!is_date("2017-13-01"));
        assert!(!is_date("2017-1-01"));
        assert!(!is_date("+017-01-01"));
    }

    #[test]
    fn bbox_needs_four_ordered_numbers() {
        assert_eq!(bbox("46,48,55.5,52").unwrap(), [46.0, 48.0, 55.5, 52.0]);
        for bad in [
            "",
            "1,2,3",
            "1,2,3,4,5",
            "a,b,c,d",
            "5,2,1,4",
            "NaN,1,2,3",
            "inf,1,2,3",
        ] {
            assert!(bbox(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_query_written_back_reads_the_same_and_only_the_api_reads_a_box() {
        let ngos = NgoQuery {
            q: Some("жастар".into()),
            district: Some("oral".into()),
            direction: Some("youth".into()),
            active: Some(true),
            verified: Some(false),
            sort: Some(NgoSort::Volunteers),
        };
        let written: Vec<(String, String)> = ngos
            .pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let names: Vec<&str> = written.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, NgoQuery::NAMES);
        assert_eq!(NgoQuery::read(&Pairs(&written)).unwrap(), ngos);

        let list = pairs(&[("kind", "training"), ("bbox", "46.5,48,55.5,51.5")]);
        assert_eq!(InitiativeQuery::read(&Pairs(&list)).unwrap().bbox, None);
        let boxed = InitiativeQuery::read_with_bbox(&Pairs(&list)).unwrap();
        assert_eq!(boxed.kind, Some(InitiativeKind::Training));
        assert_eq!(boxed.bbox, Some([46.5, 48.0, 55.5, 51.5]));
    }

    #[test]
    fn the_last_non_empty_value_counts_and_the_first_bad_one_is_named() {
        let list = pairs(&[("active", "false"), ("active", "true"), ("sort", "")]);
        let query = NgoQuery::read(&Pairs(&list)).unwrap();
        assert_eq!(query.active, Some(true));
        assert_eq!(query.sort, None);
        let list = pairs(&[("active", "maybe"), ("sort", "age")]);
        let error = NgoQuery::read(&Pairs(&list)).unwrap_err();
        assert_eq!((error.field.as_str(), error.code()), ("sort", "unknown"));
        let list = pairs(&[("active", "maybe")]);
        let error = NgoQuery::read(&Pairs(&list)).unwrap_err();
        assert_eq!((error.field.as_str(), error.code()), ("active", "boolean"));
        let list = pairs(&[("per_page", "500")]);
        assert_eq!(
            Pairs(&list).paging().unwrap_err().reason,
            Reason::Range { min: 1, max: 200 }
        );
    }
}
