//! The API's one error type, mapped once to an HTTP status and a problem+json body.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bastama_model::{FieldError, Kind, Problem, Reason};

#[derive(Debug)]
pub struct ApiError {
    pub problem: Problem,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn invalid(field: &str, reason: Reason, message: impl Into<String>) -> Self {
        Problem::invalid(vec![FieldError::new(field, reason, message)]).into()
    }

    /// A problem of another kind than invalid input that still names the field at fault.
    pub fn at_field(kind: Kind, field: &str, reason: Reason, message: &str) -> Self {
        Problem::at_field(kind, FieldError::new(field, reason, message)).into()
    }

    pub fn not_found(what: &str) -> Self {
        Problem::not_found(format!("{what} does not exist")).into()
    }

    pub fn new(kind: Kind, detail: impl Into<String>) -> Self {
        Problem::new(kind, detail).into()
    }

    pub fn unauthorized(detail: &str) -> Self {
        Self::new(Kind::Unauthorized, detail)
    }

    pub fn forbidden(detail: &str) -> Self {
        Self::new(Kind::Forbidden, detail)
    }

    /// The database could not answer, or a stored record is damaged.
    pub fn unavailable(detail: &str) -> Self {
        Self::new(Kind::Unavailable, detail)
    }
}

impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        ApiError { problem }
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        Problem::invalid(vec![error]).into()
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        // Two requests racing to create the same thing: the loser is told so.
        if error
            .as_database_error()
            .is_some_and(|e| e.is_unique_violation())
        {
            return Self::new(
                Kind::Conflict,
                "this was created meanwhile by another request",
            );
        }
        tracing::error!(%error, "database error");
        Self::unavailable("the database could not answer; try again shortly")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = problem_response(&self.problem);
        if let Some(retry_after) = self.problem.kind.retry_after() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        response
    }
}

pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response()
}
