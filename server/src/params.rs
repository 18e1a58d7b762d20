//! Query-string parameters of the list endpoints, checked so that a bad one is a
//! 400 naming it, and SQL filters built from them with numbered placeholders.

use crate::error::{ApiError, ApiResult};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use bastama_model::{validate, DEFAULT_PER_PAGE, MAX_PER_PAGE};

/// The raw `key=value` pairs of a query string.
pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::invalid("query", "format", "the query string is not valid"))?;
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
                "range",
                format!("must be a whole number from {min} to {max}"),
            )),
        }
    }

    pub fn boolean(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(_) => Err(ApiError::invalid(name, "boolean", "must be true or false")),
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
                ApiError::invalid(name, "unknown", format!("{raw:?} is not a known value"))
            }),
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&self, name: &str) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(raw) if is_date(raw) => Ok(Some(raw.to_owned())),
            Some(_) => Err(ApiError::invalid(name, "date", "must be a date YYYY-MM-DD")),
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

/// A value bound to a numbered placeholder.
#[derive(Debug, Clone)]
pub enum Bind {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// `WHERE` clauses and their values, numbered `$1, $2, ...` in order.
#[derive(Debug, Default)]
pub struct Filter {
    clauses: Vec<String>,
    pub binds: Vec<Bind>,
}

impl Filter {
    /// Adds a clause whose `?` marks are replaced by the next placeholders.
    pub fn push(&mut self, clause: &str, values: impl IntoIterator<Item = Bind>) {
        let mut sql = String::new();
        let mut values = values.into_iter();
        for part in clause.split('?').enumerate() {
            if part.0 > 0 {
                self.binds
                    .push(values.next().expect("a value for each ? in the clause"));
                sql.push_str(&format!("${}", self.binds.len()));
            }
            sql.push_str(part.1);
        }
        self.clauses.push(sql);
    }

    /// `col IN (...)` for a list of text values.
    pub fn push_in(&mut self, column: &str, values: Vec<String>) {
        let marks = vec!["?"; values.len()].join(", ");
        self.push(
            &format!("{column} IN ({marks})"),
            values.into_iter().map(Bind::Text),
        );
    }

    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The next placeholder's number, for LIMIT/OFFSET after the filter's own.
    pub fn next_placeholder(&self) -> usize {
        self.binds.len() + 1
    }
}

/// Binds the filter's values to a query, in order.
pub fn bind_all<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        query = match b {
            Bind::Text(s) => query.bind(s.as_str()),
            Bind::Int(n) => query.bind(*n),
            Bind::Float(f) => query.bind(*f),
            Bind::Bool(v) => query.bind(i64::from(*v)),
        };
    }
    query
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
    fn filter_numbers_placeholders_in_order() {
        let mut f = Filter::default();
        f.push("a = ?", [Bind::Int(1)]);
        f.push_in("b", vec!["x".into(), "y".into()]);
        f.push("c BETWEEN ? AND ?", [Bind::Int(2), Bind::Int(3)]);
        assert_eq!(
            f.where_sql(),
            " WHERE a = $1 AND b IN ($2, $3) AND c BETWEEN $4 AND $5"
        );
        assert_eq!(f.next_placeholder(), 6);
    }
}
