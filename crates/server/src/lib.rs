//! # rasid-server — `rasid serve`
//!
//! A JSON API over the corpus store ([`rasid_store::Store`]) and the dashboard that reads it:
//! a map, a timeline and the actor network of the filtered events, and an event view with
//! the source text right-to-left, the evidence and every argument highlighted, and controls
//! to accept, correct or reject the event.
//!
//! The HTTP layer is thin: handlers turn query strings into [`rasid_store::EventFilter`]s,
//! call the store on the blocking pool, and answer JSON. Errors are `{message, code, type}`
//! ([`error::ApiError`]); internal details go to the log only. Writes (reviews, posted
//! documents) need the token given at start; without one they are disabled. Request bodies
//! are bounded. Spans are byte offsets in the store and the API's `*_16` fields are UTF-16
//! offsets for browsers. The OpenAPI description is served at `/api/openapi.json`, and read
//! at `/api/docs` with no internet.
#![forbid(unsafe_code)]

pub mod error;
pub mod provinces;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rasid::Pipeline;
use rasid_store::{EventFilter, ReviewRequest, Store, StoreError};
use serde::Deserialize;
use serde_json::{json, Value};

pub use error::ApiError;

/// Settings of a server.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The store file.
    pub db: PathBuf,
    /// Bearer token for write endpoints; `None` disables writes.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body: usize,
}

/// What handlers share.
pub struct AppState {
    settings: Settings,
    pipeline: Arc<Pipeline>,
    /// Read connections, reused.
    readers: Mutex<Vec<Store>>,
    /// The one writer.
    writer: Mutex<Store>,
    /// Approximate province outlines, computed on first use.
    provinces: std::sync::OnceLock<Value>,
}

impl AppState {
    /// Open the store (created when missing) and keep the pipeline for `/api/extract` and
    /// posted documents.
    pub fn new(settings: Settings, pipeline: Arc<Pipeline>) -> Result<AppState, StoreError> {
        let writer = Store::open(&settings.db)?;
        Ok(AppState {
            settings,
            pipeline,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(writer),
            provinces: std::sync::OnceLock::new(),
        })
    }
}

type Shared = Arc<AppState>;

/// Run `f` on a read connection, on the blocking pool.
async fn read<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let store = state
            .readers
            .lock()
            .map_err(ApiError::internal)?
            .pop()
            .map(Ok)
            .unwrap_or_else(|| Store::open(&state.settings.db))?;
        let out = f(&store);
        if let Ok(mut pool) = state.readers.lock() {
            if pool.len() < 16 {
                pool.push(store);
            }
        }
        out.map_err(ApiError::from)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Run `f` on the writer, on the blocking pool.
async fn write<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&mut Store, &Pipeline) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = state.writer.lock().map_err(ApiError::internal)?;
        f(&mut store, &state.pipeline)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Check the bearer token of a write request.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.settings.token else {
        return Err(ApiError::forbidden(
            "write endpoints are disabled: start the server with --token (or RASID_TOKEN)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // compare without stopping at the first difference
    let same = given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::unauthorized(
            "a valid token is needed: Authorization: Bearer <token>",
        ))
    }
}

/// Filters, pagination and order of event queries.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventQuery {
    from: Option<String>,
    to: Option<String>,
    country: Option<String>,
    admin1: Option<String>,
    actor: Option<String>,
    category: Option<String>,
    status: Option<String>,
    min_confidence: Option<f64>,
    limit: Option<usize>,
    offset: Option<usize>,
    sort: Option<String>,
}

/// The most rows one request returns.
pub const MAX_LIMIT: usize = 1000;

impl EventQuery {
    fn filter(&self, default_limit: usize) -> Result<EventFilter, ApiError> {
        let empty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        Ok(EventFilter {
            from: empty(&self.from),
            to: empty(&self.to),
            country: empty(&self.country),
            admin1: empty(&self.admin1),
            actor: empty(&self.actor),
            category: empty(&self.category),
            status: empty(&self.status),
            min_confidence: self.min_confidence,
            limit: self.limit.unwrap_or(default_limit).clamp(1, MAX_LIMIT),
            offset: self.offset.unwrap_or(0),
            sort: match &self.sort {
                Some(s) => s.parse().map_err(ApiError::bad_request)?,
                None => Default::default(),
            },
        })
    }
}

type Q = Result<Query<EventQuery>, axum::extract::rejection::QueryRejection>;

fn query(q: Q) -> Result<EventQuery, ApiError> {
    Ok(q?.0)
}

async fn health(State(s): State<Shared>) -> Result<Json<Value>, ApiError> {
    let c = read(&s, |st| st.counts()).await?;
    Ok(Json(
        json!({"status": "ok", "version": env!("CARGO_PKG_VERSION"), "counts": c}),
    ))
}

