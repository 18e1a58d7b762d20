//! Fairs' voter rolls: imported by moderators as CSV, a batch of at most
//! 100,000 lines at a time, and asked by anyone: "may this IIN vote here?"

use super::{AppState, Id};
use crate::auth::Moderator;
use crate::body::JsonBody;
use crate::client::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::store::rolls::{self, Entry};
use crate::store::{fairs, limits, meta, Actor};
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::Json;
use bastama_model::{
    District, Eligibility, EligibilityRequest, FairPhase, FieldError, Iin, Kind, Problem, Reason,
    RollReport,
};

/// Lines in one batch of a roll at most.
pub const MAX_LINES: usize = 100_000;
/// A batch's body at most: 100,000 lines of an IIN and a district's name.
pub const MAX_ROLL_BYTES: usize = 4 * 1024 * 1024;
/// Batches of one import at most: a roll of 100 million lines.
const MAX_BATCHES: u32 = 1000;
/// Invalid lines listed at most in a refusal (the detail counts them all).
const LISTED: usize = 1000;

/// Imports batch `batch` of `of` (both 1 when absent) of the fair's voter
/// roll: CSV, one IIN a line, optionally a district (its slug or its name)
/// after a comma; a first line `iin,district` is a header. A batch with an
/// invalid line is refused whole, each bad line named (`lines.N`, counted from
/// 1 in this batch); the last batch puts the new roll in force, replacing the
/// old one at once.
#[utoipa::path(
    put,
    path = "/api/v1/admin/fairs/{id}/roll",
    params(
        ("id" = i64, Path),
        ("batch" = Option<i64>, Query, description = "this batch's number, from 1"),
        ("of" = Option<i64>, Query, description = "how many batches the roll has"),
    ),
    request_body(content = String, content_type = "text/csv"),
    security(("account" = [])),
    responses(
        (status = 200, body = RollReport),
        (status = 400, body = Problem, description = "invalid lines, each named, or more than 100,000 lines"),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "the fair is closed, or the batch does not follow the one before"),
        (status = 413, body = Problem),
    )
)]
pub async fn put_roll(
    State(state): State<AppState>,
    Moderator(moderator): Moderator,
    Id(id): Id,
    params: Params,
    request: Request,
) -> ApiResult<Json<RollReport>> {
    let (batch, of) = (
        params.number("batch", 1, MAX_BATCHES)?,
        params.number("of", 1, MAX_BATCHES)?,
    );
    if batch > of {
        return Err(ApiError::invalid(
            "batch",
            Reason::Range { min: 1, max: of },
            format!("must be from 1 to {of}"),
        ));
    }
    let fair = fairs::any(&state.db, id).await?;
    if fair.phase == FairPhase::Closed {
        return Err(ApiError::new(
            Kind::VotingClosed,
            "this fair is closed: its roll no longer changes",
        ));
    }
    let bytes = to_bytes(request.into_body(), MAX_ROLL_BYTES)
        .await
        .map_err(|_| {
            ApiError::at_field(
                Kind::TooLarge,
                "roll",
                Reason::TooLarge {
                    max: MAX_ROLL_BYTES as i64,
                },
                "a batch may be at most 4 MB: send the roll in more batches",
            )
        })?;
    let districts = meta::districts(&state.db).await?;
    let lines = read_roll(&bytes, &districts).map_err(refusal)?;
    let entries: Vec<Entry> = lines
        .into_iter()
        .map(|(iin, district)| Entry {
            voter_key: state.keys.keyed_hash("iin", &iin),
            district,
        })
        .collect();
    let imported =
        rolls::import_batch(&state.db, Actor::of(&moderator), id, (batch, of), &entries).await?;
    Ok(Json(RollReport {
        batch,
        of,
        accepted: imported.accepted,
        duplicates: imported.duplicates,
        roll_size: imported.roll_size,
    }))
}

