//! The only module that speaks HTTP: one function per endpoint of the public API.
//!
//! Every endpoint function names its path and, in its type, what it answers.
//! Fetching is the same code for all of them (`fetch`): the body is fetched as
//! text once and parsed where it is shown, so the wasm holds one copy of the
//! async machinery instead of one per response type.

use bastama_model::{
    Account, AuditPage, Ballot, BallotRequest, Direction, District, Eligibility,
    EligibilityRequest, Fair, FairChange, FairResults, FundingChange, Idea, Initiative,
    InitiativeForm, LoginRequest, LoginResponse, MapConfig, NewFair, NewIdea, NewRegistrar,
    NewStation, Ngo, NgoProfile, NgoRegistration, NgoSummary, OtpRequest, OtpSent, Page,
    PaperBallot, PaperBallotRequest, PendingIdea, Problem, Queue, Rejection, RollReport, Station,
    Stats, VerifyRequest, VoidRequest, VoidedBallot, VoterSession,
};
use gloo_net::http::{Method, Request, RequestBuilder};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde::Serialize;
use std::marker::PhantomData;
use std::sync::Arc;

/// Where the API is: `/api/v1` below the app's base path.
fn api_url(path: &str) -> String {
    crate::paths::url(format!("/api/v1{path}"))
}

/// Why a call failed: no answer at all, an answer that is not what the endpoint
/// promises, or the server's problem+json.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    Network,
    /// A success whose body does not decode as the endpoint's type: the server
    /// (or something in between) answered, so it is not the reader's network.
    Unexpected,
    Problem(Problem),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A path of the API and the type of its answer.
pub struct Endpoint<T> {
    path: String,
    answer: PhantomData<fn() -> T>,
}

fn endpoint<T>(path: String) -> Endpoint<T> {
    Endpoint {
        path,
        answer: PhantomData,
    }
}

pub fn stats() -> Endpoint<Stats> {
    endpoint("/stats".into())
}

pub fn districts() -> Endpoint<Vec<District>> {
    endpoint("/districts".into())
}

pub fn directions() -> Endpoint<Vec<Direction>> {
    endpoint("/directions".into())
}

/// `query` is a query string from `query_string`, or empty.
pub fn ngos(query: &str) -> Endpoint<Page<NgoSummary>> {
    endpoint(format!("/ngos{query}"))
}

pub fn ngo(id: i64) -> Endpoint<Ngo> {
    endpoint(format!("/ngos/{id}"))
}

pub fn initiative(id: i64) -> Endpoint<Initiative> {
    endpoint(format!("/initiatives/{id}"))
}

/// The initiatives matching `query`, all of them, as GeoJSON (what the map draws).
pub fn initiatives_geojson(query: &str) -> Endpoint<Places> {
    endpoint(format!("/export/initiatives.geojson{query}"))
}

pub fn map_config() -> Endpoint<MapConfig> {
    endpoint("/map".into())
}

pub fn initiatives(query: &str) -> Endpoint<Page<Initiative>> {
    endpoint(format!("/initiatives{query}"))
}

pub fn fairs() -> Endpoint<Vec<Fair>> {
    endpoint("/fairs".into())
}

pub fn fair(id: i64) -> Endpoint<Fair> {
    endpoint(format!("/fairs/{id}"))
}

pub fn ideas(fair_id: i64) -> Endpoint<Page<Idea>> {
    endpoint(format!("/fairs/{fair_id}/ideas?per_page=200"))
}

pub fn results(fair_id: i64) -> Endpoint<FairResults> {
    endpoint(format!("/fairs/{fair_id}/results"))
}

/// The head of the chain over the fair's ballot events.
pub fn ballot_box_head(fair_id: i64) -> Endpoint<bastama_model::BoxHead> {
    endpoint(format!("/fairs/{fair_id}/box"))
}

pub fn protocol(fair_id: i64) -> Endpoint<bastama_model::Protocol> {
    endpoint(format!("/fairs/{fair_id}/protocol"))
}

/// The published ballot box of a closed fair, to recount in the browser.
pub async fn ballot_box(fair_id: i64) -> ApiResult<bastama_model::BallotBox> {
    parse(&get_text(api_url(&format!("/fairs/{fair_id}/ballots.json"))).await?)
}

/// The GeoJSON of initiatives, the part the map reads.
#[derive(Deserialize, Clone, PartialEq)]
pub struct Places {
    pub features: Vec<Place>,
}

#[derive(Deserialize, Clone, PartialEq)]
pub struct Place {
    pub id: i64,
    pub geometry: PlaceGeometry,
    pub properties: PlaceProperties,
}

