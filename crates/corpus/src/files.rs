//! From paths to documents: folders walked recursively; plain text, HTML pages (article
//! text, title, publication date and language from the page's metadata), JSON Lines and
//! RSS/Atom feeds; legacy encodings (windows-1256 and others) detected and decoded.
//!
//! Every problem is a [`Problem`] naming the file (and line), never a panic: binary files,
//! empty files, files over the size limit, undecodable bytes, a page without article text.

use std::borrow::Cow;
use std::io::BufRead;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rasid::{Date, Document, Lang};

/// Something that kept a file or a document out of the store, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, with `:line` for JSON Lines.
    pub origin: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// A document read from a file, with where it came from and what was noticed on the way.
#[derive(Clone, Debug)]
pub struct Item {
    pub doc: Document,
    pub origin: String,
    pub notes: Vec<String>,
}

/// How files are read.
#[derive(Clone, Debug)]
pub struct ReadSettings {
    /// Publication date for documents that carry none (plain text).
    pub published: Option<Date>,
    /// Language for documents that carry none; detected from the script otherwise.
    pub lang: Option<Lang>,
    /// Source (outlet) name for documents that carry none.
    pub source: Option<String>,
    /// Files larger than this are refused (JSON Lines and feeds: each document's text).
    pub max_bytes: u64,
}

impl Default for ReadSettings {
    fn default() -> Self {
        ReadSettings {
            published: None,
            lang: None,
            source: None,
            max_bytes: 20 << 20,
        }
    }
}

/// What kind of input a file is, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    JsonLines,
    Feed,
}

impl Kind {
    pub fn of(path: &Path) -> Kind {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx") => Kind::Html,
            Some("jsonl" | "ndjson" | "json") => Kind::JsonLines,
            Some("rss" | "atom" | "xml" | "feed") => Kind::Feed,
            _ => Kind::Text,
        }
    }
}

/// The files under `paths` (folders walked recursively, hidden entries skipped), sorted,
/// with their sizes; paths that cannot be read are problems.
pub fn discover(paths: &[PathBuf]) -> (Vec<(PathBuf, u64)>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(p) = stack.pop() {
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                problems.push(Problem {
                    origin: p.display().to_string(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        if meta.is_dir() {
            match std::fs::read_dir(&p) {
                Ok(entries) => {
                    for e in entries.flatten() {
                        let hidden = e.file_name().to_string_lossy().starts_with('.');
                        if !hidden {
                            stack.push(e.path());
                        }
                    }
                }
                Err(e) => problems.push(Problem {
                    origin: p.display().to_string(),
                    message: e.to_string(),
                }),
            }
        } else {
            files.push((p, meta.len()));
        }
    }
    files.sort();
    (files, problems)
}

/// Whether bytes look binary: a NUL byte, or many control characters, in the first 8 KB.
fn binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// The charset an HTML page declares in its first bytes (`<meta charset>` or
/// `content="…; charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Decode bytes to text: a BOM first, then valid UTF-8, then the page's declared charset,
/// then a guess from the bytes (chardetng). Returns the text and, for anything but UTF-8, a
/// note naming the encoding.
pub fn decode(bytes: &[u8], html: bool) -> (Cow<'_, str>, Option<String>) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        let note = (enc != encoding_rs::UTF_8).then(|| format!("decoded as {}", enc.name()));
        return (text, note);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), None);
    }
    let declared = if html { declared_charset(bytes) } else { None };
    let enc = declared
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut d = chardetng::EncodingDetector::new();
            d.feed(bytes, true);
            d.guess(None, true)
        });
    let (text, _, errors) = enc.decode(bytes);
    let mut note = format!("decoded as {}", enc.name());
    if errors {
        note.push_str(" (some bytes were not valid and were replaced)");
    }
    (text, Some(note))
}