async fn events(State(s): State<Shared>, q: Q) -> Result<Json<Value>, ApiError> {
    let f = query(q)?.filter(50)?;
    let (limit, offset) = (f.limit, f.offset);
    let (total, mut events) = read(&s, move |st| {
        Ok((st.count_fused(&f)?, st.fused_events(&f)?))
    })
    .await?;
    // a page lists the first reports; the event view has them all
    events.iter_mut().for_each(|e| e.reports.truncate(3));
    Ok(Json(
        json!({"total": total, "limit": limit, "offset": offset, "events": events}),
    ))
}

/// UTF-16 offset of byte offset `b` of `text` (clamped to a character boundary).
fn utf16(text: &str, b: usize) -> usize {
    let mut b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
}

/// The spans to highlight in a report's text: evidence, trigger and each argument, with
/// UTF-16 offsets.
fn highlights(text: &str, event: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for key in ["evidence", "trigger", "actor1", "actor2", "location"] {
        let v = &event[key];
        if let (Some(a), Some(b)) = (v["start"].as_u64(), v["end"].as_u64()) {
            let (a, b) = (a as usize, b as usize);
            if a < b && b <= text.len() {
                out.push(json!({
                    "role": key,
                    "start": a, "end": b,
                    "start_16": utf16(text, a), "end_16": utf16(text, b),
                    "label": v["name"].as_str().or(v["text"].as_str()),
                }));
            }
        }
    }
    out
}

async fn event(State(s): State<Shared>, Path(id): Path<i64>) -> Result<Json<Value>, ApiError> {
    let (event, reports, reviews) = read(&s, move |st| {
        let e = st
            .fused_event(id)?
            .ok_or_else(|| StoreError::NotFound(format!("event {id}")))?;
        Ok((e, st.report_details(id)?, st.reviews(id)?))
    })
    .await?;
    let reports: Vec<Value> = reports
        .into_iter()
        .map(|r| {
            let h = highlights(&r.text, &r.event);
            let mut v = serde_json::to_value(&r).unwrap_or(Value::Null);
            v["highlights"] = Value::Array(h);
            v
        })
        .collect();
    Ok(Json(
        json!({"event": event, "reports": reports, "reviews": reviews}),
    ))
}

