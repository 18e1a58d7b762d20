//! Query-string parameters of the list endpoints, read into the shared crate's
//! query types so that a bad one is a 400 naming it; the slugs they name are
//! checked against the database here.

use crate::error::{ApiError, ApiResult};
use crate::store::{known_slug, Db, Vocabulary};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use bastama_model::query::Pairs;
use bastama_model::{AuditQuery, InitiativeQuery, NgoQuery, Paging, Reason};

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

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Params {
        Params(pairs)
    }

    /// A whole number from 1 to `max` named `name`, or `default` when absent.
    pub fn number(&self, name: &str, default: u32, max: u32) -> ApiResult<i64> {
        Ok(Pairs(&self.0).number(name, default, 1, max)?.into())
    }

    pub fn audit_query(&self) -> ApiResult<AuditQuery> {
        Ok(AuditQuery::read(&Pairs(&self.0))?)
    }

    pub fn paging(&self) -> ApiResult<Paging> {
        Ok(Pairs(&self.0).paging()?)
    }

    /// The directory's filters and order, the district and direction known to the database.
    pub async fn ngo_query(&self, db: &Db) -> ApiResult<NgoQuery> {
        let query = NgoQuery::read(&Pairs(&self.0))?;
        if let Some(district) = &query.district {
            known_slug(db, Vocabulary::Districts, "district", district).await?;
        }
        if let Some(direction) = &query.direction {
            known_slug(db, Vocabulary::Directions, "direction", direction).await?;
        }
        Ok(query)
    }

    /// The initiatives' filters, the district known to the database.
    pub async fn initiative_query(&self, db: &Db) -> ApiResult<InitiativeQuery> {
        let query = InitiativeQuery::read_with_bbox(&Pairs(&self.0))?;
        if let Some(district) = &query.district {
            known_slug(db, Vocabulary::Districts, "district", district).await?;
        }
        Ok(query)
    }
}
