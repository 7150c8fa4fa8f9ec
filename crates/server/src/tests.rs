//! The app in-process: requests in, JSON out.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::*;

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rasid-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("corpus.db")
}

fn state(db: &std::path::Path, token: Option<&str>) -> AppState {
    static PIPELINE: std::sync::OnceLock<Arc<Pipeline>> = std::sync::OnceLock::new();
    let pipeline = PIPELINE
        .get_or_init(|| Arc::new(Pipeline::embedded()))
        .clone();
    AppState::new(
        Settings {
            db: db.to_path_buf(),
            token: token.map(str::to_string),
            max_body: 64 * 1024,
        },
        pipeline,
    )
    .unwrap()
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap) {
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, v, headers)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post(uri: &str, token: Option<&str>, body: Value) -> Request<Body> {
    let mut b = Request::post(uri).header("content-type", "application/json");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::from(body.to_string())).unwrap()
}

const XSS: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

#[tokio::test]
async fn documents_events_reviews_and_errors() {
    let db = temp_db("api");
    let app = app(state(&db, Some("s3cret")));

    // writes need the token
    let docs = json!({"documents": [
        {"id": "a", "text": format!("قصفت قوات النظام، أمس الثلاثاء، بلدة بنش بريف إدلب، ما أدى إلى مقتل ثلاثة مدنيين. {XSS}"), "published": "2024-03-06", "source": "Outlet A"},
        {"id": "b", "text": "قُتل أربعة مدنيين بقصف مدفعي لقوات النظام استهدف بلدة بنش في ريف إدلب يوم الثلاثاء.", "published": "2024-03-06", "source": "Outlet B"}
    ]});
    let (s, v, _) = call(&app, post("/api/documents", None, docs.clone())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert_eq!(v["code"], "unauthorized");
    assert_eq!(v["type"], "auth");
    let (s, _, _) = call(&app, post("/api/documents", Some("wrong"), docs.clone())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, v, _) = call(&app, post("/api/documents", Some("s3cret"), docs)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["stored"], 2);

    // the two reports are one event
    let (s, v, h) = call(&app, get("/api/events?category=ASSAULT")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(h
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    assert_eq!(v["total"], 1, "{v}");
    let e = &v["events"][0];
    assert_eq!(e["report_count"], 2);
    assert_eq!(e["fatalities"], 3, "the lowest figure");
    let id = e["id"].as_i64().unwrap();

    // the event view: text as stored (the script stays text in JSON), spans in UTF-16
    let (s, v, _) = call(&app, get(&format!("/api/events/{id}"))).await;
    assert_eq!(s, StatusCode::OK);
    let report = &v["reports"][0];
    let text = report["text"].as_str().unwrap();
    assert!(text.contains(XSS));
    let hl = report["highlights"].as_array().unwrap();
    let trigger = hl.iter().find(|h| h["role"] == "trigger").unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let (a, b) = (
        trigger["start_16"].as_u64().unwrap() as usize,
        trigger["end_16"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        String::from_utf16(&units[a..b]).unwrap(),
        &text[trigger["start"].as_u64().unwrap() as usize
            ..trigger["end"].as_u64().unwrap() as usize]
    );

    // a correction, then the event reads corrected
    let (s, v, _) = call(
        &app,
        post(
            &format!("/api/events/{id}/review"),
            Some("s3cret"),
            json!({"action": "correct", "reviewer": "lina", "changes": {"fatalities": 4}}),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, v, _) = call(&app, get(&format!("/api/events/{id}"))).await;
    assert_eq!(v["event"]["fatalities"], 4);
    assert_eq!(v["event"]["review"]["reviewer"], "lina");
    assert_eq!(v["reviews"].as_array().unwrap().len(), 1);

    // errors are JSON with a code
    for (uri, code) in [
        ("/api/events/99999", "not_found"),
        ("/api/events?from=yesterday", "bad_request"),
        ("/api/events?sort=random", "bad_request"),
        ("/api/events?colour=red", "bad_request"),
        ("/api/nothing", "not_found"),
    ] {
        let (s, v, _) = call(&app, get(uri)).await;
        assert!(s.is_client_error(), "{uri}: {s}");
        assert_eq!(v["code"], code, "{uri}: {v}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (s, v, _) = call(
        &app,
        post(
            &format!("/api/events/{id}/review"),
            Some("s3cret"),
            json!({"action": "approve", "reviewer": "x"}),
        ),
    )
    .await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_request")),
        "{v}"
    );

    // the other read endpoints
    for uri in [
        "/api/health",
        "/api/stats",
        "/api/places",
        "/api/actors",
        "/api/network",
        "/api/documents",
        "/api/search?q=بنش",
        "/api/openapi.json",
    ] {
        let (s, v, _) = call(&app, get(uri)).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {v}");
    }
    let (_, v, _) = call(&app, get("/api/search?q=والبلدة")).await;
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

#[tokio::test]
async fn oversized_bodies_and_disabled_writes() {
    let db = temp_db("limits");
    let app = app(state(&db, None));
    let big = "قصف ".repeat(40_000);
    let (s, v, _) = call(&app, post("/api/extract", None, json!({"text": big}))).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert_eq!(v["code"], "payload_too_large");
    // extraction of a small text works without a token
    let (s, v, _) = call(
        &app,
        post(
            "/api/extract",
            None,
            json!({"text": "قصفت قوات النظام بلدة بنش.", "published": "2024-03-06"}),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["events"][0]["type"], "FIGHT");
    let (s, v, _) = call(
        &app,
        post(
            "/api/extract",
            None,
            json!({"text": "x", "published": "March"}),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    // no token configured: writes are off
    let (s, v, _) = call(
        &app,
        post("/api/documents", Some("anything"), json!({"documents": []})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(v["code"], "writes_disabled");
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

#[tokio::test]
async fn the_dashboard_and_docs_are_served() {
    let db = temp_db("assets");
    let app = app(state(&db, None));
    for (uri, kind) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/api/docs", "text/html"),
        ("/assets/countries.json", "application/json"),
    ] {
        let r = app.clone().oneshot(get(uri)).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{uri}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(kind),
            "{uri}"
        );
    }
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

/// Every route of the app is in the OpenAPI description, and the description has no route
/// the app lacks.
#[test]
fn openapi_lists_the_routes() {
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    let paths: Vec<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let src = include_str!("lib.rs");
    // `.route("/x", …)` on one line, or `.route(` then `"/x",` on the next
    let lines: Vec<&str> = src.lines().map(str::trim).collect();
    let mut routes: Vec<String> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.strip_prefix(".route(\"/").or_else(|| {
                (*l == ".route(")
                    .then(|| lines.get(i + 1).and_then(|n| n.strip_prefix("\"/")))
                    .flatten()
            })
        })
        .filter_map(|r| r.split('"').next())
        .filter(|r| !r.starts_with("assets") && !r.is_empty() && *r != "docs")
        .map(|r| format!("/api/{r}"))
        .collect();
    routes.sort();
    let mut documented: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
    documented.sort();
    assert_eq!(routes, documented);
}
