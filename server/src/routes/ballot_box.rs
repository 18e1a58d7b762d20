//! The ballot box, published: the chain's head while voting is open; the
//! ballots (or the totals) and the whole chain once it closed; and the
//! results protocol.

use super::export::{cell, csv_writer};
use super::fairs::compute_results;
use super::{AppState, Id};
use crate::error::{ApiError, ApiResult};
use crate::store::{ballot_box, ballots, fairs};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bastama_model::{
    BallotBox, BallotPublication, BoxHead, BoxIdea, Fair, FairPhase, Kind, Problem, Protocol,
    StationVoids,
};
use sha2::{Digest, Sha256};

/// The head of the chain over the fair's ballot events (cast, replaced,
/// voided), as it stands now.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/box",
    params(("id" = i64, Path)),
    responses((status = 200, body = BoxHead), (status = 404, body = Problem))
)]
pub async fn head(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<BoxHead>> {
    let fair = fairs::public_one(&state.db, id).await?;
    let (events, head) = ballot_box::chain(&state.db, fair.id).await?;
    Ok(Json(BoxHead {
        fair_id: fair.id,
        publication: fair.publication,
        events,
        head,
    }))
}

/// A closed fair's box: every counted ballot in an order unrelated to
/// casting (or none, if the fair publishes totals), the whole chain, and the
/// results it adds up to.
async fn published(state: &AppState, fair: &Fair) -> ApiResult<BallotBox> {
    if fair.phase != FairPhase::Closed {
        return Err(ApiError::new(
            Kind::BoxNotPublished,
            "a fair publishes its ballot box when voting closes",
        ));
    }
    let (_, head) = ballot_box::chain(&state.db, fair.id).await?;
    let results = compute_results(&state.db, fair).await?;
    let mut ideas: Vec<BoxIdea> = results
        .items
        .iter()
        .map(|r| BoxIdea {
            id: r.idea_id,
            title: r.title.clone(),
        })
        .collect();
    ideas.sort_by_key(|i| i.id);
    let (salt, ballots) = match fair.publication {
        BallotPublication::Ballots => {
            let mut ballots = ballot_box::counted(&state.db, fair.id).await?;
            // By a keyed hash of the receipt: the same order on every request,
            // and one that says nothing of when a ballot was cast.
            ballots.sort_by_cached_key(|b| state.keys.keyed_hash("box order", &b.receipt));
            (Some(state.keys.box_salt(fair.id)), ballots)
        }
        BallotPublication::Totals => (None, Vec::new()),
    };
    Ok(BallotBox {
        fair_id: fair.id,
        publication: fair.publication,
        salt,
        winners: fair.winners,
        ideas,
        ballots,
        chain: ballot_box::entries(&state.db, fair.id).await?,
        head,
        results,
    })
}

fn file_bytes(ballot_box: &BallotBox) -> Vec<u8> {
    serde_json::to_vec(ballot_box).expect("a ballot box serializes")
}

/// The published ballot box of a closed fair, for anyone to recount
/// (`bastama-server recount FILE`).
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/ballots.json",
    params(("id" = i64, Path)),
    responses((status = 200, body = BallotBox), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn ballots_json(State(state): State<AppState>, Id(id): Id) -> ApiResult<Response> {
    let fair = fairs::public_one(&state.db, id).await?;
    let ballot_box = published(&state, &fair).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"fair-{id}-ballots.json\""),
            ),
        ],
        file_bytes(&ballot_box),
    )
        .into_response())
}

/// The counted ballots of a closed fair as CSV, in the order of the JSON
/// file: receipt, ideas (ids, space-separated) and station (empty: the web).
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/ballots.csv",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn ballots_csv(State(state): State<AppState>, Id(id): Id) -> ApiResult<Response> {
    let fair = fairs::public_one(&state.db, id).await?;
    let ballot_box = published(&state, &fair).await?;
    let names: std::collections::HashMap<i64, String> = ballot_box
        .results
        .origins
        .iter()
        .filter_map(|o| o.station.as_ref().map(|s| (s.id, s.name.clone())))
        .collect();
    let mut out = csv_writer(&["receipt", "ideas", "origin", "station_id", "station"]);
    for b in &ballot_box.ballots {
        let ideas: Vec<String> = b.ideas.iter().map(i64::to_string).collect();
        out.row([
            b.receipt.clone(),
            ideas.join(" "),
            if b.station.is_some() { "paper" } else { "web" }.to_owned(),
            b.station.map(|s| s.to_string()).unwrap_or_default(),
            cell(
                b.station
                    .and_then(|s| names.get(&s))
                    .map_or("", String::as_str),
            ),
        ]);
    }
    Ok(out.into_response(&format!("fair-{id}-ballots.csv")))
}

/// What the results protocol of a closed fair states: the fair, its ballots
/// by origin and station, voids by station, each idea's votes and rank, the
/// chain's head and the SHA-256 of the published file.
#[utoipa::path(
    get,
    path = "/api/v1/fairs/{id}/protocol",
    params(("id" = i64, Path)),
    responses((status = 200, body = Protocol), (status = 404, body = Problem), (status = 409, body = Problem))
)]
pub async fn protocol(State(state): State<AppState>, Id(id): Id) -> ApiResult<Json<Protocol>> {
    let fair = fairs::public_one(&state.db, id).await?;
    let ballot_box = published(&state, &fair).await?;
    let file_sha256 = format!("{:x}", Sha256::digest(file_bytes(&ballot_box)));
    Ok(Json(Protocol {
        voids: ballots::voids_by_station(&state.db, fair.id)
            .await?
            .into_iter()
            .map(|(station, voids)| StationVoids { station, voids })
            .collect(),
        events: ballot_box.chain.len() as i64,
        head: ballot_box.head,
        results: ballot_box.results,
        fair,
        file_sha256,
    }))
}
