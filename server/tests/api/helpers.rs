use bastama_server::config::{sqlite_url, Config, SeedMode};
use bastama_server::startup::Application;
use reqwest::Method;
use serde_json::{json, Value};
use sqlx::Connection;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

pub struct TestApp {
    pub base: String,
    pub database_url: String,
    pub client: reqwest::Client,
    pub db: sqlx::AnyPool,
    pub dir: tempfile::TempDir,
}

/// Starts the server with the demo data on a fresh database and no built app.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(SeedMode::Demo, None, 30).await
}

/// `client_limit`: code requests (and checks) allowed per client address in 10 minutes.
pub async fn spawn_app_with(seed: SeedMode, dist: Option<PathBuf>, client_limit: i64) -> TestApp {
    spawn_configured(|config| {
        config.seed = seed;
        config.client_limit = client_limit;
        if let Some(dist) = dist {
            config.dist_dir = dist;
        }
    })
    .await
}

/// Starts the server on a fresh database with the demo data, after `configure`.
pub async fn spawn_configured(configure: impl FnOnce(&mut Config)) -> TestApp {
    // Server logs show with `TEST_LOG=debug cargo test -- --nocapture`.
    static LOGS: Once = Once::new();
    LOGS.call_once(|| {
        if let Ok(filter) = std::env::var("TEST_LOG") {
            tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_test_writer()
                .init();
        }
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let database_url = fresh_database(&dir).await;
    let mut config = Config {
        addr: "127.0.0.1:0".into(),
        data_dir: dir.path().to_owned(),
        database_url: database_url.clone(),
        seed: SeedMode::Demo,
        dist_dir: dir.path().join("no-dist"),
        secret: None,
        client_limit: 30,
        base_path: String::new(),
        frame_ancestors: Vec::new(),
        sms_webhook: None,
        identity_webhook: None,
        identity_token: None,
        sms_token: None,
        trusted_proxies: Vec::new(),
        sms_per_hour: bastama_server::config::DEFAULT_SMS_PER_HOUR,
        tile_url: None,
        tile_attribution: None,
    };
    configure(&mut config);
    let app = Application::build(&config).await.expect("the app builds");
    let base = format!("http://{}{}", app.addr, config.base_path);
    let db = app.db.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        base,
        database_url,
        client: reqwest::Client::new(),
        db,
        dir,
    }
}

/// A new empty database: an SQLite file in `dir`, or, when
/// `BASTAMA_TEST_DATABASE_URL` names a PostgreSQL server, a new database there.
/// Waits until the SMS outbox is empty: every queued text handed to the
/// gateway (or expired). At most 20 s.
pub async fn all_delivered(db: &sqlx::AnyPool) {
    for _ in 0..1000 {
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sms_outbox")
            .fetch_one(db)
            .await
            .expect("the outbox is readable");
        if left == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("texts are still waiting in the SMS outbox after 20 s");
}

/// The texts the servers of these data directories wrote to their outbox
/// files (the gateway when none is configured), in the order written.
pub fn delivered_texts(dirs: &[&std::path::Path]) -> Vec<Value> {
    dirs.iter()
        .filter_map(|dir| std::fs::read_to_string(dir.join("outbox.jsonl")).ok())
        .flat_map(|file| {
            file.lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The code of the last text to `phone` in those outbox files.
pub fn code_in(dirs: &[&std::path::Path], phone: &str) -> String {
    let texts = delivered_texts(dirs);
    let text = texts
        .iter()
        .rev()
        .find(|m| m["phone"] == phone)
        .expect("a text to this phone")["text"]
        .as_str()
        .unwrap()
        .to_owned();
    text[text.len() - 6..].to_owned()
}

pub async fn fresh_database(dir: &tempfile::TempDir) -> String {
    sqlx::any::install_default_drivers();
    let Ok(admin_url) = std::env::var("BASTAMA_TEST_DATABASE_URL") else {
        return sqlite_url(&dir.path().join("test.db"));
    };
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&admin_url)
        .await
        .expect("the test PostgreSQL server");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("a new database");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("a URL ending in /DATABASE");
    format!("{base}/{name}")
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the request is answered")
    }

    /// GETs `path`, expecting 200 and JSON.
    pub async fn json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        let status = response.status();
        let body = response.text().await.expect("a body");
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).expect("a JSON body")
    }

    /// GETs `path`, expecting a problem+json with `status`; returns the body.
    pub async fn problem(&self, path: &str, status: u16) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "GET {path}"
        );
        let body: Value = response.json().await.expect("a JSON body");
        assert_eq!(body["status"], status);
        assert!(body["type"].is_string() && body["title"].is_string());
        body
    }
}