#[derive(Deserialize, Clone, PartialEq)]
pub struct PlaceGeometry {
    /// Longitude, then latitude (RFC 7946).
    pub coordinates: [f64; 2],
}

#[derive(Deserialize, Clone, PartialEq)]
pub struct PlaceProperties {
    pub title: bastama_model::Text,
    pub kind: bastama_model::InitiativeKind,
    pub status: bastama_model::InitiativeStatus,
    pub funding: bastama_model::Funding,
    pub district: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
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

/// The answer of an endpoint, fetched again whenever the endpoint changes.
pub struct Fetched<T> {
    body: RwSignal<Option<ApiResult<Arc<str>>>>,
    again: Trigger,
    answer: PhantomData<fn() -> T>,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Fetched<T> {}

impl<T> Fetched<T> {
    /// The answer's text; None while the first answer loads.
    pub fn body(self) -> Option<ApiResult<Arc<str>>> {
        self.body.get()
    }

    /// The same fetch with its answer's type forgotten, for code that only
    /// shows states (one copy of it in the wasm for every type).
    pub fn erased(self) -> Fetched<()> {
        Fetched {
            body: self.body,
            again: self.again,
            answer: PhantomData,
        }
    }

    /// Asks again, showing the loading state meanwhile.
    pub fn retry(self) {
        self.body.set(None);
        self.again.notify();
    }
}

impl<T: DeserializeOwned> Fetched<T> {
    /// The parsed answer; None while it loads.
    pub fn get(self) -> Option<ApiResult<T>> {
        self.body().map(|body| parse(&body?))
    }
}

pub fn parse<T: DeserializeOwned>(body: &str) -> ApiResult<T> {
    serde_json::from_str(body).map_err(|_| ApiError::Unexpected)
}

/// Fetches what `endpoint` names, and again each time what it reads changes.
/// A newer request aborts the one still in flight, so answers never arrive out
/// of order; the last answer stays on screen until the next one arrives.
pub fn fetch<T: 'static>(endpoint: impl Fn() -> Endpoint<T> + 'static) -> Fetched<T> {
    let body = RwSignal::new(None);
    let again = Trigger::new();
    let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);
    let abort = move || {
        if let Some(previous) = in_flight.try_update_value(Option::take).flatten() {
            previous.abort();
        }
    };
    on_cleanup(abort);
    Effect::new(move || {
        again.track();
        let url = api_url(&endpoint().path);
        abort();
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        in_flight.set_value(controller);
        spawn_local(async move {
            let answer = send(Request::get(&url).abort_signal(signal.as_ref()), None).await;
            if !signal.is_some_and(|s| s.aborted()) {
                body.try_set(Some(answer.map(Arc::from)));
            }
        });
    });
    Fetched {
        body,
        again,
        answer: PhantomData,
    }
}

async fn get_text(url: String) -> ApiResult<String> {
    send(Request::get(&url), None).await
}

/// Sends a request and reads its body; a non-2xx answer becomes its problem.
async fn send(request: RequestBuilder, body: Option<String>) -> ApiResult<String> {
    let request = match body {
        Some(body) => request
            .header("Content-Type", "application/json")
            .body(body),
        None => request.build(),
    };
    send_built(request.map_err(|_| ApiError::Network)?).await
}

/// Sends a built request and reads its body; a non-2xx answer becomes its problem.
async fn send_built(request: Request) -> ApiResult<String> {
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    let ok = response.ok();
    let body = response.text().await.map_err(|_| ApiError::Network)?;
    if ok {
        Ok(body)
    } else {
        // An error answer that is no problem of ours (a proxy's page, say).
        Err(serde_json::from_str::<Problem>(&body).map_or(ApiError::Unexpected, ApiError::Problem))
    }
}

/// Sends `body` as JSON with `method`, a bearer token and an `If-Match` version
/// when given; answers the body as text.
async fn call<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    token: Option<&str>,
    version: Option<i64>,
) -> ApiResult<String> {
    let mut request = RequestBuilder::new(&api_url(path)).method(method);
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(version) = version {
        request = request.header("If-Match", &format!("\"{version}\""));
    }
    let body = body
        .map(|b| serde_json::to_string(b).map_err(|_| ApiError::Network))
        .transpose()?;
    send(request, body).await
}

/// Sends `body` as JSON and parses the answer.
async fn write<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
    token: Option<&str>,
) -> ApiResult<T> {
    parse(&call(method, path, Some(body), token, None).await?)
}

