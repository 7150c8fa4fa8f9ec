//! Reading documents: plain text, JSON Lines, standard input; one bad document never stops
//! the others.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rasid_core::{Date, Document, Lang};
use serde_json::Value;

/// A document that could not be read, naming where it came from.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{origin}: {source}")]
    Io {
        origin: String,
        source: std::io::Error,
    },
    #[error("{origin}: not valid UTF-8 (first bad byte at offset {offset})")]
    Encoding { origin: String, offset: usize },
    #[error("{origin}: not a JSON object: {message}")]
    Json { origin: String, message: String },
    #[error("{origin}: field {field:?}: {message}")]
    Field {
        origin: String,
        field: &'static str,
        message: String,
    },
    #[error("{origin}: empty document (no text)")]
    Empty { origin: String },
}

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Path(PathBuf),
    Stdin,
}

impl Source {
    pub fn parse(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::Path(PathBuf::from(arg))
        }
    }
    fn name(&self) -> String {
        match self {
            Source::Path(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".into(),
        }
    }
}

/// Defaults for documents that do not carry their own metadata (plain text files).
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub published: Option<Date>,
    pub lang: Option<Lang>,
}

/// One read document with the warnings met while reading it (e.g. an unreadable date).
#[derive(Clone, Debug)]
pub struct ReadDocument {
    pub doc: Document,
    pub warnings: Vec<String>,
}

/// Iterator over the documents of one source, in order.
pub struct Documents {
    inner: Box<dyn Iterator<Item = Result<ReadDocument, DocumentError>>>,
}

impl Iterator for Documents {
    type Item = Result<ReadDocument, DocumentError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

fn is_jsonl(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("jsonl" | "ndjson" | "json")
    )
}

/// Read the documents of `source`: `.jsonl`/`.ndjson`/`.json` files and standard input that
/// starts with `{` as JSON Lines (one document a line), anything else as one plain-text
/// document (HTML is reduced to its text).
pub fn read(source: &Source, opts: &ReadOptions) -> Documents {
    let name = source.name();
    let reader: Box<dyn BufRead> = match source {
        Source::Path(p) => match File::open(p) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                return single(Err(DocumentError::Io {
                    origin: name,
                    source: e,
                }))
            }
        },
        Source::Stdin => Box::new(BufReader::new(std::io::stdin())),
    };
    let mut reader = reader;
    let jsonl = match source {
        Source::Path(p) => is_jsonl(p),
        Source::Stdin => match reader.fill_buf() {
            Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
            Err(e) => {
                return single(Err(DocumentError::Io {
                    origin: name,
                    source: e,
                }))
            }
        },
    };
    if jsonl {
        Documents {
            inner: Box::new(JsonLines {
                reader,
                name,
                line: 0,
                done: false,
            }),
        }
    } else {
        let mut bytes = Vec::new();
        let r = reader
            .read_to_end(&mut bytes)
            .map_err(|e| DocumentError::Io {
                origin: name.clone(),
                source: e,
            });
        let id = match source {
            Source::Path(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| name.clone()),
            Source::Stdin => "stdin".into(),
        };
        single(r.and_then(|_| text_document(bytes, &name, id, opts)))
    }
}

fn single(item: Result<ReadDocument, DocumentError>) -> Documents {
    Documents {
        inner: Box::new(std::iter::once(item)),
    }
}

fn text_document(
    bytes: Vec<u8>,
    origin: &str,
    id: String,
    opts: &ReadOptions,
) -> Result<ReadDocument, DocumentError> {
    let text = String::from_utf8(bytes).map_err(|e| DocumentError::Encoding {
        origin: origin.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let mut warnings = Vec::new();
    let text = if looks_like_html(&text) {
        warnings.push(format!(
            "{origin}: HTML markup removed; spans point into the extracted text"
        ));
        html_to_text(&text)
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(DocumentError::Empty {
            origin: origin.to_string(),
        });
    }
    Ok(ReadDocument {
        doc: Document {
            id,
            text,
            published: opts.published,
            lang: opts.lang,
            ..Document::default()
        },
        warnings,
    })
}

struct JsonLines {
    reader: Box<dyn BufRead>,
    name: String,
    line: usize,
    done: bool,
}

impl Iterator for JsonLines {
    type Item = Result<ReadDocument, DocumentError>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            buf.clear();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(DocumentError::Io {
                        origin: self.name.clone(),
                        source: e,
                    }));
                }
            }
            self.line += 1;
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let origin = format!("{}:{}", self.name, self.line);
            return Some(parse_json_document(&buf, origin));
        }
    }
}

