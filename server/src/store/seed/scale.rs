//! Synthetic records at scale, for benchmarks: `bastama-server seed --scale N` adds
//! N NGOs and N/2 initiatives, all named "Synthetic" and marked demo.

use super::{demo, insert_initiative, insert_ngo, NewInitiative, NewNgo};
use bastama_model::{ids, Funding, InitiativeKind, InitiativeStatus, Text};
use sqlx::AnyPool;

pub async fn fill(db: &AnyPool, n: u32) -> Result<(), sqlx::Error> {
    let data = demo::data();
    let mut tx = super::begin_write(db).await?;
    let (districts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM districts")
        .fetch_one(&mut *tx)
        .await?;
    if districts == 0 {
        demo::insert_vocabulary(&mut tx, &data).await?;
    }
    // Synthetic BINs are 99014 + a serial + the check digit; go on after the last one.
    let (last,): (Option<String>,) =
        sqlx::query_as("SELECT MAX(bin) FROM ngos WHERE bin LIKE '99014%'")
            .fetch_one(&mut *tx)
            .await?;
    let mut serial: u64 = last
        .and_then(|bin| bin.get(5..11)?.parse().ok())
        .unwrap_or(0);
    let description = Text {
        kk: "Жүктеме сынағына арналған синтетикалық жазба.".into(),
        ru: Some("Синтетическая запись для нагрузочных испытаний.".into()),
        en: Some("A synthetic record for load tests.".into()),
    };
    let mut ngo_ids = Vec::with_capacity(n as usize);
    for k in 0..n as usize {
        // Serials whose check digit cannot be completed are skipped.
        let bin = loop {
            serial += 1;
            if let Some(bin) = ids::with_check_digit(&format!("99014{serial:06}")) {
                break bin;
            }
        };
        let name = Text {
            kk: format!("Синтетикалық ұйым {:05}", k + 1),
            ru: Some(format!("Синтетическая организация {:05}", k + 1)),
            en: Some(format!("Synthetic NGO {:05}", k + 1)),
        };
        let district = &data.districts[k % data.districts.len()];
        let directions = [data.directions[k % data.directions.len()].slug.clone()];
        let ngo = NewNgo {
            bin: &bin,
            name: &name,
            legal_form: "ҚБ",
            registered_on: "2015-01-01",
            district: &district.slug,
            address: "",
            directions: &directions,
            description: &description,
            phone: None,
            email: None,
            website: None,
            volunteers: (k % 20) as i64,
            active: k % 5 != 0,
            verified: k % 3 == 0,
        };
        ngo_ids.push(insert_ngo(&mut tx, &ngo, true).await?);
    }
    for k in 0..(n / 2) as usize {
        let district = &data.districts[k % data.districts.len()];
        let title = Text {
            kk: format!("Синтетикалық бастама {:05}", k + 1),
            ru: Some(format!("Синтетическая инициатива {:05}", k + 1)),
            en: Some(format!("Synthetic initiative {:05}", k + 1)),
        };
        // Spread around the district's centre on a deterministic spiral.
        let angle = k as f64 * 2.399;
        let radius = 0.01 + 0.12 * ((k % 97) as f64 / 97.0);
        let initiative = NewInitiative {
            ngo_id: ngo_ids.get(k).copied(),
            title: &title,
            description: &description,
            kind: InitiativeKind::ALL[k % InitiativeKind::ALL.len()].code(),
            status: InitiativeStatus::ALL[k % InitiativeStatus::ALL.len()].code(),
            funding: Funding::ALL[k % Funding::ALL.len()].code(),
            amount_kzt: Some(((k % 50) as i64 + 1) * 100_000),
            district: &district.slug,
            lat: district.center.lat + radius * angle.sin(),
            lon: district.center.lon + radius * angle.cos(),
            starts_on: &format!("2017-{:02}-{:02}", k % 12 + 1, k % 28 + 1),
            ends_on: None,
            volunteers: (k % 10) as i64,
        };
        insert_initiative(&mut tx, &initiative, true).await?;
    }
    tx.commit().await
}
