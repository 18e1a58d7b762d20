//! Query-string parameters of the list endpoints, checked so that a bad one is a
//! 400 naming it.

use crate::error::{ApiError, ApiResult};
use crate::store::{self, known_slug, Db, Vocabulary};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use bastama_model::{
    validate, Funding, InitiativeKind, InitiativeStatus, NgoSort, Reason, DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
};

/// The raw `key=value` pairs of a query string.
pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| {
                ApiError::invalid("query", Reason::Format, "the query string is not valid")
            })?;
        Ok(Params(pairs))
    }
}

/// The page asked for: 1-based, at most `MAX_PER_PAGE` per page.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Params {
        Params(pairs)
    }

    /// The last non-empty value given for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    pub fn paging(&self) -> ApiResult<Paging> {
        let page = self.number("page", 1, 1, 1_000_000)?;
        let per_page = self.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)?;
        Ok(Paging { page, per_page })
    }

    fn number(&self, name: &str, default: u32, min: u32, max: u32) -> ApiResult<u32> {
        let Some(raw) = self.get(name) else {
            return Ok(default);
        };
        match raw.parse::<i64>() {
            Ok(n) if n >= i64::from(min) && n <= i64::from(max) => Ok(n as u32),
            _ => Err(ApiError::invalid(
                name,
                Reason::Range {
                    min: i64::from(min),
                    max: i64::from(max),
                },
                format!("must be a whole number from {min} to {max}"),
            )),
        }
    }

    pub fn boolean(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(_) => Err(ApiError::invalid(
                name,
                Reason::Boolean,
                "must be true or false",
            )),
        }
    }

    /// The search text, limited in length.
    pub fn text(&self, name: &str) -> ApiResult<Option<String>> {
        let Some(raw) = self.get(name) else {
            return Ok(None);
        };
        validate::text_length(name, raw, validate::limits::SEARCH)?;
        Ok(Some(raw.to_owned()))
    }

    /// A value of a closed vocabulary, checked with `parse`.
    pub fn code<T>(&self, name: &str, parse: impl Fn(&str) -> Option<T>) -> ApiResult<Option<T>> {
        match self.get(name) {
            None => Ok(None),
            Some(raw) => parse(raw).map(Some).ok_or_else(|| {
                ApiError::invalid(
                    name,
                    Reason::Unknown,
                    format!("{raw:?} is not a known value"),
                )
            }),
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&self, name: &str) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(raw) if is_date(raw) => Ok(Some(raw.to_owned())),
            Some(_) => Err(ApiError::invalid(
                name,
                Reason::Date,
                "must be a date YYYY-MM-DD",
            )),
        }
    }

    /// The directory's filters, the district and direction checked against the database.
    pub async fn ngo_filters(&self, db: &Db) -> ApiResult<store::ngos::Filters> {
        let q = self.text("q")?;
        let district = self.get("district").map(str::to_owned);
        if let Some(district) = &district {
            known_slug(db, Vocabulary::Districts, "district", district).await?;
        }
        let direction = self.get("direction").map(str::to_owned);
        if let Some(direction) = &direction {
            known_slug(db, Vocabulary::Directions, "direction", direction).await?;
        }
        Ok(store::ngos::Filters {
            q,
            district,
            direction,
            active: self.boolean("active")?,
            verified: self.boolean("verified")?,
        })
    }

    /// The filters of the initiatives, the district checked against the database.
    pub async fn initiative_filters(&self, db: &Db) -> ApiResult<store::initiatives::Filters> {
        let q = self.text("q")?;
        let district = self.get("district").map(str::to_owned);
        if let Some(district) = &district {
            known_slug(db, Vocabulary::Districts, "district", district).await?;
        }
        Ok(store::initiatives::Filters {
            q,
            district,
            kind: self.code("kind", InitiativeKind::from_code)?,
            funding: self.code("funding", Funding::from_code)?,
            status: self.code("status", InitiativeStatus::from_code)?,
            ngo: self.code("ngo", |raw| raw.parse::<i64>().ok())?,
            from: self.date("from")?,
            to: self.date("to")?,
            bbox: self.get("bbox").map(bbox).transpose()?,
        })
    }

    /// The directory's order.
    pub fn ngo_sort(&self) -> ApiResult<NgoSort> {
        match self.get("sort") {
            None => Ok(NgoSort::Name),
            Some(raw) => NgoSort::from_code(raw).ok_or_else(|| {
                ApiError::invalid(
                    "sort",
                    Reason::Unknown,
                    "must be name, updated or volunteers",
                )
            }),
        }
    }
}

/// A bounding box `min_lon,min_lat,max_lon,max_lat`.
fn bbox(raw: &str) -> ApiResult<[f64; 4]> {
    let invalid = || {
        ApiError::invalid(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