impl TestApp {
    /// Sends `body` as JSON with `method`, with a bearer token when given.
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
        token: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("the request is answered")
    }

    /// Sends `body` as JSON and reads the answer: its status and JSON body.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
        token: Option<&str>,
    ) -> (u16, Value) {
        status(self.send_json(method, path, body, token).await).await
    }

    /// A read that needs a token, as JSON.
    pub async fn json_as(&self, path: &str, token: &str) -> Value {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("the request is answered")
            .json()
            .await
            .expect("a JSON body")
    }

    /// The last code sent to `phone` (normalised, +7...), once every queued
    /// text has reached the gateway (here the outbox file).
    pub async fn last_code(&self, phone: &str) -> String {
        all_delivered(&self.db).await;
        code_in(&[self.dir.path()], phone)
    }

    /// Requests and enters a code: a voter token for this IIN and phone.
    pub async fn verified_voter(&self, iin: &str, phone: &str) -> String {
        let sent = self
            .send_json(
                reqwest::Method::POST,
                "/api/v1/voters/otp",
                &serde_json::json!({"iin": iin, "phone": phone}),
                None,
            )
            .await;
        assert_eq!(sent.status(), 202, "{}", sent.text().await.unwrap());
        let code = self.last_code(phone).await;
        let verified = self
            .send_json(
                reqwest::Method::POST,
                "/api/v1/voters/verify",
                &serde_json::json!({"phone": phone, "code": code}),
                None,
            )
            .await;
        assert_eq!(verified.status(), 200);
        let body: Value = verified.json().await.unwrap();
        body["voter_token"].as_str().unwrap().to_owned()
    }
}

impl TestApp {
    /// Sends a request so that, as with Node's `fetch`, a connection the server
    /// closes while the body is still being sent is an error: every byte is
    /// written before the answer is read. (reqwest reads an answer that comes
    /// while it is still sending, and so hides this.) The answer's status and
    /// content type.
    pub async fn send_whole(
        &self,
        method: &Method,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<(u16, String)> {
        use std::io::{Read, Write};
        let url = reqwest::Url::parse(&format!("{}{path}", self.base)).expect("a URL");
        let addr = url.socket_addrs(|| None)?[0];
        let mut request = format!(
            "{method} {} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n",
            url.path(),
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        let mut request = request.into_bytes();
        request.extend_from_slice(body);
        // Blocking I/O on its own thread, so the server in this runtime keeps answering.
        let answer = tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(addr)?;
            stream.write_all(&request)?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer)?;
            Ok::<_, std::io::Error>(answer)
        })
        .await
        .expect("the client thread")?;
        let answer = String::from_utf8_lossy(&answer);
        let head = answer.split("\r\n\r\n").next().unwrap_or_default();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok());
        let content_type = head.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_owned())
        });
        Ok((status.unwrap_or(0), content_type.unwrap_or_default()))
    }
}

/// The `n`-th valid test IIN (n below 99 999).
pub fn iin(n: u32) -> String {
    (0..)
        .find_map(|k| bastama_model::ids::with_check_digit(&format!("90010{:06}", n * 10 + k)))
        .unwrap()
}

/// The `n`-th test phone, normalised.
pub fn phone(n: u32) -> String {
    format!("+7701{:07}", n)
}

/// The fields named in a problem's `errors`.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

pub const PASSWORD: &str = "a long moderator passphrase";

/// Makes a moderator with the real command, then signs in through the API.
pub async fn moderator(app: &TestApp) -> String {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bastama-server"))
        .args(["create-moderator", "Moderator@Oral.example.kz"])
        .env("BASTAMA_DATABASE_URL", &app.database_url)
        .env("BASTAMA_DATA_DIR", app.dir.path())
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(child.wait().unwrap().success());
    login(app, "moderator@oral.example.kz", PASSWORD).await
}

pub async fn login(app: &TestApp, email: &str, password: &str) -> String {
    let response = app
        .send_json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": email, "password": password}),
            None,
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["token"].as_str().unwrap().to_owned()
}

