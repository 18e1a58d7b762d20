//! Stations where registrars enter paper ballots, and their registrars' accounts.

use super::audit::{self, Entry};
use super::{checked, now, Actor, Db};
use crate::error::{ApiError, ApiResult};
use bastama_model::{Account, AuditAction, NewStation, Reason, RecordKind, Role, Station};

/// Every station, by name.
pub async fn all(db: &Db) -> ApiResult<Vec<Station>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, district FROM stations ORDER BY name, id")
            .fetch_all(&db.read)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, district)| Station { id, name, district })
        .collect())
}

/// Stores a new station (its district known); its id.
pub async fn create(db: &Db, actor: Actor, station: &NewStation) -> ApiResult<i64> {
    let mut tx = db.write.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO stations (name, district, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&station.name)
    .bind(&station.district)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new(RecordKind::Station, id, AuditAction::Created)
        .set("name", &station.name)
        .set("district", &station.district);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a registrar's account at a station, and answers it. The e-mail must
/// be free and the station must exist: each refusal names its field.
pub async fn create_registrar(
    db: &Db,
    actor: Actor,
    (email, password_hash): (&str, &str),
    station_id: i64,
) -> ApiResult<Account> {
    let station: Option<(String, String)> =
        sqlx::query_as("SELECT name, district FROM stations WHERE id = $1")
            .bind(station_id)
            .fetch_optional(&db.read)
            .await?;
    let (emails,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(&db.read)
        .await?;
    let Some((name, district)) = station else {
        return Err(ApiError::invalid(
            "station_id",
            Reason::Unknown,
            "no station has this id",
        ));
    };
    if emails > 0 {
        return Err(ApiError::at_field(
            bastama_model::Kind::Taken,
            "email",
            Reason::Taken,
            "an account with this e-mail already exists",
        ));
    }
    let mut tx = db.write.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (email, password_hash, role, station_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(Role::Registrar.code())
    .bind(station_id)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new(RecordKind::Account, id, AuditAction::Created)
        .set("role", &Role::Registrar)
        .set("email", email)
        .set("station_id", &station_id);
    audit::append(&mut tx, db.postgres, actor, entry).await?;
    tx.commit().await?;
    Ok(Account {
        id,
        email: checked("account", id, email.to_owned())?,
        role: Role::Registrar,
        ngo_id: None,
        station: Some(Station {
            id: station_id,
            name,
            district,
        }),
    })
}
