//! The JSON body of a write: parsed so that every failure is a 4xx problem+json
//! naming the field at fault, never axum's plain-text rejection.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use bastama_model::{Kind, Reason};
use serde::de::DeserializeOwned;

/// The largest JSON body a write takes.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

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
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            ApiError::new(
                Kind::TooLarge,
                format!("the body may have at most {MAX_JSON_BYTES} bytes"),
            )
        })?;
        if bytes.len() > MAX_JSON_BYTES {
            return Err(ApiError::new(
                Kind::TooLarge,
                format!("the body may have at most {MAX_JSON_BYTES} bytes"),
            ));
        }
        parse(&bytes).map(JsonBody)
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
