//! The only module that speaks HTTP: one function per endpoint of the public API.

use bastama_model::{Direction, District, Fair, Idea, Initiative, Ngo, NgoSummary, Page, Problem, Stats};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

/// Why a call failed: no answer at all, or the server's problem+json.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    Network,
    Problem(Problem),
}

pub type ApiResult<T> = Result<T, ApiError>;

async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let response = Request::get(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        response.json().await.map_err(|_| ApiError::Network)
    } else {
        let status = response.status();
        let problem = response.json::<Problem>().await.unwrap_or_else(|_| {
            Problem::new(status, "unexpected", "Unexpected response", format!("HTTP {status}"))
        });
        Err(ApiError::Problem(problem))
    }
}

/// A query string from the pairs whose value is not empty.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

pub async fn stats() -> ApiResult<Stats> {
    get("/stats").await
}

pub async fn districts() -> ApiResult<Vec<District>> {
    get("/districts").await
}

pub async fn directions() -> ApiResult<Vec<Direction>> {
    get("/directions").await
}

pub async fn ngos(query: &str) -> ApiResult<Page<NgoSummary>> {
    get(&format!("/ngos{query}")).await
}

pub async fn ngo(id: i64) -> ApiResult<Ngo> {
    get(&format!("/ngos/{id}")).await
}

pub async fn initiatives(query: &str) -> ApiResult<Page<Initiative>> {
    get(&format!("/initiatives{query}")).await
}

pub async fn fairs() -> ApiResult<Vec<Fair>> {
    get("/fairs").await
}

pub async fn fair(id: i64) -> ApiResult<Fair> {
    get(&format!("/fairs/{id}")).await
}

pub async fn ideas(fair_id: i64) -> ApiResult<Page<Idea>> {
    get(&format!("/fairs/{fair_id}/ideas?per_page=200")).await
}