/// May this IIN vote in this fair? Limited per client address like codes.
#[utoipa::path(
    post,
    path = "/api/v1/fairs/{id}/eligibility",
    params(("id" = i64, Path)),
    request_body = EligibilityRequest,
    responses(
        (status = 200, body = Eligibility),
        (status = 400, body = Problem),
        (status = 404, body = Problem),
        (status = 429, body = Problem),
    )
)]
pub async fn eligibility(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Id(id): Id,
    JsonBody(request): JsonBody<EligibilityRequest>,
) -> ApiResult<Json<Eligibility>> {
    let iin = Iin::field("iin", &request.iin).map_err(|e| Problem::invalid(vec![e]))?;
    limits::hit(
        &state.db,
        limits::eligibility_per_client(state.client_limit),
        &limits::client(&state.keys, &client),
    )
    .await?;
    let fair = fairs::public_one(&state.db, id).await?;
    let voter_key = state.keys.keyed_hash("iin", &iin);
    Ok(Json(Eligibility {
        eligible: rolls::eligible(&state.db, &fair, &voter_key).await?,
    }))
}

/// A batch refused for its lines: each one named, up to `LISTED` of them.
fn refusal(mut errors: Vec<FieldError>) -> ApiError {
    let count = errors.len();
    errors.truncate(LISTED);
    let mut problem = Problem::invalid(errors);
    problem.detail = format!(
        "{count} lines are invalid; nothing was imported. {}",
        problem.detail
    );
    problem.into()
}

/// The lines of a roll: each IIN with the slug of its district, if any.
/// Blank lines are skipped; a field may be quoted.
fn read_roll(
    bytes: &[u8],
    districts: &[District],
) -> Result<Vec<(Iin, Option<String>)>, Vec<FieldError>> {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let field = format!("lines.{}", index + 1);
        let Ok(text) = std::str::from_utf8(raw) else {
            errors.push(FieldError::new(
                &field,
                Reason::Characters,
                "not UTF-8 text",
            ));
            continue;
        };
        let columns: Vec<&str> = text
            .trim_start_matches('\u{feff}')
            .split(',')
            .map(|c| c.trim().trim_matches('"').trim())
            .collect();
        match columns.as_slice() {
            [""] => {}
            [first, ..] if index == 0 && first.eq_ignore_ascii_case("iin") => {}
            [iin] | [iin, ""] => match Iin::field(&field, iin) {
                Ok(iin) => lines.push((iin, None)),
                Err(error) => errors.push(error),
            },
            [iin, district] => match (Iin::field(&field, iin), district_named(districts, district))
            {
                (Ok(iin), Some(known)) => lines.push((iin, Some(known.slug.clone()))),
                (Err(error), _) => errors.push(error),
                (Ok(_), None) => errors.push(FieldError::new(
                    &field,
                    Reason::Unknown,
                    format!("{district:?} is not a district of the region"),
                )),
            },
            _ => errors.push(FieldError::new(
                &field,
                Reason::Format,
                "one IIN a line, and a district after a comma at most",
            )),
        }
    }
    if lines.len() > MAX_LINES {
        errors.insert(
            0,
            FieldError::new(
                "roll",
                Reason::TooMany {
                    max: MAX_LINES as i64,
                },
                "a batch may have at most 100,000 lines: send the roll in more batches",
            ),
        );
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// The district whose slug, or name in any language, this is.
fn district_named<'a>(districts: &'a [District], name: &str) -> Option<&'a District> {
    let name = name.to_lowercase();
    districts.iter().find(|d| {
        d.slug == name
            || [Some(&d.name.kk), d.name.ru.as_ref(), d.name.en.as_ref()]
                .into_iter()
                .flatten()
                .any(|n| n.to_lowercase() == name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bastama_model::{DistrictKind, Point, Text};

    fn districts() -> Vec<District> {
        vec![District {
            slug: "oral".into(),
            name: Text {
                kk: "Орал".into(),
                ru: Some("Уральск".into()),
                en: Some("Oral".into()),
            },
            kind: DistrictKind::City,
            center: Point {
                lat: 51.2,
                lon: 51.4,
            },
        }]
    }

    #[test]
    fn a_roll_names_each_bad_line_and_keeps_the_good_ones() {
        let roll = "iin,district\n000401100017\n000401100017 , уральск\n\n000401100018\n123,oral\n000401100017,nowhere\n1,2,3\r\n";
        let errors = read_roll(roll.as_bytes(), &districts()).unwrap_err();
        let named: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code()))
            .collect();
        assert_eq!(
            named,
            [
                ("lines.5", "checksum"),
                ("lines.6", "format"),
                ("lines.7", "unknown"),
                ("lines.8", "format")
            ]
        );
        let good = read_roll(b"\"000401100017\"\r\n000401100017,Oral\n", &districts()).unwrap();
        assert_eq!(good.len(), 2);
        assert_eq!(good[1].1.as_deref(), Some("oral"));
    }
}
