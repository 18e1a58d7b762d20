//! Two server processes on one database, as behind a load balancer: what must
//! hold across servers lives in the database, so voters may hit either one.

use crate::helpers::{all_delivered, code_in, delivered_texts, fresh_database, iin, phone};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Server {
    pub child: Child,
    pub base: String,
    pub dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const SECRET: &str = "5eb63bbbe01eeed093cb22bb8f5acdc35eb63bbbe01eeed093cb22bb8f5acdc3";

/// Starts the server binary on a free port against `database_url`.
pub fn start(database_url: &str) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bastama-server"))
        .env("BASTAMA_ADDR", "127.0.0.1:0")
        .env("BASTAMA_DATA_DIR", dir.path())
        .env("BASTAMA_DATABASE_URL", database_url)
        .env("BASTAMA_SECRET", SECRET)
        .env("BASTAMA_CLIENT_LIMIT", "100000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().unwrap();
    let base = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.split("listening on ").nth(1).map(str::to_owned))
        .expect("the server says where it listens");
    Server { child, base, dir }
}

impl Server {
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
        token: Option<&str>,
    ) -> reqwest::Response {
        let mut request = reqwest::Client::new()
            .request(method, format!("{}{path}", self.base))
            .json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn json(&self, path: &str) -> Value {
        reqwest::get(format!("{}{path}", self.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn two_servers_share_codes_ballots_and_rate_limits() {
    let holder = tempfile::tempdir().unwrap();
    let database = fresh_database(&holder).await;
    let servers = [start(&database), start(&database)];
    let db = sqlx::AnyPool::connect(&database).await.unwrap();
    // Either server's sender may deliver a text: the tests read both outboxes.
    let outboxes = [servers[0].dir.path(), servers[1].dir.path()];
    let fair_id = servers[0].json("/api/v1/fairs").await[0]["id"]
        .as_i64()
        .unwrap();
    let ideas: Vec<i64> = servers[1]
        .json(&format!("/api/v1/fairs/{fair_id}/ideas"))
        .await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();

    // Thirty voters at once: each asks for a code through one server, enters it
    // through the other, and saves through them in turn; every third changes it.
    let voters = (1..=30u32).map(|n| {
        let servers = &servers;
        let ideas = &ideas;
        let (db, outboxes) = (&db, &outboxes);
        async move {
            let (a, b) = (&servers[n as usize % 2], &servers[(n as usize + 1) % 2]);
            let sent = a
                .send(
                    reqwest::Method::POST,
                    "/api/v1/voters/otp",
                    json!({"iin": iin(100 + n), "phone": phone(100 + n)}),
                    None,
                )
                .await;
            assert_eq!(sent.status(), 202);
            all_delivered(db).await;
            let code = code_in(outboxes, &phone(100 + n));
            let verified: Value = b
                .send(
                    reqwest::Method::POST,
                    "/api/v1/voters/verify",
                    json!({"phone": phone(100 + n), "code": code}),
                    None,
                )
                .await
                .json()
                .await
                .unwrap();
            let token = verified["voter_token"]
                .as_str()
                .expect("a voter token")
                .to_owned();
            let first: Vec<i64> = (0..3)
                .map(|k| ideas[(n as usize + k) % ideas.len()])
                .collect();
            let path = format!("/api/v1/fairs/{fair_id}/ballot");
            let saved = a
                .send(
                    reqwest::Method::PUT,
                    &path,
                    json!({"idea_ids": first}),
                    Some(&token),
                )
                .await;
            assert_eq!(saved.status(), 200);
            if n % 3 == 0 {
                let second = vec![ideas[0]];
                let changed = b
                    .send(
                        reqwest::Method::PUT,
                        &path,
                        json!({"idea_ids": second}),
                        Some(&token),
                    )
                    .await;
                assert_eq!(changed.status(), 200);
                second
            } else {
                first
            }
        }
    });
    let ballots = futures::future::join_all(voters).await;
    // The two servers' senders share one outbox: each text went out once.
    all_delivered(&db).await;
    assert_eq!(delivered_texts(&outboxes).len(), 30);

    let mut expected: BTreeMap<i64, i64> = BTreeMap::new();
    for ballot in &ballots {
        for idea in ballot {
            *expected.entry(*idea).or_default() += 1;
        }
    }
    for server in &servers {
        let results = server
            .json(&format!("/api/v1/fairs/{fair_id}/results"))
            .await;
        assert_eq!(results["ballots"], 30);
        let counted: BTreeMap<i64, i64> = results["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["votes"].as_i64().unwrap() > 0)
            .map(|r| (r["idea_id"].as_i64().unwrap(), r["votes"].as_i64().unwrap()))
            .collect();
        assert_eq!(counted, expected);
    }

    // The per-phone limit counts requests through both servers together.
    async fn ask(server: &Server) -> reqwest::StatusCode {
        let body = json!({"iin": iin(200), "phone": phone(200)});
        server
            .send(reqwest::Method::POST, "/api/v1/voters/otp", body, None)
            .await
            .status()
    }
    assert_eq!(ask(&servers[0]).await, 202);
    assert_eq!(ask(&servers[1]).await, 202);
    assert_eq!(ask(&servers[0]).await, 202);
    assert_eq!(ask(&servers[1]).await, 429);
    assert_eq!(ask(&servers[0]).await, 429);
}