/// An account of the demo NGO 1, made in the database.
pub async fn ngo_account(app: &TestApp) -> String {
    let hash = bastama_server::password::hash("an ngo passphrase here".into())
        .await
        .unwrap();
    sqlx::query("INSERT INTO accounts (email, password_hash, role, ngo_id, created_at) VALUES ('ngo@example.kz', $1, 'ngo', 1, '')")
        .bind(hash)
        .execute(&app.db)
        .await
        .unwrap();
    login(app, "ngo@example.kz", "an ngo passphrase here").await
}

pub async fn status(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The `n`-th valid test BIN (n below 99 999), unlike any in the demo data.
pub fn bin(n: u32) -> String {
    (0..)
        .find_map(|k| bastama_model::ids::with_check_digit(&format!("24040{:06}", n * 10 + k)))
        .unwrap()
}

pub const NGO_PASSWORD: &str = "Zhaiyq river 2015";

/// The application of test NGO `n`.
pub fn registration(n: u32) -> Value {
    json!({
        "bin": bin(n),
        "name": {"kk": format!("Жастар бастамасы {n}"), "ru": format!("Молодёжная инициатива {n}")},
        "legal_form": "Қоғамдық бірлестік",
        "registered_on": "2019-05-14",
        "district": "oral",
        "email": format!("ngo{n}@example.kz"),
        "password": NGO_PASSWORD,
    })
}

impl TestApp {
    /// Registers test NGO `n` and has a moderator approve it: its id, and a token of its account.
    pub async fn approved_ngo(&self, n: u32, moderator: &str) -> (i64, String) {
        let (code, registered) = self
            .call(
                Method::POST,
                "/api/v1/ngos/register",
                &registration(n),
                None,
            )
            .await;
        assert_eq!(code, 201, "{registered}");
        let id = registered["ngo_id"].as_i64().unwrap();
        let approve = format!("/api/v1/admin/ngos/{id}/approve");
        let (code, _) = self
            .call(Method::POST, &approve, &json!({}), Some(moderator))
            .await;
        assert_eq!(code, 204);
        let token = login(self, &format!("ngo{n}@example.kz"), NGO_PASSWORD).await;
        (id, token)
    }

    /// Sends a profile change starting from `version`.
    pub async fn patch_ngo(
        &self,
        token: Option<&str>,
        id: i64,
        version: i64,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .patch(format!("{}/api/v1/ngos/{id}", self.base))
            .header("If-Match", format!("\"{version}\""))
            .json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }
}

pub const REGISTRAR_PASSWORD: &str = "Bokei orda station 7";

/// A station in Oral and its registrar `n`, made by the moderator through the
/// API and signed in: the registrar's token and the station's id.
pub async fn registrar(app: &TestApp, moderator: &str, n: u32) -> (String, i64) {
    let (code, station) = app
        .call(
            Method::POST,
            "/api/v1/admin/stations",
            &json!({"name": format!("Орал қаласы әкімдігі {n}"), "district": "oral"}),
            Some(moderator),
        )
        .await;
    assert_eq!(code, 201, "{station}");
    let station_id = station["id"].as_i64().unwrap();
    let email = format!("registrar{n}@oral.example.kz");
    let (code, account) = app
        .call(
            Method::POST,
            "/api/v1/admin/registrars",
            &json!({"email": email, "password": REGISTRAR_PASSWORD, "station_id": station_id}),
            Some(moderator),
        )
        .await;
    assert_eq!(code, 201, "{account}");
    assert_eq!(account["role"], "registrar");
    assert_eq!(account["station"]["id"], station_id);
    (login(app, &email, REGISTRAR_PASSWORD).await, station_id)
}

/// `PATCH /admin/fairs/{id}` as `moderator`, from the fair's `version`.
pub async fn patch_fair(
    app: &TestApp,
    moderator: &str,
    id: i64,
    version: i64,
    body: Value,
) -> (u16, Value) {
    status(
        app.client
            .patch(format!("{}/api/v1/admin/fairs/{id}", app.base))
            .bearer_auth(moderator)
            .header("If-Match", format!("\"{version}\""))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Saves a voter's ballot of `ideas` in `fair`; the saved ballot.
pub async fn save_ballot(app: &TestApp, fair: i64, token: &str, ideas: &[i64]) -> Value {
    let (code, ballot) = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/fairs/{fair}/ballot"),
            &serde_json::json!({ "idea_ids": ideas }),
            Some(token),
        )
        .await;
    assert_eq!(code, 200, "{ballot}");
    ballot
}
