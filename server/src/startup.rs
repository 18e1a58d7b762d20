//! Builds the application from its configuration: database, routes, layers.

use crate::config::{Config, SeedMode};
use crate::error::{problem_response, ApiError};
use crate::routes::{self, AppState};
use crate::web::{self, IndexPage};
use crate::{db, seed};
use axum::middleware::from_fn;
use axum::routing::get;
use axum::Router;
use bastama_model::Problem;
use sqlx::AnyPool;
use std::net::SocketAddr;
use std::path::Path;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

pub struct Application {
    pub addr: SocketAddr,
    pub db: AnyPool,
    listener: TcpListener,
    router: Router,
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Application> {
        if config.database_url.starts_with("sqlite:") {
            std::fs::create_dir_all(&config.data_dir)?;
        }
        let db = db::connect(&config.database_url).await?;
        if config.seed == SeedMode::Demo {
            seed::demo::load_if_empty(&db).await?;
        }
        let router = router(AppState { db: db.clone() }, &config.dist_dir);
        let listener = TcpListener::bind(&config.addr).await?;
        let addr = listener.local_addr()?;
        Ok(Application {
            addr,
            db,
            listener,
            router,
        })
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

/// The API under `/api/v1` and, when it was built, the web app everywhere else.
pub fn router(state: AppState, dist: &Path) -> Router {
    let api = routes::api()
        .fallback(|| async { ApiError::not_found("this API path") })
        .method_not_allowed_fallback(|| async {
            problem_response(&Problem::new(
                405,
                "method-not-allowed",
                "Method not allowed",
                "this path does not take that method",
            ))
        })
        .layer(from_fn(web::public_read_headers))
        .layer(CompressionLayer::new())
        .with_state(state);
    let app = Router::new().nest("/api/v1", api);
    let app = match IndexPage::load(dist) {
        Some(page) => {
            let index = get(move || {
                let page = page.clone();
                async move { web::index_response(&page) }
            });
            let files = ServeDir::new(dist)
                .append_index_html_on_directories(false)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index.clone());
            app.route("/index.html", index).fallback_service(files)
        }
        None => {
            tracing::warn!(dist = %dist.display(), "no built app there: serving the API only");
            app.fallback(|| async { ApiError::not_found("this path") })
        }
    };
    app.layer(from_fn(web::security_headers))
        .layer(from_fn(web::log_requests))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
