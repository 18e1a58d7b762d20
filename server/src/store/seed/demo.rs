//! The demo data set (`demo.json`): Oral and the 12 districts, the activity
//! directions, about 30 NGOs, their initiatives and one ideas fair. Every record
//! it writes is marked `demo`, and the app shows that.

use super::{insert_initiative, insert_ngo, NewInitiative, NewNgo};
use bastama_model::{Point, Review, Text};
use serde::Deserialize;
use sqlx::{Any, AnyPool, Transaction};
use time::{Duration, OffsetDateTime};

#[derive(Deserialize)]
pub struct DemoData {
    pub districts: Vec<DemoDistrict>,
    pub directions: Vec<DemoDirection>,
    ngos: Vec<DemoNgo>,
    initiatives: Vec<DemoInitiative>,
    fairs: Vec<DemoFair>,
}

#[derive(Deserialize)]
pub struct DemoDistrict {
    pub slug: String,
    kind: String,
    name: Text,
    pub center: Point,
}

#[derive(Deserialize)]
pub struct DemoDirection {
    pub slug: String,
    name: Text,
}

#[derive(Deserialize)]
struct DemoNgo {
    bin: String,
    name: Text,
    legal_form: String,
    registered_on: String,
    district: String,
    address: String,
    directions: Vec<String>,
    description: Text,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    volunteers: i64,
    active: bool,
    verified: bool,
}

#[derive(Deserialize)]
struct DemoInitiative {
    ngo: Option<usize>,
    title: Text,
    description: Text,
    kind: String,
    status: String,
    funding: String,
    amount_kzt: Option<i64>,
    district: String,
    location: Point,
    starts_on: String,
    ends_on: Option<String>,
    volunteers: i64,
}

#[derive(Deserialize)]
struct DemoFair {
    title: Text,
    description: Text,
    phase: String,
    votes_per_voter: i64,
    winners: i64,
    results_live: bool,
    ideas: Vec<DemoIdea>,
}

#[derive(Deserialize)]
struct DemoIdea {
    ngo: Option<usize>,
    title: Text,
    summary: Text,
    district: Option<String>,
    budget_kzt: i64,
    directions: Vec<String>,
    funding: Option<bastama_model::IdeaFunding>,
}

/// The data set compiled into the server.
pub fn data() -> DemoData {
    serde_json::from_str(include_str!("demo.json"))
        .expect("demo.json matches DemoData (checked by a test)")
}