async fn review(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Json<ReviewRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    authorize(&s, &headers)?;
    let Json(r) = body?;
    let stored = write(&s, move |st, _| Ok(st.review(id, &r)?)).await?;
    Ok((StatusCode::CREATED, Json(json!(stored))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn documents(
    State(s): State<Shared>,
    q: Result<Query<Page>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(p) = q?;
    let (limit, offset) = (
        p.limit.unwrap_or(50).clamp(1, MAX_LIMIT),
        p.offset.unwrap_or(0),
    );
    let docs = read(&s, move |st| st.documents(limit, offset)).await?;
    Ok(Json(
        json!({"limit": limit, "offset": offset, "documents": docs}),
    ))
}

async fn document(State(s): State<Shared>, Path(id): Path<i64>) -> Result<Json<Value>, ApiError> {
    let d = read(&s, move |st| {
        st.document(id)?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))
    })
    .await?;
    Ok(Json(json!(d)))
}

/// A posted document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedDocument {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

impl PostedDocument {
    fn document(self, n: usize) -> Result<(rasid::Document, Vec<String>), ApiError> {
        let mut notes = Vec::new();
        if self.text.trim().is_empty() {
            return Err(ApiError::bad_request(format!("documents[{n}]: empty text")));
        }
        let published = match self.published.as_deref() {
            None | Some("") => {
                notes.push("no publication date: relative dates are left unresolved".into());
                None
            }
            Some(p) => Some(rasid::read::parse_date(p).ok_or_else(|| {
                ApiError::bad_request(format!("documents[{n}].published: {p:?} is not a date"))
            })?),
        };
        let lang = match self.lang.as_deref() {
            None | Some("") => None,
            Some(l) => Some(
                l.parse::<rasid::Lang>()
                    .map_err(|e| ApiError::bad_request(format!("documents[{n}].lang: {e}")))?,
            ),
        };
        Ok((
            rasid::Document {
                id: self.id.unwrap_or_else(|| format!("posted-{n}")),
                text: self.text,
                published,
                lang,
                source: self.source,
                url: self.url,
                title: self.title,
            },
            notes,
        ))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Posted {
    documents: Vec<PostedDocument>,
}

async fn post_documents(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<Posted>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    authorize(&s, &headers)?;
    let Json(p) = body?;
    let mut items = Vec::new();
    for (n, d) in p.documents.into_iter().enumerate() {
        let (doc, notes) = d.document(n)?;
        items.push(rasid_corpus::files::Item {
            origin: format!("POST /api/documents [{n}]"),
            doc,
            notes,
        });
    }
    let out = write(&s, move |st, pipeline| {
        let records: Vec<_> = items
            .into_iter()
            .map(|i| {
                let hash = rasid_corpus::content_hash(&i.doc);
                rasid_corpus::record(pipeline, i, hash)
            })
            .collect();
        let run = st.begin_run(env!("CARGO_PKG_VERSION"), "server", "POST /api/documents")?;
        let out = st.write_batch(run, &records)?;
        st.finish_run(run, out.stored, out.duplicates, 0)?;
        Ok(out)
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({"stored": out.stored, "duplicates": out.duplicates, "events": out.events, "fused_with_earlier_reports": out.fused}),
        ),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractBody {
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

async fn extract(
    State(s): State<Shared>,
    body: Result<Json<ExtractBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(b) = body?;
    let (doc, _) = PostedDocument {
        id: Some("posted".into()),
        text: b.text,
        published: b.published,
        lang: b.lang,
        source: None,
        url: None,
        title: None,
    }
    .document(0)?;
    let pipeline = s.pipeline.clone();
    let out = tokio::task::spawn_blocking(move || {
        let x = pipeline.process(&doc);
        serde_json::to_value(rasid::wire::document(&doc, &x))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    Ok(Json(out))
}

async fn stats(State(s): State<Shared>, q: Q) -> Result<Json<Value>, ApiError> {
    let f = query(q)?.filter(0)?;
    let st = read(&s, move |st| st.stats(&f, 20)).await?;
    Ok(Json(json!(st)))
}

async fn places(State(s): State<Shared>, q: Q) -> Result<Json<Value>, ApiError> {
    let q = query(q)?;
    let f = q.filter(200)?;
    let top = f.limit;
    let p = read(&s, move |st| st.places(&EventFilter { limit: 0, ..f }, top)).await?;
    Ok(Json(json!({"places": p})))
}

async fn network(State(s): State<Shared>, q: Q) -> Result<Json<Value>, ApiError> {
    let f = query(q)?.filter(MAX_LIMIT)?;
    let events = read(&s, move |st| {
        st.fused_events(&EventFilter {
            limit: 0,
            offset: 0,
            ..f
        })
    })
    .await?;
    Ok(Json(json!(rasid_store::export::actor_graph(&events))))
}

async fn actors(State(s): State<Shared>, q: Q) -> Result<Json<Value>, ApiError> {
    let f = query(q)?.filter(0)?;
    let st = read(&s, move |st| st.stats(&f, 50)).await?;
    let actors: Vec<Value> = st
        .top_actors
        .into_iter()
        .map(|(name, events)| json!({"name": name, "events": events}))
        .collect();
    Ok(Json(json!({"actors": actors})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchQuery {
    q: String,
    limit: Option<usize>,
}

async fn search(
    State(s): State<Shared>,
    q: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = q?;
    let keys = rasid_corpus::search_words(&q.q);
    let limit = q.limit.unwrap_or(20).clamp(1, 200);
    let hits = read(&s, move |st| st.search(&keys.join(" "), limit)).await?;
    let hits: Vec<Value> = hits
        .into_iter()
        .map(|h| {
            json!({"doc_id": h.doc_id, "id": h.doc_key, "title": h.title, "published": h.published,
                   "source": h.source, "url": h.url, "events": h.events,
                   "excerpt": h.text.chars().take(240).collect::<String>()})
        })
        .collect();
    Ok(Json(json!({"documents": hits})))
}

async fn provinces(State(s): State<Shared>) -> Result<Json<Value>, ApiError> {
    let state = s.clone();
    let v = tokio::task::spawn_blocking(move || {
        state
            .provinces
            .get_or_init(|| json!(provinces::grid(state.pipeline.gazetteer())))
            .clone()
    })
    .await
    .map_err(ApiError::internal)?;
    Ok(Json(v))
}

const OPENAPI: &str = include_str!("../openapi.json");
const INDEX: &str = include_str!("../dashboard/index.html");
const APP_JS: &str = include_str!("../dashboard/app.js");
const APP_CSS: &str = include_str!("../dashboard/app.css");
const DOCS: &str = include_str!("../dashboard/docs.html");
const COUNTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/countries.json"));

fn asset(kind: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint; see /api/docs")
}

/// Headers every answer carries: no script or style from elsewhere, no sniffing, no framing.
async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// The router: the API under `/api`, the dashboard at `/`.
pub fn app(state: AppState) -> Router {
    let max = state.settings.max_body;
    let api = Router::new()
        .route("/health", get(health))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/events/{id}/review", post(review))
        .route("/documents", get(documents).post(post_documents))
        .route("/documents/{id}", get(document))
        .route("/extract", post(extract))
        .route("/stats", get(stats))
        .route("/places", get(places))
        .route("/actors", get(actors))
        .route("/network", get(network))
        .route("/search", get(search))
        .route("/provinces", get(provinces))
        .route(
            "/openapi.json",
            get(|| async { asset("application/json", OPENAPI.as_bytes()) }),
        )
        .route(
            "/docs",
            get(|| async { asset("text/html; charset=utf-8", DOCS.as_bytes()) }),
        )
        .fallback(not_found);
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX.as_bytes()) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS.as_bytes()) }),
        )
        .route(
            "/assets/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS.as_bytes()) }),
        )
        .route(
            "/assets/countries.json",
            get(|| async { asset("application/json", COUNTRIES) }),
        )
        .nest("/api", api)
        .fallback(not_found)
        .layer(axum::middleware::map_response(security_headers))
        .layer(DefaultBodyLimit::max(max))
        .with_state(Arc::new(state))
}

/// Serve `app` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests;