/// A document id from a path: the path as given, with `/` separators.
fn path_key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Read one file into documents (several for JSON Lines and feeds); problems for what could
/// not be read. `emit` receives each document as soon as it is read, and stops the reading of
/// the file by returning `Break`.
pub fn read_file(
    path: &Path,
    size: u64,
    settings: &ReadSettings,
    emit: &mut dyn FnMut(Item) -> ControlFlow<()>,
    problems: &mut Vec<Problem>,
) {
    let origin = path.display().to_string();
    let problem = |message: String| Problem {
        origin: origin.clone(),
        message,
    };
    if size == 0 {
        problems.push(problem("empty file".into()));
        return;
    }
    let kind = Kind::of(path);
    if kind == Kind::JsonLines {
        read_jsonl(path, settings, emit, problems);
        return;
    }
    if size > settings.max_bytes {
        problems.push(problem(format!(
            "{:.1} MB is over the {:.0} MB limit for one document (raise it with --max-mb)",
            size as f64 / (1 << 20) as f64,
            settings.max_bytes as f64 / (1 << 20) as f64
        )));
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(problem(e.to_string()));
            return;
        }
    };
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && binary(&bytes) {
        problems.push(problem("binary file, not text".into()));
        return;
    }
    let html_like = kind == Kind::Html || looks_like_html(&bytes);
    let (text, note) = decode(&bytes, html_like);
    let notes: Vec<String> = note.into_iter().collect();
    match kind {
        Kind::Feed => read_feed(&origin, text.as_bytes(), settings, emit, problems),
        _ if html_like => match html_document(&text, &path_key(path)) {
            Ok(doc) => {
                let _ = emit(item(doc, origin, notes, settings));
            }
            Err(message) => problems.push(problem(message)),
        },
        _ => {
            let body = text.trim();
            if body.is_empty() {
                problems.push(problem("no text (only white space)".into()));
                return;
            }
            let doc = Document {
                id: path_key(path),
                text: body.to_string(),
                ..Document::default()
            };
            let _ = emit(item(doc, origin, notes, settings));
        }
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The item of a read document, with the settings' defaults for what it does not carry.
fn item(
    mut doc: Document,
    origin: String,
    mut notes: Vec<String>,
    settings: &ReadSettings,
) -> Item {
    fill_defaults(&mut doc, settings, &mut notes);
    Item { doc, origin, notes }
}

fn fill_defaults(doc: &mut Document, settings: &ReadSettings, notes: &mut Vec<String>) {
    if doc.published.is_none() {
        doc.published = settings.published;
    }
    if doc.published.is_none() {
        notes.push("no publication date: relative dates are left unresolved".into());
    }
    if doc.lang.is_none() {
        doc.lang = settings.lang;
    }
    if doc.source.is_none() {
        doc.source = settings.source.clone();
    }
}

/// A publication date in page metadata: ISO dates and datetimes.
fn metadata_date(s: &str) -> Option<Date> {
    rasid::read::parse_date(s)
}

/// An HTML page's article: text by a readability-style extractor (falling back to the whole
/// page's text), title, publication date and language from the page's metadata.
pub fn html_document(html: &str, key: &str) -> Result<Document, String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(html, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (title, text, published, lang) = match &article {
        Some(a) if a.text_content.trim().chars().count() >= 40 => (
            Some(a.title.trim().to_string()).filter(|t| !t.is_empty()),
            a.text_content.trim().to_string(),
            a.published_time.as_deref().and_then(metadata_date),
            a.lang.clone(),
        ),
        _ => {
            let text = rasid::read::html_to_text(html);
            (
                article
                    .as_ref()
                    .map(|a| a.title.trim().to_string())
                    .filter(|t| !t.is_empty()),
                text,
                article
                    .as_ref()
                    .and_then(|a| a.published_time.as_deref())
                    .and_then(metadata_date),
                article.as_ref().and_then(|a| a.lang.clone()),
            )
        }
    };
    if text.trim().is_empty() {
        return Err("HTML page without article text".into());
    }
    let lang = lang
        .and_then(|l| l.get(..2).map(str::to_ascii_lowercase))
        .and_then(|l| l.parse().ok());
    Ok(Document {
        id: key.to_string(),
        text,
        published,
        lang,
        title,
        ..Document::default()
    })
}

fn read_jsonl(
    path: &Path,
    settings: &ReadSettings,
    emit: &mut dyn FnMut(Item) -> ControlFlow<()>,
    problems: &mut Vec<Problem>,
) {
    let origin = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            problems.push(Problem {
                origin,
                message: e.to_string(),
            });
            return;
        }
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                problems.push(Problem {
                    origin: format!("{origin}:{}", n + 1),
                    message: e.to_string(),
                });
                break;
            }
        }
        n += 1;
        let at = format!("{origin}:{n}");
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if line.len() as u64 > settings.max_bytes {
            problems.push(Problem {
                origin: at,
                message: format!(
                    "a {:.1} MB line is over the {:.0} MB limit for one document (raise it with --max-mb)",
                    line.len() as f64 / (1 << 20) as f64,
                    settings.max_bytes as f64 / (1 << 20) as f64
                ),
            });
            continue;
        }
        match rasid::read::parse_json_document(&line, at.clone()) {
            Ok(r) => {
                let mut doc = r.doc;
                if doc.id.is_empty() {
                    doc.id = at.clone();
                }
                if emit(item(doc, at, r.warnings, settings)).is_break() {
                    return;
                }
            }
            Err(e) => problems.push(Problem {
                origin: at,
                message: e
                    .to_string()
                    .strip_prefix(&format!("{origin}:{n}: "))
                    .map(str::to_string)
                    .unwrap_or_else(|| e.to_string()),
            }),
        }
    }
}