/// Loads the demo data set when the database holds no districts yet.
pub async fn load_if_empty(db: &AnyPool) -> Result<(), sqlx::Error> {
    let (districts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM districts")
        .fetch_one(db)
        .await?;
    if districts > 0 {
        return Ok(());
    }
    let data = data();
    let mut tx = super::begin_write(db).await?;
    insert_vocabulary(&mut tx, &data).await?;
    let mut ngo_ids = Vec::with_capacity(data.ngos.len());
    for n in &data.ngos {
        let ngo = NewNgo {
            bin: &n.bin,
            name: &n.name,
            legal_form: &n.legal_form,
            registered_on: &n.registered_on,
            district: &n.district,
            address: &n.address,
            directions: &n.directions,
            description: &n.description,
            phone: n.phone.as_deref(),
            email: n.email.as_deref(),
            website: n.website.as_deref(),
            volunteers: n.volunteers,
            active: n.active,
            verified: n.verified,
        };
        ngo_ids.push(insert_ngo(&mut tx, &ngo, true).await?);
    }
    for i in &data.initiatives {
        let initiative = NewInitiative {
            ngo_id: i.ngo.and_then(|n| ngo_ids.get(n).copied()),
            title: &i.title,
            description: &i.description,
            kind: &i.kind,
            status: &i.status,
            funding: &i.funding,
            amount_kzt: i.amount_kzt,
            district: &i.district,
            lat: i.location.lat,
            lon: i.location.lon,
            starts_on: &i.starts_on,
            ends_on: i.ends_on.as_deref(),
            volunteers: i.volunteers,
        };
        insert_initiative(&mut tx, &initiative, true).await?;
    }
    let now = OffsetDateTime::now_utc();
    for fair in &data.fairs {
        insert_fair(&mut tx, fair, &ngo_ids, now).await?;
    }
    tx.commit().await?;
    tracing::info!(
        ngos = data.ngos.len(),
        initiatives = data.initiatives.len(),
        "loaded the demo data set"
    );
    Ok(())
}

/// Districts and directions: what every other record refers to.
pub async fn insert_vocabulary(
    tx: &mut Transaction<'_, Any>,
    data: &DemoData,
) -> Result<(), sqlx::Error> {
    for (position, d) in data.districts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO districts (slug, position, kind, name_kk, name_ru, name_en, lat, lon) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&d.slug)
        .bind(position as i64)
        .bind(&d.kind)
        .bind(&d.name.kk)
        .bind(d.name.ru.as_deref())
        .bind(d.name.en.as_deref())
        .bind(d.center.lat)
        .bind(d.center.lon)
        .execute(&mut **tx)
        .await?;
    }
    for (position, d) in data.directions.iter().enumerate() {
        sqlx::query("INSERT INTO directions (slug, position, name_kk, name_ru, name_en) VALUES ($1, $2, $3, $4, $5)")
            .bind(&d.slug)
            .bind(position as i64)
            .bind(&d.name.kk)
            .bind(d.name.ru.as_deref())
            .bind(d.name.en.as_deref())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A fair in its voting phase: submissions opened a month ago, voting three days
/// ago, and it closes in a month, so the demo can be voted in whenever it starts.
async fn insert_fair(
    tx: &mut Transaction<'_, Any>,
    fair: &DemoFair,
    ngo_ids: &[i64],
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let at = |days: i64| crate::store::rfc3339(now + Duration::days(days));
    let (fair_id,): (i64,) = sqlx::query_as(
        "INSERT INTO fairs (title_kk, title_ru, title_en, description_kk, description_ru, description_en, \
         phase, submission_starts_at, voting_starts_at, voting_ends_at, votes_per_voter, winners, \
         results_live, demo, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14) RETURNING id",
    )
    .bind(&fair.title.kk)
    .bind(fair.title.ru.as_deref())
    .bind(fair.title.en.as_deref())
    .bind(&fair.description.kk)
    .bind(fair.description.ru.as_deref())
    .bind(fair.description.en.as_deref())
    .bind(&fair.phase)
    .bind(at(-30))
    .bind(at(-3))
    .bind(at(30))
    .bind(fair.votes_per_voter)
    .bind(fair.winners)
    .bind(i64::from(fair.results_live))
    .bind(crate::store::now())
    .fetch_one(&mut **tx)
    .await?;
    for idea in &fair.ideas {
        let (idea_id,): (i64,) = sqlx::query_as(
            "INSERT INTO ideas (fair_id, ngo_id, title_kk, title_ru, title_en, summary_kk, summary_ru, \
             summary_en, district, budget_kzt, sponsor, sponsor_amount_kzt, memorandum_signed, \
             moderation, demo, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15) RETURNING id",
        )
        .bind(fair_id)
        .bind(idea.ngo.and_then(|n| ngo_ids.get(n).copied()))
        .bind(&idea.title.kk)
        .bind(idea.title.ru.as_deref())
        .bind(idea.title.en.as_deref())
        .bind(&idea.summary.kk)
        .bind(idea.summary.ru.as_deref())
        .bind(idea.summary.en.as_deref())
        .bind(idea.district.as_deref())
        .bind(idea.budget_kzt)
        .bind(idea.funding.as_ref().map(|f| f.sponsor.as_str()))
        .bind(idea.funding.as_ref().map(|f| f.amount_kzt))
        .bind(i64::from(idea.funding.as_ref().is_some_and(|f| f.memorandum_signed)))
        .bind(Review::Approved.code())
        .bind(crate::store::now())
        .fetch_one(&mut **tx)
        .await?;
        for direction in &idea.directions {
            sqlx::query("INSERT INTO idea_directions (idea_id, direction) VALUES ($1, $2)")
                .bind(idea_id)
                .bind(direction.as_str())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bastama_model::{validate, Bin, Funding, InitiativeKind, InitiativeStatus};

    #[test]
    fn the_demo_data_is_valid() {
        let data = data();
        assert_eq!(data.districts.len(), 13);
        assert!((25..=40).contains(&data.ngos.len()));
        let district = |slug: &str| data.districts.iter().any(|d| d.slug == slug);
        let direction = |slug: &String| data.directions.iter().any(|d| &d.slug == slug);
        for n in &data.ngos {
            assert!(Bin::parse(&n.bin).is_ok(), "{}", n.bin);
            assert!(district(&n.district), "{}", n.district);
            assert!(n.directions.iter().all(direction));
            assert!(validate::text_length("name", &n.name.kk, validate::limits::NAME).is_ok());
            if let Some(phone) = &n.phone {
                assert!(validate::phone("phone", phone).is_ok(), "{phone}");
            }
            if let Some(email) = &n.email {
                assert!(validate::email("email", email).is_ok(), "{email}");
            }
        }
        for i in &data.initiatives {
            assert!(InitiativeKind::from_code(&i.kind).is_some(), "{}", i.kind);
            assert!(
                InitiativeStatus::from_code(&i.status).is_some(),
                "{}",
                i.status
            );
            assert!(Funding::from_code(&i.funding).is_some(), "{}", i.funding);
            assert!(district(&i.district));
            assert!(i.ngo.is_none_or(|n| n < data.ngos.len()));
            assert!(i.ends_on.as_ref().is_none_or(|end| end >= &i.starts_on));
        }
        let ideas = &data.fairs[0].ideas;
        assert!(ideas.iter().any(|i| i
            .funding
            .as_ref()
            .is_some_and(|f| f.amount_kzt == 2_000_000)));
        assert!(ideas.iter().all(|i| i.directions.iter().all(direction)));
    }
}
