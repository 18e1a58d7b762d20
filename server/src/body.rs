//! The body of a write: read whole before anything may refuse the write, and
//! parsed as JSON so that every failure is a 4xx problem+json naming the field
//! at fault, never axum's plain-text rejection.

use crate::error::ApiError;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, Request};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bastama_model::{validate, Kind, Problem, Reason};
use serde::de::DeserializeOwned;
use std::future::poll_fn;
use std::pin::Pin;

/// The largest JSON body a write takes.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// The most of a write's body that is read and handed on: axum's default limit,
/// which its extractors apply anyway, and above the limits of the writes
/// themselves (a JSON body's, a logo's), so that each still refuses a body over
/// its own limit in its own words.
const MAX_WRITE_BYTES: usize = 5 * 1024 * 1024;
const _: () = assert!(MAX_WRITE_BYTES > crate::routes::ngos::MAX_LOGO_BYTES);
const _: () = assert!(MAX_WRITE_BYTES > crate::routes::rolls::MAX_ROLL_BYTES);

/// How much of a body over `MAX_WRITE_BYTES` is still read, and thrown away,
/// before it is refused: a client sending a few megabytes finishes and reads
/// the refusal. A longer body is cut off, and its connection closed, all the same.
const DRAINED_BYTES: usize = 8 * 1024 * 1024;

/// Reads the body of every write, up to `MAX_WRITE_BYTES`, before anything may
/// refuse the write; a longer one is refused here, once read up to `DRAINED_BYTES`.
///
/// A write refused before its body is read (a wrong token, a foreign origin,
/// a body over a limit) leaves the rest of the body unread. Hyper then closes
/// the connection, and a socket closed while data still arrives is reset by the
/// kernel, which can throw away the answer already sent: a client still
/// sending, such as `fetch`, sees a network error instead of the refusal.
pub async fn read_body_first(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (parts, mut body) = request.into_parts();
    let mut kept = Vec::new();
    let mut read = 0;
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(frame) = frame else {
            return ApiError::invalid(
                "body",
                Reason::Incomplete,
                "the body could not be read to its end",
            )
            .into_response();
        };
        // Trailers, if any, are no part of what a write takes.
        let Ok(data) = frame.into_data() else {
            continue;
        };
        read += data.len();
        if read > DRAINED_BYTES {
            break;
        }
        if read <= MAX_WRITE_BYTES {
            kept.extend_from_slice(&data);
        }
    }
    if read > MAX_WRITE_BYTES {
        return too_large(format!(
            "no write takes a body of more than {MAX_WRITE_BYTES} bytes"
        ))
        .into_response();
    }
    next.run(Request::from_parts(parts, Body::from(kept))).await
}

fn too_large(detail: String) -> ApiError {
    ApiError::new(Kind::TooLarge, detail)
}

pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .eq_ignore_ascii_case("application/json")
            });
        if !is_json {
            return Err(ApiError::new(
                Kind::UnsupportedMediaType,
                "send the body as application/json",
            ));
        }
        let over_limit = || too_large(format!("the body may have at most {MAX_JSON_BYTES} bytes"));
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| over_limit())?;
        if bytes.len() > MAX_JSON_BYTES {
            return Err(over_limit());
        }
        parse(&bytes).map(JsonBody)
    }
}

/// A JSON body checked by the shared validator: a handler taking `Checked<T>`
/// holds only checked identifiers. A refused body is a 400 naming every field
/// at fault, as the browser's form names them.
pub struct Checked<T>(pub T);

impl<S: Send + Sync, T: validate::Checked> FromRequest<S> for Checked<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let JsonBody(form) = JsonBody::<T::Form>::from_request(request, state).await?;
        T::check(&form)
            .map(Checked)
            .map_err(|errors| Problem::invalid(errors).into())
    }
}

/// Parses JSON, naming the field that failed: its path, or for a missing or
/// unknown field, that field's name.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Every body is an object; anything else is not worth naming a field for.
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Err(ApiError::invalid(
            "body",
            Reason::Json,
            "the body must be a JSON object",
        ));
    }
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let message = error.inner().to_string();
        let named = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_owned)
        };
        let path = error.path().to_string();
        let (field, code) = if let Some(field) = named("missing field `") {
            (field, Reason::Required)
        } else if let Some(field) = named("unknown field `") {
            (field, Reason::Unknown)
        } else if path == "." {
            ("body".to_owned(), Reason::Json)
        } else {
            (path, Reason::Type)
        };
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        ApiError::invalid(&field, code, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bastama_model::OtpRequest;

    fn field_of(body: &str) -> (String, String) {
        let error = parse::<OtpRequest>(body.as_bytes()).unwrap_err().problem;
        (error.errors[0].field.clone(), error.errors[0].code().into())
    }

    #[test]
    fn names_the_field_at_fault() {
        assert_eq!(
            field_of(r#"{"iin": "1"}"#),
            ("phone".into(), "required".into())
        );
        assert_eq!(
            field_of(r#"{"iin": 5, "phone": "x"}"#),
            ("iin".into(), "type".into())
        );
        assert_eq!(
            field_of(r#"{"iin": "1", "phone": "x", "admin": true}"#),
            ("admin".into(), "unknown".into())
        );
        assert_eq!(field_of("not json"), ("body".into(), "json".into()));
        assert_eq!(
            field_of(&"[".repeat(10_000)),
            ("body".into(), "json".into())
        );
    }
}
