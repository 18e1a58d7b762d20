//! `bastama-server [serve]` runs the server; `bastama-server seed --scale N` fills a
//! database with synthetic records for benchmarks; `bastama-server create-moderator
//! EMAIL` makes a moderator account, reading its password from standard input;
//! `bastama-server recount FILE` recounts a fair's published `ballots.json`.

use bastama_server::config::Config;
use bastama_server::db;
use bastama_server::startup::Application;
use bastama_server::store::seed;
use std::io::IsTerminal;

const USAGE: &str = "usage: bastama-server [serve]\n       bastama-server seed --scale N\n       \
                     bastama-server create-moderator EMAIL   (the password on standard input)\n       \
                     bastama-server recount FILE   (a fair's published ballots.json)";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_ansi(std::io::stdout().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, file] = &args[..] {
        if command == "recount" {
            return recount(file);
        }
    }
    let config = Config::from_env().map_err(anyhow::Error::msg)?;
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] | ["serve"] => {
            let app = Application::build(&config).await?;
            println!(
                "Bastama listening on http://{}{}",
                app.addr, config.base_path
            );
            app.run_until_stopped().await?;
        }
        ["seed", "--scale", n] => {
            let n: u32 = n
                .parse()
                .map_err(|_| anyhow::anyhow!("--scale takes a whole number\n{USAGE}"))?;
            std::fs::create_dir_all(&config.data_dir)?;
            let pool = db::connect(&config.database_url).await?;
            seed::scale::fill(&pool, n).await?;
            println!(
                "added {n} synthetic NGOs and {} synthetic initiatives",
                n / 2
            );
        }
        ["create-moderator", email] => {
            std::fs::create_dir_all(&config.data_dir)?;
            let db = bastama_server::store::Db::connect(&config.database_url).await?;
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            bastama_server::routes::accounts::create_moderator(&db, email, password).await?;
            println!("moderator {email} created");
        }
        _ => anyhow::bail!("{USAGE}"),
    }
    Ok(())
}

/// Recounts a published ballot box with the server's own tally, and says
/// whether it adds up to the results published with it, or where it does not.
fn recount(file: &str) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)?;
    let ballot_box: bastama_model::BallotBox = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{file} is not a published ballot box: {e}"))?;
    let t = bastama_model::i18n::english();
    match bastama_model::ballot_box::recount(&ballot_box) {
        Ok(recounted) => {
            println!(
                "fair {}: {} ballots, {} chain entries, head {}",
                ballot_box.fair_id, recounted.results.ballots, recounted.events, recounted.head
            );
            for row in recounted.results.items {
                let winner = if row.winner { "  winner" } else { "" };
                println!(
                    "{:>4}  {:>6}  {}{winner}",
                    row.rank, row.votes, row.title.kk
                );
            }
            println!("the recount agrees with the published results");
            Ok(())
        }
        Err(mismatch) => {
            anyhow::bail!(
                "the recount does not agree: {}",
                bastama_model::i18n::mismatch_text(t, &mismatch)
            )
        }
    }
}
