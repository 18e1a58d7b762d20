//! The API's one error type, mapped once to an HTTP status and a problem+json body.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bastama_model::{FieldError, Problem};

#[derive(Debug)]
pub struct ApiError(pub Problem);

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError(Problem::invalid(vec![FieldError::new(
            field, code, message,
        )]))
    }

    pub fn not_found(what: &str) -> Self {
        ApiError(Problem::not_found(format!("{what} does not exist")))
    }
}

impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        ApiError(problem)
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        ApiError(Problem::invalid(vec![error]))
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        ApiError(Problem::new(
            503,
            "unavailable",
            "Service unavailable",
            "the database could not answer; try again shortly",
        ))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem_response(&self.0)
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