/// RSS 0.9–2.0 and Atom: one document per entry (title and summary or content, reduced to
/// text), dated by the entry, sourced by the feed's title.
fn read_feed(
    origin: &str,
    bytes: &[u8],
    settings: &ReadSettings,
    emit: &mut dyn FnMut(Item) -> ControlFlow<()>,
    problems: &mut Vec<Problem>,
) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            problems.push(Problem {
                origin: origin.to_string(),
                message: format!("not an RSS or Atom feed: {e}"),
            });
            return;
        }
    };
    let feed_title = feed.title.as_ref().map(|t| t.content.trim().to_string());
    for (i, entry) in feed.entries.iter().enumerate() {
        let at = format!("{origin}#{}", i + 1);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let body = if body.contains('<') {
            rasid::read::html_to_text(&body)
        } else {
            body
        };
        let title = entry
            .title
            .as_ref()
            .map(|t| rasid::read::html_to_text(&t.content));
        let text = match &title {
            Some(t) if !t.is_empty() && !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
            _ => body,
        };
        if text.trim().is_empty() {
            problems.push(Problem {
                origin: at,
                message: "feed entry without text".into(),
            });
            continue;
        }
        let url = entry.links.first().map(|l| l.href.clone());
        let doc = Document {
            id: if entry.id.is_empty() {
                url.clone().unwrap_or_else(|| at.clone())
            } else {
                entry.id.clone()
            },
            text: text.trim().to_string(),
            published: entry
                .published
                .or(entry.updated)
                .and_then(|d| d.date_naive().to_string().parse().ok()),
            url,
            title,
            source: feed_title.clone(),
            ..Document::default()
        };
        if emit(item(doc, at, Vec::new(), settings)).is_break() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1256_pages_are_decoded() {
        let arabic = "قصفت قوات النظام بلدة كفرنبل";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        let page = [
            b"<html><head><meta charset=\"windows-1256\"><title>x</title></head><body><p>"
                .as_slice(),
            &bytes,
            b"</p></body></html>",
        ]
        .concat();
        let (text, note) = decode(&page, true);
        assert!(text.contains(arabic));
        assert_eq!(note.as_deref(), Some("decoded as windows-1256"));
        // without a declaration, the bytes themselves tell
        let long = arabic.repeat(20);
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&long);
        let (text, note) = decode(&bytes, false);
        assert_eq!(text, long);
        assert!(note.unwrap().contains("windows-1256"));
        // UTF-8 stays as it is
        assert_eq!(
            decode(arabic.as_bytes(), false),
            (Cow::Borrowed(arabic), None)
        );
    }

    #[test]
    fn binary_is_recognised() {
        assert!(binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!binary("نص عربي\nسطر ثان".as_bytes()));
    }

    #[test]
    fn html_article_and_metadata() {
        let page = r#"<!DOCTYPE html><html lang="ar"><head><title>اشتباكات في ريف دير الزور</title>
            <meta property="article:published_time" content="2019-02-14T09:30:00+03:00"></head>
            <body><nav>الرئيسية | أخبار | اتصل بنا</nav><article><h1>اشتباكات في ريف دير الزور</h1>
            <p>اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وخلايا تنظيم داعش في بلدة الشحيل بريف دير الزور الشرقي، صباح اليوم الخميس.</p>
            <p>وقالت مصادر محلية إن الاشتباكات استمرت ساعات وأسفرت عن مقتل ثلاثة عناصر من التنظيم.</p>
            <script>alert("x")</script></article><footer>جميع الحقوق محفوظة</footer></body></html>"#;
        let d = html_document(page, "page.html").unwrap();
        assert_eq!(d.title.as_deref(), Some("اشتباكات في ريف دير الزور"));
        assert_eq!(d.published.unwrap().to_string(), "2019-02-14");
        assert!(d.text.contains("بلدة الشحيل"));
        assert!(!d.text.contains("alert"));
        assert_eq!(d.lang, Some(Lang::Ar));
    }

    #[test]
    fn feeds_give_one_document_per_entry() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet</title>
            <item><title>قصف على إدلب</title><link>https://example.org/1</link><guid>https://example.org/1</guid>
            <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;قصفت قوات النظام بلدة بنش.&lt;/p&gt;</description></item>
            <item><title></title><description></description></item></channel></rss>"#;
        let mut items = Vec::new();
        let mut problems = Vec::new();
        read_feed(
            "f.rss",
            rss.as_bytes(),
            &ReadSettings::default(),
            &mut |i| {
                items.push(i);
                ControlFlow::Continue(())
            },
            &mut problems,
        );
        assert_eq!(items.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &items[0].doc;
        assert_eq!(d.published.unwrap().to_string(), "2024-03-05");
        assert_eq!(d.source.as_deref(), Some("Outlet"));
        assert!(d.text.starts_with("قصف على إدلب"));
        assert!(d.text.contains("بلدة بنش"));
        assert!(!d.text.contains("<p>"));
    }
}