/// Parse one JSON Lines document (`id`, `text`, `published`, `lang`, `source`, `url`,
/// `title`; other fields ignored).
pub fn parse_json_document(line: &[u8], origin: String) -> Result<ReadDocument, DocumentError> {
    let s = std::str::from_utf8(line).map_err(|e| DocumentError::Encoding {
        origin: origin.clone(),
        offset: e.valid_up_to(),
    })?;
    let v: Value = serde_json::from_str(s.trim()).map_err(|e| DocumentError::Json {
        origin: origin.clone(),
        message: e.to_string(),
    })?;
    let Value::Object(obj) = v else {
        return Err(DocumentError::Json {
            origin,
            message: "expected an object".into(),
        });
    };
    let field_err = |field: &'static str, message: String| DocumentError::Field {
        origin: origin.clone(),
        field,
        message,
    };
    let text = match obj.get("text") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Null) | None => return Err(DocumentError::Empty { origin }),
        Some(other) => {
            return Err(field_err(
                "text",
                format!("expected a string, found {}", kind(other)),
            ))
        }
    };
    if text.trim().is_empty() {
        return Err(DocumentError::Empty { origin });
    }
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => origin.clone(),
    };
    let mut warnings = Vec::new();
    let published = match obj.get("published") {
        Some(Value::String(s)) if !s.trim().is_empty() => match parse_date(s) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!("{origin}: field \"published\": {s:?} is not a date (YYYY-MM-DD); relative dates stay unresolved"));
                None
            }
        },
        _ => None,
    };
    let lang = match obj.get("lang") {
        Some(Value::String(s)) if !s.trim().is_empty() => match s.parse::<Lang>() {
            Ok(l) => Some(l),
            Err(e) => {
                warnings.push(format!(
                    "{origin}: field \"lang\": {e}; detecting it from the text"
                ));
                None
            }
        },
        _ => None,
    };
    let string = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let (text, html) = if looks_like_html(&text) {
        (html_to_text(&text), true)
    } else {
        (text, false)
    };
    if html {
        warnings.push(format!(
            "{origin}: HTML markup removed; spans point into the extracted text"
        ));
    }
    Ok(ReadDocument {
        doc: Document {
            id,
            text,
            published,
            lang,
            source: string("source"),
            url: string("url"),
            title: string("title"),
        },
        warnings,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A publication date: `YYYY-MM-DD`, optionally followed by a time (`2018-04-10T08:00:00Z`).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>()
        .ok()
        .filter(|d| d.year() >= 1900 && d.year() <= 2200)
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html")
        || head.contains("<body")
        || head.contains("<p>")
        || head.contains("<div")
        || head.contains("<br")
}

/// Reduce HTML to its text: scripts and styles dropped, block tags become line breaks,
/// common entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with('<') {
            let lrest = &lower[i..];
            for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
                if lrest.starts_with(open) {
                    if let Some(end) = lrest.find(close) {
                        i += end + close.len();
                        break;
                    }
                }
            }
            if i < html.len() && html[i..].starts_with('<') {
                let end = html[i..].find('>').map(|e| i + e + 1).unwrap_or(html.len());
                let tag = &lower[i..end];
                if [
                    "<p", "</p", "<br", "<div", "</div", "<h1", "<h2", "<h3", "</h", "<li", "<tr",
                ]
                .iter()
                .any(|t| tag.starts_with(t))
                {
                    out.push('\n');
                }
                i = end;
            }
            continue;
        }
        if rest.starts_with('&') {
            let entities = [
                ("&nbsp;", " "),
                ("&amp;", "&"),
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&quot;", "\""),
                ("&#39;", "'"),
                ("&laquo;", "«"),
                ("&raquo;", "»"),
            ];
            if let Some((e, r)) = entities.iter().find(|(e, _)| rest.starts_with(e)) {
                out.push_str(r);
                i += e.len();
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    // collapse runs of blank lines
    let mut clean = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        clean.push_str(l);
        clean.push('\n');
    }
    clean.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_documents_and_their_errors() {
        let ok = parse_json_document(
            r#"{"id":"a","text":"نص","published":"2018-04-10T08:00:00Z","extra":1}"#.as_bytes(),
            "f:1".into(),
        )
        .unwrap();
        assert_eq!(ok.doc.published.unwrap().to_string(), "2018-04-10");
        let e = parse_json_document(br#"{"id":"a","text":"#, "f:2".into()).unwrap_err();
        assert!(e.to_string().starts_with("f:2: not a JSON object"), "{e}");
        let e = parse_json_document(br#"{"id":"a","text":"  "}"#, "f:3".into()).unwrap_err();
        assert_eq!(e.to_string(), "f:3: empty document (no text)");
        let e = parse_json_document(b"{\"text\":\"\xff\"}", "f:4".into()).unwrap_err();
        assert!(e.to_string().contains("not valid UTF-8"), "{e}");
        let w = parse_json_document(
            br#"{"id":"b","text":"x","published":"2018-13-45"}"#,
            "f:5".into(),
        )
        .unwrap();
        assert!(w.doc.published.is_none());
        assert!(w.warnings[0].contains("is not a date"));
    }

    #[test]
    fn html_is_reduced_to_text() {
        let t = html_to_text("<html><head><style>p{}</style></head><body><p>قصف &amp; اشتباكات</p><script>x()</script><p>ثم</p></body></html>");
        assert_eq!(t, "قصف & اشتباكات\n\nثم");
    }
}
