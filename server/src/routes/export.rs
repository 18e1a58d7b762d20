//! Open data: the directory and the initiatives as CSV and GeoJSON, with the same
//! filters as their lists.

use super::AppState;
use crate::error::ApiResult;
use crate::params::Params;
use crate::store::{initiatives, ngos};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bastama_model::{Initiative, InitiativeQuery, NgoQuery, Problem};
use serde_json::json;

/// A CSV document being written in memory.
pub struct CsvOut(csv::Writer<Vec<u8>>);

pub fn csv_writer(header: &[&str]) -> CsvOut {
    let mut out = CsvOut(csv::Writer::from_writer(Vec::new()));
    out.row(header.iter().map(|h| h.to_string()));
    out
}

impl CsvOut {
    pub fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        self.0
            .write_record(cells)
            .expect("writing CSV into memory cannot fail");
    }

    pub fn into_response(self, filename: &str) -> Response {
        let body = self.0.into_inner().unwrap_or_default();
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
            ],
            body,
        )
            .into_response()
    }
}

/// Text that people wrote, made safe for spreadsheets: a cell that starts like a
/// formula is prefixed with an apostrophe so it is shown, never run.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn opt(value: Option<&str>) -> String {
    cell(value.unwrap_or(""))
}

/// The NGO directory as CSV.
#[utoipa::path(
    get,
    path = "/api/v1/export/ngos.csv",
    params(NgoQuery),
    responses((status = 200, content_type = "text/csv"), (status = 400, body = Problem))
)]
pub async fn ngos_csv(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let filters = params.ngo_query(&state.db).await?;
    let all = ngos::all(&state.db, &filters).await?;
    let mut out = csv_writer(&[
        "id",
        "bin",
        "name_kk",
        "name_ru",
        "name_en",
        "legal_form",
        "registered_on",
        "district",
        "address",
        "directions",
        "phone",
        "email",
        "website",
        "volunteers",
        "active",
        "verified",
        "updated_at",
    ]);
    for n in all {
        out.row([
            n.id.to_string(),
            n.bin.into(),
            cell(&n.name.kk),
            opt(n.name.ru.as_deref()),
            opt(n.name.en.as_deref()),
            cell(&n.legal_form),
            n.registered_on,
            n.district,
            cell(&n.address),
            n.directions.join(";"),
            opt(n.phone.as_deref()),
            opt(n.email.as_deref()),
            opt(n.website.as_deref()),
            n.volunteers.to_string(),
            n.active.to_string(),
            n.verified.to_string(),
            n.updated_at,
        ]);
    }
    Ok(out.into_response("ngos.csv"))
}

async fn matching_initiatives(state: &AppState, params: &Params) -> ApiResult<Vec<Initiative>> {
    let filters = params.initiative_query(&state.db).await?;
    initiatives::fetch(&state.db, &filters, None).await
}

/// The initiatives as CSV.
#[utoipa::path(
    get,
    path = "/api/v1/export/initiatives.csv",
    params(InitiativeQuery),
    responses((status = 200, content_type = "text/csv"), (status = 400, body = Problem))
)]
pub async fn initiatives_csv(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let items = matching_initiatives(&state, &params).await?;
    let mut out = csv_writer(&[
        "id",
        "title_kk",
        "title_ru",
        "title_en",
        "kind",
        "status",
        "funding",
        "amount_kzt",
        "district",
        "lat",
        "lon",
        "starts_on",
        "ends_on",
        "volunteers",
        "ngo_id",
    ]);
    for i in items {
        out.row([
            i.id.to_string(),
            cell(&i.title.kk),
            opt(i.title.ru.as_deref()),
            opt(i.title.en.as_deref()),
            i.kind.code().into(),
            i.status.code().into(),
            i.funding.code().into(),
            i.amount_kzt.map(|a| a.to_string()).unwrap_or_default(),
            i.district,
            i.location.lat.to_string(),
            i.location.lon.to_string(),
            i.starts_on,
            i.ends_on.unwrap_or_default(),
            i.volunteers.to_string(),
            i.ngo_id.map(|n| n.to_string()).unwrap_or_default(),
        ]);
    }
    Ok(out.into_response("initiatives.csv"))
}

/// The initiatives as an RFC 7946 GeoJSON FeatureCollection of points.
#[utoipa::path(
    get,
    path = "/api/v1/export/initiatives.geojson",
    params(InitiativeQuery),
    responses((status = 200, content_type = "application/geo+json"), (status = 400, body = Problem))
)]
pub async fn initiatives_geojson(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Response> {
    let items = matching_initiatives(&state, &params).await?;
    let features: Vec<serde_json::Value> = items
        .into_iter()
        .map(|i| {
            json!({
                "type": "Feature",
                "id": i.id,
                // RFC 7946: longitude first.
                "geometry": { "type": "Point", "coordinates": [i.location.lon, i.location.lat] },
                "properties": {
                    "title": i.title,
                    "kind": i.kind,
                    "status": i.status,
                    "funding": i.funding,
                    "amount_kzt": i.amount_kzt,
                    "district": i.district,
                    "starts_on": i.starts_on,
                    "ends_on": i.ends_on,
                    "volunteers": i.volunteers,
                    "ngo_id": i.ngo_id,
                },
            })
        })
        .collect();
    let body = json!({ "type": "FeatureCollection", "features": features });
    Ok((
        [(header::CONTENT_TYPE, "application/geo+json")],
        serde_json::to_vec(&body).unwrap_or_default(),
    )
        .into_response())
}