/// A read that needs a bearer token, such as a voter's ballot.
async fn read_with<T: DeserializeOwned>(path: &str, token: &str) -> ApiResult<T> {
    parse(&read_text_with(path, token).await?)
}

/// The same read, its body as text (a CSV).
async fn read_text_with(path: &str, token: &str) -> ApiResult<String> {
    let request = Request::get(&api_url(path)).header("Authorization", &format!("Bearer {token}"));
    send(request, None).await
}

pub async fn request_code(request: &OtpRequest) -> ApiResult<OtpSent> {
    write(Method::POST, "/voters/otp", request, None).await
}

/// May this IIN vote in this fair? Nothing is sent to any phone.
pub async fn eligibility(fair_id: i64, request: &EligibilityRequest) -> ApiResult<Eligibility> {
    write(
        Method::POST,
        &format!("/fairs/{fair_id}/eligibility"),
        request,
        None,
    )
    .await
}

pub async fn verify_code(request: &VerifyRequest) -> ApiResult<VoterSession> {
    write(Method::POST, "/voters/verify", request, None).await
}

pub async fn ballot(fair_id: i64, token: &str) -> ApiResult<Ballot> {
    read_with(&format!("/fairs/{fair_id}/ballot"), token).await
}

pub async fn save_ballot(fair_id: i64, request: &BallotRequest, token: &str) -> ApiResult<Ballot> {
    write(
        Method::PUT,
        &format!("/fairs/{fair_id}/ballot"),
        request,
        Some(token),
    )
    .await
}

pub async fn submit_idea(fair_id: i64, idea: &NewIdea, token: &str) -> ApiResult<PendingIdea> {
    write(
        Method::POST,
        &format!("/fairs/{fair_id}/ideas"),
        idea,
        Some(token),
    )
    .await
}

/// A registrar enters a paper ballot.
pub async fn enter_paper_ballot(
    fair_id: i64,
    request: &PaperBallotRequest,
    token: &str,
) -> ApiResult<PaperBallot> {
    write(
        Method::POST,
        &format!("/fairs/{fair_id}/paper-ballots"),
        request,
        Some(token),
    )
    .await
}

/// The paper ballots this registrar entered lately.
pub async fn check_receipt(fair_id: i64, code: &str) -> ApiResult<bastama_model::ReceiptCheck> {
    parse(&get_text(api_url(&format!("/fairs/{fair_id}/receipts/{code}"))).await?)
}

pub async fn paper_ballots(token: &str) -> ApiResult<Vec<PaperBallot>> {
    read_with("/paper-ballots", token).await
}

pub async fn void_paper_ballot(id: i64, request: &VoidRequest, token: &str) -> ApiResult<()> {
    call(
        Method::POST,
        &format!("/paper-ballots/{id}/void"),
        Some(request),
        Some(token),
        None,
    )
    .await
    .map(drop)
}

pub async fn stations(token: &str) -> ApiResult<Vec<Station>> {
    read_with("/admin/stations", token).await
}

pub async fn create_station(station: &NewStation, token: &str) -> ApiResult<Station> {
    write(Method::POST, "/admin/stations", station, Some(token)).await
}

pub async fn create_registrar(registrar: &NewRegistrar, token: &str) -> ApiResult<Account> {
    write(Method::POST, "/admin/registrars", registrar, Some(token)).await
}

/// Every voided paper ballot of a fair, for moderators.
pub async fn voids(fair_id: i64, token: &str) -> ApiResult<Vec<VoidedBallot>> {
    read_with(&format!("/admin/fairs/{fair_id}/voids"), token).await
}

pub async fn login(request: &LoginRequest) -> ApiResult<LoginResponse> {
    write(Method::POST, "/auth/login", request, None).await
}

pub async fn logout(token: &str) -> ApiResult<()> {
    call::<()>(Method::POST, "/auth/logout", None, Some(token), None)
        .await
        .map(drop)
}

pub async fn me(token: &str) -> ApiResult<Account> {
    read_with("/me", token).await
}

/// The audit log's entries that `query` (a query string) picks, and its chain check.
pub async fn audit(query: &str, token: &str) -> ApiResult<AuditPage> {
    read_with(&format!("/admin/audit{query}"), token).await
}

/// The same entries, all of them, as CSV.
pub async fn audit_csv(query: &str, token: &str) -> ApiResult<String> {
    read_text_with(&format!("/admin/audit.csv{query}"), token).await
}

/// The public decisions about a record (`ngo:12`) and the records within it.
pub fn decisions(record: bastama_model::RecordRef) -> Endpoint<Vec<bastama_model::Decision>> {
    endpoint(format!("/audit?record={record}"))
}

