//! Voter verification: an IIN and a phone get a six-digit code by SMS; the code
//! gives a voter token. Codes expire in 10 minutes and allow 5 attempts.

use super::AppState;
use crate::body::Checked;
use crate::client::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::keys::{new_code, new_token, token_hash};
use crate::sms::Text;
use crate::store::limits::{self, OTP_PER_IIN, OTP_PER_PHONE};
use crate::store::voters::{self, NewCode};
use crate::store::{fairs, rolls};
use crate::store::{now, rfc3339};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use bastama_model::{
    CodeClaim, Kind, OtpRequest, OtpSent, Problem, Reason, VerifyRequest, VoterClaim, VoterSession,
};
use time::{Duration, OffsetDateTime};

const CODE_LIFETIME: Duration = Duration::minutes(10);
const CODE_ATTEMPTS: i64 = 5;
const VOTER_SESSION: Duration = Duration::hours(2);

/// Sends a code to the phone for this IIN.
///
/// With `fair_id`, a fair whose electorate is a voter roll refuses an IIN not
/// on it (`not-on-roll`) before any code is sent. When the server has an
/// identity service (`BASTAMA_IDENTITY_WEBHOOK`), it first asks it, by a JSON
/// `POST` of `{"iin", "phone"}`, whether the phone is registered to the IIN;
/// the service answers `200 {"match": true|false}` within 5 seconds. `false`
/// refuses the code (`phone-not-owned`); no answer in time is a 503
/// (`identity-unavailable`), with no code sent and nothing stored.
#[utoipa::path(
    post,
    path = "/api/v1/voters/otp",
    request_body = OtpRequest,
    responses(
        (status = 202, body = OtpSent),
        (status = 400, body = Problem),
        (status = 403, body = Problem, description = "the IIN is not on the fair's voter roll (`not-on-roll`), or the identity service says the phone is not registered to it (`phone-not-owned`)"),
        (status = 404, body = Problem, description = "no such fair"),
        (status = 429, body = Problem, description = "too many codes for this phone, IIN or address; see Retry-After"),
        (status = 503, body = Problem, description = "the hour's SMS budget is spent (`sms-unavailable`, see Retry-After), or the identity service did not answer (`identity-unavailable`); no code was sent"),
    )
)]
pub async fn request_code(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Checked(VoterClaim {
        iin,
        phone,
        fair_id,
    }): Checked<VoterClaim>,
) -> ApiResult<(StatusCode, Json<OtpSent>)> {
    let phone_key = state.keys.keyed_hash("phone", &phone);
    let voter_key = state.keys.keyed_hash("iin", &iin);
    limits::hit(
        &state.db,
        limits::codes_per_client(state.client_limit),
        &limits::client(&state.keys, &client),
    )
    .await?;
    if let Some(fair_id) = fair_id {
        let fair = fairs::public_one(&state.db, fair_id).await?;
        if !rolls::eligible(&state.db, &fair, &voter_key).await? {
            return Err(not_on_roll());
        }
    }
    limits::hit(&state.db, OTP_PER_PHONE, &phone_key).await?;
    limits::hit(&state.db, OTP_PER_IIN, &voter_key).await?;
    if let Some(identity) = &state.identity {
        match identity.matches(&iin, &phone).await {
            Some(true) => {}
            Some(false) => {
                return Err(ApiError::new(
                    Kind::PhoneNotOwned,
                    "this phone is not registered to this IIN; use a phone registered in your name",
                ))
            }
            None => {
                return Err(ApiError::new(
                    Kind::IdentityUnavailable,
                    "the identity check is not answering; no code was sent, try again later",
                ))
            }
        }
    }
    // Counted last, so that a request refused above spends none of it.
    limits::hit(
        &state.db,
        limits::sms_budget(state.sms_per_hour),
        limits::REGION,
    )
    .await
    .map_err(|refused| match refused.problem.kind {
        Kind::TooMany { retry_after } => {
            tracing::warn!("the SMS budget of this hour is spent: codes are refused");
            ApiError::new(
                Kind::SmsUnavailable { retry_after },
                "this hour's SMS budget is spent; try again later",
            )
        }
        _ => refused,
    })?;

    let code = new_code();
    let expires_at = rfc3339(OffsetDateTime::now_utc() + CODE_LIFETIME);
    let code_hash = state
        .keys
        .keyed_hash("code", &format!("{phone_key}:{code}"));
    let text = Text {
        phone: phone.to_string(),
        text: format!("Бастама: дауыс беру коды / код для голосования: {code}"),
    };
    let sealed_text = text.sealed(&state.keys);
    voters::store_code(
        &state.db,
        NewCode {
            phone_key: &phone_key,
            voter_key: &voter_key,
            code_hash: &code_hash,
            expires_at: &expires_at,
            sealed_text: &sealed_text,
        },
    )
    .await?;
    // The sender delivers it; the answer does not wait for the gateway.
    state.outbox.notify_one();
    Ok((StatusCode::ACCEPTED, Json(OtpSent { expires_at })))
}

/// Exchanges the phone's latest code for a voter token.
#[utoipa::path(
    post,
    path = "/api/v1/voters/verify",
    request_body = VerifyRequest,
    responses(
        (status = 200, body = VoterSession),
        (status = 400, body = Problem, description = "wrong, expired or used-up code"),
        (status = 429, body = Problem),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Checked(CodeClaim { phone, code }): Checked<CodeClaim>,
) -> ApiResult<Json<VoterSession>> {
    limits::hit(
        &state.db,
        limits::checks_per_client(state.client_limit),
        &limits::client(&state.keys, &client),
    )
    .await?;
    let phone_key = state.keys.keyed_hash("phone", &phone);
    // Only the phone's latest code counts: a new request replaces the older ones.
    let latest = voters::latest_code(&state.db, &phone_key).await?;
    let Some(row) = latest.filter(|row| row.used == 0 && row.expires_at > now()) else {
        return Err(ApiError::invalid(
            "code",
            Reason::Expired,
            "no valid code for this phone; request a new one",
        ));
    };
    if row.attempts >= CODE_ATTEMPTS {
        return Err(ApiError::invalid(
            "code",
            Reason::Attempts,
            "too many wrong attempts; request a new code",
        ));
    }
    if state
        .keys
        .keyed_hash("code", &format!("{phone_key}:{code}"))
        != row.code_hash
    {
        let attempts = voters::wrong_attempt(&state.db, row.id).await?;
        let left = (CODE_ATTEMPTS - attempts).max(0);
        return Err(ApiError::invalid(
            "code",
            Reason::Wrong { left },
            format!("wrong code; {left} attempts left"),
        ));
    }
    if !voters::claim_code(&state.db, row.id).await? {
        return Err(ApiError::invalid(
            "code",
            Reason::Expired,
            "this code was already used; request a new one",
        ));
    }
    let token = new_token();
    let expires_at = rfc3339(OffsetDateTime::now_utc() + VOTER_SESSION);
    voters::start_session(
        &state.db,
        &token_hash(&token),
        &row.voter_key,
        &phone_key,
        &expires_at,
    )
    .await?;
    Ok(Json(VoterSession {
        voter_token: token,
        expires_at,
    }))
}

/// The refusal of an IIN a fair's voter roll does not hold.
pub fn not_on_roll() -> ApiError {
    ApiError::new(
        Kind::NotOnRoll,
        "this IIN is not on this fair's voter list: ask the fair's organisers to check the list",
    )
}
