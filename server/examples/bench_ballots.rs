//! Ballot throughput: saves one ballot for each of N voters through the HTTP API
//! (`--server URL`, once per API server; requests go to them in turn), or, with
//! `--raw`, writes the same rows straight into the database: the ceiling.
//! Voter sessions are made directly in the database, so the figure is the
//! ballot path alone, not SMS codes. Either as fast as it goes with C in flight
//! (the throughput), or with `--rate R` ballots arriving R a second (the
//! latency at that load). Prints one JSON line.
//!
//! usage: bench_ballots --db URL [--server URL]... [--raw] [--voters N]
//!        [--concurrency C | --rate R]

use bastama_server::keys::{new_token, token_hash};
use bastama_server::store::now;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    db: String,
    servers: Vec<String>,
    raw: bool,
    voters: usize,
    concurrency: usize,
    rate: Option<f64>,
}

fn args() -> anyhow::Result<Args> {
    let mut args = Args {
        db: String::new(),
        servers: Vec::new(),
        raw: false,
        voters: 2000,
        concurrency: 32,
        rate: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--db" => args.db = value()?,
            "--server" => args.servers.push(value()?),
            "--raw" => args.raw = true,
            "--voters" => args.voters = value()?.parse()?,
            "--concurrency" => args.concurrency = value()?.parse()?,
            "--rate" => args.rate = Some(value()?.parse()?),
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    anyhow::ensure!(
        !args.db.is_empty() && (args.raw || !args.servers.is_empty()),
        "--db and --server or --raw"
    );
    Ok(args)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    // The server's own pools: raw inserts get the same connections it has.
    let db = bastama_server::db::connect(&args.db).await?;
    let (fair_id,): (i64,) = sqlx::query_as("SELECT id FROM fairs ORDER BY id LIMIT 1")
        .fetch_one(&db)
        .await?;
    let ideas: Vec<i64> = sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM ideas WHERE fair_id = $1 AND moderation = 'approved'",
    )
    .bind(fair_id)
    .fetch_all(&db)
    .await?
    .into_iter()
    .map(|(id,)| id)
    .collect();

    // Voters: a token each, as if they had verified their phones.
    let run = new_token()[..8].to_owned();
    let mut voters = Vec::with_capacity(args.voters);
    let mut tx = db.begin().await?;
    for n in 0..args.voters {
        let token = new_token();
        let voter_key = format!("bench-{run}-{n}");
        sqlx::query("INSERT INTO sessions (token_hash, voter_key, phone_key, expires_at, created_at) VALUES ($1, $2, $3, '2999-01-01T00:00:00Z', $4)")
            .bind(token_hash(&token))
            .bind(&voter_key)
            .bind(format!("bench-phone-{run}-{n}"))
            .bind(now())
            .execute(&mut *tx)
            .await?;
        let choice: Vec<i64> = (0..3)
            .map(|k| ideas[(n * 7 + k * 3) % ideas.len()])
            .collect();
        voters.push((token, voter_key, choice));
    }
    tx.commit().await?;

    // Raw inserts write as the server does: on SQLite through one connection
    // that writers queue for (the fastest way SQLite takes concurrent writers).
    let db = bastama_server::db::writer(&args.db, &db).await?;
    let target = Arc::new(Target {
        db,
        client: reqwest::Client::new(),
        servers: args.servers.clone(),
        raw: args.raw,
        fair_id,
        voters,
    });
    let started = Instant::now();
    let mut latencies = match args.rate {
        Some(rate) => at_rate(target, rate).await?,
        None => saturating(target, args.concurrency).await?,
    };
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| {
        latencies[((latencies.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0
    };
    println!(
        "{}",
        serde_json::json!({
            "ballots": latencies.len(),
            "seconds": elapsed.as_secs_f64(),
            "per_second": latencies.len() as f64 / elapsed.as_secs_f64(),
            "p50_ms": at(0.50),
            "p99_ms": at(0.99),
        })
    );
    Ok(())
}

/// Where ballots go, and whose.
struct Target {
    db: sqlx::AnyPool,
    client: reqwest::Client,
    servers: Vec<String>,
    raw: bool,
    fair_id: i64,
    /// Each voter's token, key and choice of ideas.
    voters: Vec<(String, String, Vec<i64>)>,
}

impl Target {
    /// Saves voter `n`'s ballot, through the API or straight into the database.
    async fn save(&self, n: usize) -> anyhow::Result<()> {
        let (token, voter_key, choice) = &self.voters[n];
        if self.raw {
            return raw_insert(&self.db, self.fair_id, voter_key, choice).await;
        }
        let url = format!(
            "{}/api/v1/fairs/{}/ballot",
            self.servers[n % self.servers.len()],
            self.fair_id
        );
        let response = self
            .client
            .put(url)
            .bearer_auth(token)
            .json(&serde_json::json!({ "idea_ids": choice }))
            .send()
            .await?;
        anyhow::ensure!(
            response.status() == 200,
            "ballot answered {}",
            response.status()
        );
        Ok(())
    }
}

/// Every ballot as fast as it goes, `concurrency` in flight: the throughput.
async fn saturating(target: Arc<Target>, concurrency: usize) -> anyhow::Result<Vec<Duration>> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (target, next) = (target.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= target.voters.len() {
                    break;
                }
                let at = Instant::now();
                target.save(n).await?;
                latencies.push(at.elapsed());
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await??);
    }
    Ok(latencies)
}

/// Ballots arriving at `rate` a second whatever the answers do, as voters
/// would: the latency at that load. Each is timed from when it was due, so a
/// ballot held back by a slow one counts its wait.
async fn at_rate(target: Arc<Target>, rate: f64) -> anyhow::Result<Vec<Duration>> {
    let start = tokio::time::Instant::now();
    let mut sent = Vec::new();
    for n in 0..target.voters.len() {
        let due = start + Duration::from_secs_f64(n as f64 / rate);
        tokio::time::sleep_until(due).await;
        let target = target.clone();
        sent.push(tokio::spawn(async move {
            target.save(n).await?;
            anyhow::Ok(due.elapsed())
        }));
    }
    let mut latencies = Vec::new();
    for ballot in sent {
        latencies.push(ballot.await??);
    }
    Ok(latencies)
}

/// The rows a saved ballot is (the ballot, its ideas, the phone's link, the
/// receipt, the event for the box's chain), written directly: the database's
/// own ceiling.
async fn raw_insert(
    db: &sqlx::AnyPool,
    fair_id: i64,
    voter_key: &str,
    choice: &[i64],
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let (ballot_id,): (i64,) = sqlx::query_as(
        "INSERT INTO ballots (fair_id, voter_key, created_at, updated_at, receipt) \
         VALUES ($1, $2, $3, $3, $2) RETURNING id",
    )
    .bind(fair_id)
    .bind(voter_key)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    // The ideas in one statement, as the server writes them.
    let rows: Vec<String> = (2..choice.len() + 2)
        .map(|n| format!("($1, ${n})"))
        .collect();
    let sql = format!(
        "INSERT INTO ballot_ideas (ballot_id, idea_id) VALUES {}",
        rows.join(", ")
    );
    let mut insert = sqlx::query(&sql).bind(ballot_id);
    for idea in choice {
        insert = insert.bind(*idea);
    }
    insert.execute(&mut *tx).await?;
    // The phone's link, the receipt and the ballot's event for the box's chain.
    let receipt = voter_key;
    sqlx::query("INSERT INTO phone_links (fair_id, phone_key, voter_key) VALUES ($1, $2, $2)")
        .bind(fair_id)
        .bind(voter_key)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO receipts (fair_id, code) VALUES ($1, $2)")
        .bind(fair_id)
        .bind(receipt)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO ballot_events (fair_id, event, receipt, digest) VALUES ($1, 'cast', $2, $3)",
    )
    .bind(fair_id)
    .bind(receipt)
    .bind(voter_key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