pub async fn queue(token: &str) -> ApiResult<Queue> {
    read_with("/admin/queue", token).await
}

pub async fn all_fairs(token: &str) -> ApiResult<Vec<Fair>> {
    read_with("/admin/fairs", token).await
}

pub async fn create_fair(fair: &NewFair, token: &str) -> ApiResult<Fair> {
    write(Method::POST, "/admin/fairs", fair, Some(token)).await
}

pub async fn change_fair(
    id: i64,
    version: i64,
    change: &FairChange,
    token: &str,
) -> ApiResult<Fair> {
    parse(
        &call(
            Method::PATCH,
            &format!("/admin/fairs/{id}"),
            Some(change),
            Some(token),
            Some(version),
        )
        .await?,
    )
}

/// What a moderator decides on: an NGO's application, an idea, an initiative.
#[derive(Clone, Copy)]
pub enum Pending {
    Ngo(i64),
    Idea(i64),
    Initiative(i64),
}

impl Pending {
    fn path(self, decision: &str) -> String {
        match self {
            Pending::Ngo(id) => format!("/admin/ngos/{id}/{decision}"),
            Pending::Idea(id) => format!("/admin/ideas/{id}/{decision}"),
            Pending::Initiative(id) => format!("/admin/initiatives/{id}/{decision}"),
        }
    }
}

/// Sends an NGO's new initiative; it waits for a moderator.
pub async fn add_initiative(form: &InitiativeForm, token: &str) -> ApiResult<Initiative> {
    write(Method::POST, "/initiatives", form, Some(token)).await
}

/// Saves an initiative changed from `version`.
pub async fn save_initiative(
    id: i64,
    version: i64,
    form: &InitiativeForm,
    token: &str,
) -> ApiResult<Initiative> {
    parse(
        &call(
            Method::PATCH,
            &format!("/initiatives/{id}"),
            Some(form),
            Some(token),
            Some(version),
        )
        .await?,
    )
}

pub async fn approve(what: Pending, token: &str) -> ApiResult<()> {
    call::<()>(Method::POST, &what.path("approve"), None, Some(token), None)
        .await
        .map(drop)
}

pub async fn reject(what: Pending, reason: &Rejection, token: &str) -> ApiResult<()> {
    call(
        Method::POST,
        &what.path("reject"),
        Some(reason),
        Some(token),
        None,
    )
    .await
    .map(drop)
}

pub async fn set_funding(idea_id: i64, change: &FundingChange, token: &str) -> ApiResult<()> {
    call(
        Method::PUT,
        &format!("/admin/ideas/{idea_id}/funding"),
        Some(change),
        Some(token),
        None,
    )
    .await
    .map(drop)
}

/// One NGO's public profile, read once (not as a resource).
pub async fn one_ngo(id: i64) -> ApiResult<Ngo> {
    parse(&get_text(api_url(&format!("/ngos/{id}"))).await?)
}

/// Sends an NGO's application; it waits for a moderator.
pub async fn register(form: &NgoRegistration) -> ApiResult<()> {
    call(Method::POST, "/ngos/register", Some(form), None, None)
        .await
        .map(drop)
}

/// Saves a profile edited from `version`; a 412 means someone saved meanwhile.
pub async fn save_profile(
    id: i64,
    version: i64,
    profile: &NgoProfile,
    token: &str,
) -> ApiResult<Ngo> {
    parse(
        &call(
            Method::PATCH,
            &format!("/ngos/{id}"),
            Some(profile),
            Some(token),
            Some(version),
        )
        .await?,
    )
}

/// Uploads a logo file as it is; the server judges its bytes.
pub async fn upload_logo(id: i64, file: &web_sys::File, token: &str) -> ApiResult<Ngo> {
    let request = RequestBuilder::new(&api_url(&format!("/ngos/{id}/logo")))
        .method(Method::PUT)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", &file.type_())
        .body(file.clone())
        .map_err(|_| ApiError::Network)?;
    parse(&send_built(request).await?)
}

/// Sends batch `batch` of `of` of a fair's voter roll, as CSV lines.
pub async fn import_roll(
    fair_id: i64,
    (batch, of): (usize, usize),
    lines: &str,
    token: &str,
) -> ApiResult<RollReport> {
    let path = format!("/admin/fairs/{fair_id}/roll?batch={batch}&of={of}");
    let request = RequestBuilder::new(&api_url(&path))
        .method(Method::PUT)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "text/csv")
        .body(lines)
        .map_err(|_| ApiError::Network)?;
    parse(&send_built(request).await?)
}
