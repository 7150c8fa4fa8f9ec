//! Reading rasid's data tables: UTF-8, tab-separated, one header row, `#` comment lines.
//!
//! Every data file under `data/` (and every file users add at run time) has this shape; the
//! stage crates give their own meaning to the columns and wrap [`TsvError`] with the file name.

/// A data row: its 1-based line number and its cells, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'t> {
    pub line: usize,
    pub cells: Vec<&'t str>,
}

/// What is wrong with a table, and on which line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TsvError {
    #[error("line {line}: expected the header `{expected}`")]
    Header { line: usize, expected: String },
    #[error("line {line}: expected {expected} columns, found {found}")]
    Columns {
        line: usize,
        expected: usize,
        found: usize,
    },
}

impl TsvError {
    /// The line the error is on.
    pub fn line(&self) -> usize {
        match self {
            TsvError::Header { line, .. } | TsvError::Columns { line, .. } => *line,
        }
    }

    /// What is wrong, without the line (for callers that name file and line themselves).
    pub fn message(&self) -> String {
        match self {
            TsvError::Header { expected, .. } => format!("expected the header `{expected}`"),
            TsvError::Columns {
                expected, found, ..
            } => format!("expected {expected} columns, found {found}"),
        }
    }
}

/// A data file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not UTF-8 text (first bad byte at offset {offset}; save the file as UTF-8)")]
    Encoding {
        path: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
        offset: usize,
    },
}

/// Read a data file as UTF-8 text, naming the file in any error.
pub fn read_file(path: &std::path::Path) -> Result<String, FileError> {
    let shown = || path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: shown(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = line_column(e.as_bytes(), offset);
        FileError::Encoding {
            path: shown(),
            line,
            column,
            offset,
        }
    })
}

/// 1-based line and column (in characters) of byte `offset` in `bytes`, which are valid
/// UTF-8 up to `offset`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = std::str::from_utf8(&before[line_start..]).map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

/// The rows of `text` after a header that must equal `header`; every row must have exactly
/// as many cells as the header.
pub fn rows<'t>(text: &'t str, header: &[&str]) -> Result<Vec<Row<'t>>, TsvError> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line
            .trim_start_matches('\u{feff}')
            .split('\t')
            .map(str::trim)
            .collect();
        if !seen_header {
            if cells[..] != header[..] {
                return Err(TsvError::Header {
                    line: line_no,
                    expected: header.join("\\t"),
                });
            }
            seen_header = true;
            continue;
        }
        if cells.len() != header.len() {
            return Err(TsvError::Columns {
                line: line_no,
                expected: header.len(),
                found: cells.len(),
            });
        }
        out.push(Row {
            line: line_no,
            cells,
        });
    }
    if !seen_header {
        return Err(TsvError::Header {
            line: 1,
            expected: header.join("\\t"),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_a_legacy_encoding_is_an_error_naming_line_and_column() {
        let dir = std::env::temp_dir().join(format!("rasid-tsv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cp1256.tsv");
        // "id\tname\n" then "1\tحلب" in windows-1256 (0xCD 0xE1 0xC8)
        std::fs::write(&path, b"id\tname\n1\t\xcd\xe1\xc8\n").unwrap();
        let e = read_file(&path).unwrap_err().to_string();
        assert!(e.contains("cp1256.tsv:2:3: not UTF-8"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn rows_header_and_errors() {
        let t = "# comment\na\tb\n1\t2\n\n3\t4\n";
        let r = rows(t, &["a", "b"]).unwrap();
        assert_eq!(
            r[1],
            Row {
                line: 5,
                cells: vec!["3", "4"]
            }
        );
        assert_eq!(rows("a\tc\n", &["a", "b"]).unwrap_err().line(), 1);
        assert_eq!(
            rows("a\tb\n1\n", &["a", "b"]).unwrap_err().to_string(),
            "line 2: expected 2 columns, found 1"
        );
        assert!(rows("", &["a"]).is_err());
    }
}
