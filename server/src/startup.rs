//! Builds the application from its configuration: database, routes, layers.

use crate::config::{Config, SeedMode};
use crate::error::{problem_response, ApiError};
use crate::identity::Identity;
use crate::keys::Keys;
use crate::routes::{self, AppState};
use crate::sms::{self, Sms};
use crate::store::{self, seed, Db};
use crate::web::{self, IndexPage};
use crate::{body, prerender};
use axum::http::{header, HeaderMap, Uri};
use axum::middleware::from_fn;
use axum::response::Redirect;
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use bastama_model::{Kind, MapConfig, Problem};
use sqlx::AnyPool;
use std::net::SocketAddr;
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

pub struct Application {
    pub addr: SocketAddr,
    pub db: AnyPool,
    listener: TcpListener,
    router: Router,
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Application> {
        std::fs::create_dir_all(&config.data_dir)?;
        let keys = Keys::load(config.secret.as_deref(), &config.data_dir)?;
        let store = Db::connect(&config.database_url).await?;
        let db = store.read.clone();
        if config.seed == SeedMode::Demo {
            seed::demo::load_if_empty(&db).await?;
        }
        tokio::spawn(housekeeping(store.clone()));
        let keys = Arc::new(keys);
        let outbox = Arc::new(Notify::new());
        let gateway = Sms::new(
            config.sms_webhook.clone(),
            config.sms_token.clone(),
            config.data_dir.clone(),
        );
        tokio::spawn(sms::deliver(
            store.clone(),
            keys.clone(),
            Arc::new(gateway),
            outbox.clone(),
        ));
        let state = AppState {
            db: store,
            keys,
            outbox,
            client_limit: config.client_limit,
            sms_per_hour: config.sms_per_hour,
            identity: config
                .identity_webhook
                .clone()
                .map(|url| Arc::new(Identity::new(url, config.identity_token.clone()))),
            trusted_proxies: Arc::new(config.trusted_proxies.clone()),
            map: Arc::new(MapConfig {
                tile_url: config.tile_url.clone(),
                attribution: config.tile_attribution.clone(),
            }),
        };
        let router = router(state, config);
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
        let app = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        // Responses written in parts (a static file's headers, then its body)
        // must not wait for the client's delayed ACK: no Nagle.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::debug!(%error, "TCP_NODELAY not set");
            }
        });
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

/// The API under `/api/v1` and, when it was built, the web app everywhere else;
/// all of it under the configured base path.
pub fn router(state: AppState, config: &Config) -> Router {
    let (dist, base, portals) = (&config.dist_dir, &config.base_path, &config.frame_ancestors);
    // Map tiles are the only images from elsewhere.
    let images: Vec<String> = state
        .map
        .tile_url
        .as_deref()
        .and_then(|url| crate::config::tile_origin(url).ok())
        .into_iter()
        .collect();
    let db = state.db.clone();
    let api = api_router(state, portals);
    let app = Router::new().nest("/api/v1", api);
    let page = |frame_ancestors: &[String]| IndexPage::load(dist, base, frame_ancestors, &images);
    let app = match page(&[]) {
        Some(index_page) => {
            let index = page_route(index_page.clone());
            // Only the embed views may be framed, and only by the configured portals.
            let embed = page_route(page(portals).unwrap_or(index_page.clone()));
            let files = ServeDir::new(dist)
                .append_index_html_on_directories(false)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index.clone());
            let directory = directory_page(db, base.clone(), index_page.clone());
            app.route("/index.html", index)
                .route("/ngos", directory)
                .route("/embed/{*view}", embed)
                // What portals put on their pages to show an embed view.
                .route_service("/embed.js", ServeFile::new(dist.join("public/embed.js")))
                .fallback_service(files)
        }
        None => {
            tracing::warn!(dist = %dist.display(), "no built app there: serving the API only");
            app.fallback(|| async { ApiError::not_found("this path") })
        }
    };
    let app = if base.is_empty() {
        app
    } else {
        let root = base.clone();
        Router::new()
            .nest(base, app)
            .route(
                &format!("{base}/"),
                get(move |uri: Uri| async move {
                    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
                    Redirect::permanent(&format!("{root}{query}"))
                }),
            )
            .fallback(|| async { ApiError::not_found("this path") })
    };
    // Outside every route, check and fallback, so that none refuses a write
    // before its body is read.
    app.layer(from_fn(body::read_body_first))
        .layer(from_fn(web::security_headers))
        .layer(from_fn(web::log_requests))
}

/// The API under `/api/v1`: reads cached and open to every origin, writes only
/// from the app's own origin and the portals.
fn api_router(state: AppState, portals: &[String]) -> Router {
    let write_portals = Arc::new(portals.to_vec());
    let reads = Arc::new(web::ReadCache::default());
    routes::api()
        .fallback(|| async { ApiError::not_found("this API path") })
        .method_not_allowed_fallback(|| async {
            problem_response(&Problem::new(
                Kind::MethodNotAllowed,
                "this path does not take that method",
            ))
        })
        .layer(from_fn(move |request, next| {
            web::public_read_headers(reads.clone(), request, next)
        }))
        .layer(from_fn(move |request, next| {
            web::write_origins(write_portals.clone(), request, next)
        }))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// The directory's page, its first page of cards written in.
fn directory_page(db: Db, base: String, page: IndexPage) -> axum::routing::MethodRouter {
    get(move |uri: Uri, headers: HeaderMap| async move {
        let response = match prerender::directory(&db, &base, uri.query(), &headers).await {
            Ok((choice, content)) => web::prerendered_response(
                &page,
                choice.code(),
                choice.strings().ngos_title,
                &content,
            ),
            // A query the API refuses: the app says why.
            Err(_) => web::index_response(&page),
        };
        // Written in the language these choose.
        ([(header::VARY, "Accept-Language, Cookie")], response)
    })
    .layer(CompressionLayer::new())
}

/// Hourly, removes what has expired: sessions, codes, old rate-limit windows.
async fn housekeeping(db: Db) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        let now = OffsetDateTime::now_utc();
        let day_ago = (now - time::Duration::days(1)).unix_timestamp();
        if let Err(error) = store::sweep(&db, &store::rfc3339(now), day_ago).await {
            tracing::warn!(%error, "housekeeping");
        }
    }
}

/// Serves `page` for a route of the app.
fn page_route(page: IndexPage) -> axum::routing::MethodRouter {
    get(move || {
        let page = page.clone();
        async move { web::index_response(&page) }
    })
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
