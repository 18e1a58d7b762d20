//! Rate limits counted in the database, so they hold across every API server.

use super::Db;
use crate::error::{ApiError, ApiResult};
use bastama_model::Kind;
use time::OffsetDateTime;

/// A limit: at most `max` hits per `window` seconds.
#[derive(Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window: i64,
}

pub const OTP_PER_PHONE: Limit = Limit {
    name: "otp-phone",
    max: 3,
    window: 600,
};

/// Per IIN: at most 5 codes an hour, whichever phones ask.
pub const OTP_PER_IIN: Limit = Limit {
    name: "otp-iin",
    max: 5,
    window: 3600,
};

/// The region's SMS budget: at most `per_hour` codes an hour, every server
/// and every client together (`BASTAMA_SMS_PER_HOUR`).
pub fn sms_budget(per_hour: i64) -> Limit {
    Limit {
        name: "sms-hour",
        max: per_hour,
        window: 3600,
    }
}

/// Who the SMS budget counts: the region as one.
pub const REGION: &str = "region";

/// Per client address, code requests and code checks each: at most
/// `BASTAMA_CLIENT_LIMIT` (default 1000) per window, enough for a crowd
/// behind one address (a school, a mobile carrier's shared address).
pub fn codes_per_client(max: i64) -> Limit {
    Limit {
        name: "codes-client",
        max,
        window: 600,
    }
}

/// "Can I vote?" questions per client address, limited like code requests.
pub fn eligibility_per_client(max: i64) -> Limit {
    Limit {
        name: "eligibility-client",
        max,
        window: 600,
    }
}

pub fn checks_per_client(max: i64) -> Limit {
    Limit {
        name: "checks-client",
        max,
        window: 600,
    }
}

/// Who a client address is, for its limits: a keyed hash, never the address.
pub fn client(keys: &crate::keys::Keys, address: &std::net::IpAddr) -> String {
    keys.keyed_hash("client", &address.to_string())
}

/// Seconds until `who` may go on when it is past `limit` now; `None` when it is not.
pub async fn spent(db: &Db, limit: Limit, who: &str) -> ApiResult<Option<u64>> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let window_start = now - now.rem_euclid(limit.window);
    let hits: Option<(i64,)> =
        sqlx::query_as("SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2")
            .bind(format!("{}:{who}", limit.name))
            .bind(window_start)
            .fetch_optional(&db.read)
            .await?;
    Ok(hits
        .filter(|(hits,)| *hits >= limit.max)
        .map(|_| (window_start + limit.window - now).max(1) as u64))
}

/// Counts one hit for `who` (a keyed hash, never a clear phone or address);
/// past the limit it is a 429 saying when to try again.
pub async fn hit(db: &Db, limit: Limit, who: &str) -> ApiResult<()> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let window_start = now - now.rem_euclid(limit.window);
    let (hits,): (i64,) = sqlx::query_as(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
    )
    .bind(format!("{}:{who}", limit.name))
    .bind(window_start)
    .fetch_one(&db.write)
    .await?;
    if hits > limit.max {
        let retry_after = (window_start + limit.window - now).max(1) as u64;
        return Err(ApiError::new(
            Kind::TooMany { retry_after },
            "too many attempts; wait and try again",
        ));
    }
    Ok(())
}
