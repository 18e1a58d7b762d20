//! The API's one error type, mapped once to an HTTP status and a problem+json body.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bastama_model::{FieldError, Problem};

#[derive(Debug)]
pub struct ApiError {
    pub problem: Problem,
    /// Seconds to wait, sent as `Retry-After` with a 429.
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        Problem::invalid(vec![FieldError::new(field, code, message)]).into()
    }

    /// A problem of another status than 400 that still names the field at fault.
    pub fn at_field(
        status: u16,
        slug: &str,
        title: &str,
        field: &str,
        code: &str,
        message: &str,
    ) -> Self {
        Problem {
            errors: vec![FieldError::new(field, code, message)],
            ..Problem::new(status, slug, title, format!("{field}: {message}"))
        }
        .into()
    }

    pub fn not_found(what: &str) -> Self {
        Problem::not_found(format!("{what} does not exist")).into()
    }

    pub fn new(status: u16, slug: &str, title: &str, detail: impl Into<String>) -> Self {
        Problem::new(status, slug, title, detail).into()
    }

    pub fn unauthorized(detail: &str) -> Self {
        Self::new(401, "unauthorized", "Sign-in needed", detail)
    }

    pub fn forbidden(detail: &str) -> Self {
        Self::new(403, "forbidden", "Not allowed", detail)
    }

    pub fn too_many(retry_after: u64, detail: &str) -> Self {
        ApiError {
            retry_after: Some(retry_after),
            ..Self::new(429, "too-many-requests", "Too many requests", detail)
        }
    }
}

impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        ApiError {
            problem,
            retry_after: None,
        }
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
                409,
                "conflict",
                "Already exists",
                "this was created meanwhile by another request",
            );
        }
        tracing::error!(%error, "database error");
        Self::new(
            503,
            "unavailable",
            "Service unavailable",
            "the database could not answer; try again shortly",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = problem_response(&self.problem);
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response()
}
