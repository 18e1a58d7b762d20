//! `bastama-server [serve]` runs the server; `bastama-server seed --scale N` fills a
//! database with synthetic records for benchmarks; `bastama-server create-moderator
//! EMAIL` makes a moderator account, reading its password from standard input.

use bastama_server::config::Config;
use bastama_server::db;
use bastama_server::startup::Application;
use bastama_server::store::seed;
use std::io::IsTerminal;

const USAGE: &str = "usage: bastama-server [serve]\n       bastama-server seed --scale N\n       \
                     bastama-server create-moderator EMAIL   (the password on standard input)";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_ansi(std::io::stdout().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = Config::from_env().map_err(anyhow::Error::msg)?;
    let args: Vec<String> = std::env::args().skip(1).collect();
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
