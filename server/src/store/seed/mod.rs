//! Filling a database: the demo data set, and synthetic records at scale.

pub mod demo;
pub mod scale;

use super::{now, search_key};
use bastama_model::{Publication, Review, Text};
use sqlx::{Any, AnyPool, Transaction};

/// A transaction that writes, beside a server that may be writing too. On
/// SQLite it takes the write lock at once: a transaction that reads first and
/// writes later cannot wait for another writer (SQLite refuses it at once with
/// "database is locked"), and a running server writes every second.
pub async fn begin_write(db: &AnyPool) -> Result<Transaction<'static, Any>, sqlx::Error> {
    if db.connect_options().database_url.scheme() == "sqlite" {
        db.begin_with("BEGIN IMMEDIATE").await
    } else {
        db.begin().await
    }
}

/// An NGO as the seeders write it.
pub struct NewNgo<'a> {
    pub bin: &'a str,
    pub name: &'a Text,
    pub legal_form: &'a str,
    pub registered_on: &'a str,
    pub district: &'a str,
    pub address: &'a str,
    pub directions: &'a [String],
    pub description: &'a Text,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    pub volunteers: i64,
    pub active: bool,
    pub verified: bool,
}

pub async fn insert_ngo(
    tx: &mut Transaction<'_, Any>,
    ngo: &NewNgo<'_>,
    demo: bool,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO ngos (bin, name_kk, name_ru, name_en, legal_form, registered_on, district, address, \
         description_kk, description_ru, description_en, phone, email, website, volunteers, active, \
         verified, status, demo, updated_at, search) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) \
         RETURNING id",
    )
    .bind(ngo.bin)
    .bind(&ngo.name.kk)
    .bind(ngo.name.ru.as_deref())
    .bind(ngo.name.en.as_deref())
    .bind(ngo.legal_form)
    .bind(ngo.registered_on)
    .bind(ngo.district)
    .bind(ngo.address)
    .bind(&ngo.description.kk)
    .bind(ngo.description.ru.as_deref())
    .bind(ngo.description.en.as_deref())
    .bind(ngo.phone)
    .bind(ngo.email)
    .bind(ngo.website)
    .bind(ngo.volunteers)
    .bind(i64::from(ngo.active))
    .bind(i64::from(ngo.verified))
    .bind(Review::Approved.code())
    .bind(i64::from(demo))
    .bind(now())
    .bind(search_key(ngo.name))
    .fetch_one(&mut **tx)
    .await?;
    for direction in ngo.directions {
        sqlx::query("INSERT INTO ngo_directions (ngo_id, direction) VALUES ($1, $2)")
            .bind(id)
            .bind(direction.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// An initiative as the seeders write it.
pub struct NewInitiative<'a> {
    pub ngo_id: Option<i64>,
    pub title: &'a Text,
    pub description: &'a Text,
    pub kind: &'a str,
    pub status: &'a str,
    pub funding: &'a str,
    pub amount_kzt: Option<i64>,
    pub district: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub starts_on: &'a str,
    pub ends_on: Option<&'a str>,
    pub volunteers: i64,
}

pub async fn insert_initiative(
    tx: &mut Transaction<'_, Any>,
    i: &NewInitiative<'_>,
    demo: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO initiatives (ngo_id, title_kk, title_ru, title_en, description_kk, description_ru, \
         description_en, kind, status, funding, amount_kzt, district, lat, lon, starts_on, ends_on, \
         volunteers, moderation, demo, updated_at, search) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
    )
    .bind(i.ngo_id)
    .bind(&i.title.kk)
    .bind(i.title.ru.as_deref())
    .bind(i.title.en.as_deref())
    .bind(&i.description.kk)
    .bind(i.description.ru.as_deref())
    .bind(i.description.en.as_deref())
    .bind(i.kind)
    .bind(i.status)
    .bind(i.funding)
    .bind(i.amount_kzt)
    .bind(i.district)
    .bind(i.lat)
    .bind(i.lon)
    .bind(i.starts_on)
    .bind(i.ends_on)
    .bind(i.volunteers)
    .bind(Publication::Published.code())
    .bind(i64::from(demo))
    .bind(now())
    .bind(search_key(i.title))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
