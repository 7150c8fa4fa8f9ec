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
    #[error("{path}: not UTF-8 text (first bad byte at offset {offset})")]
    Encoding { path: String, offset: usize },
}

/// Read a data file as UTF-8 text, naming the file in any error.
pub fn read_file(path: &std::path::Path) -> Result<String, FileError> {
    let shown = || path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: shown(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| FileError::Encoding {
        path: shown(),
        offset: e.utf8_error().valid_up_to(),
    })
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
