//! Reading GeoNames dumps (`allCountries.txt`, or a country file such as `SY.txt`), the files
//! users download, with `admin1CodesASCII.txt` for province names and, when given,
//! `alternateNamesV2.txt` for more names.
//!
//! A dump row has 19 tab-separated columns and no header: geonameid, name, asciiname,
//! alternatenames (comma-separated), latitude, longitude, feature class, feature code, country
//! code, cc2, admin1 code, admin2 code, admin3 code, admin4 code, population, elevation, dem,
//! timezone, modification date.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use rasid_core::{Feature, Place};

use crate::load::{Entry, GazetteerBuilder};
use crate::GazetteerError;

const COLUMNS: usize = 19;

/// Whether the first data line of a file looks like a GeoNames dump row.
pub fn looks_like_geonames(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            cells.len() == COLUMNS
                && !cells[0].is_empty()
                && cells[0].bytes().all(|b| b.is_ascii_digit())
        })
}

/// rasid's feature for a GeoNames feature class and code, or `None` for kinds rasid does not
/// place events at (hotels, farms, spots…).
fn feature_of(class: &str, code: &str, population: u64) -> Option<Feature> {
    Some(match (class, code) {
        ("A", "PCLI" | "PCLD" | "PCLF" | "PCL") => Feature::Country,
        ("A", "ADM1") => Feature::Admin1,
        ("A", "ADM2") => Feature::Admin2,
        ("A", "ADM3") => Feature::Admin3,
        ("P", "PPLX") => Feature::Neighbourhood,
        ("P", "PPLC" | "PPLA") => Feature::City,
        ("P", _) if population >= 100_000 => Feature::City,
        ("P", "PPLA2" | "PPLA3") => Feature::Town,
        ("P", _) if population >= 10_000 => Feature::Town,
        ("P", _) => Feature::Village,
        ("S", "AIRP" | "AIRF" | "AIRB") => Feature::Airport,
        ("S", "MILB" | "INSM" | "MILB2") => Feature::MilitaryBase,
        ("S", "PRN" | "HSP" | "HSPC" | "OILR" | "PS" | "OILF" | "GASF") => Feature::Facility,
        ("S", "BDGQ" | "CSTM") => Feature::BorderCrossing,
        ("S", "CMPRF") | ("L", "CMPRF") => Feature::Camp,
        ("H", "STM" | "STMI" | "CNL") => Feature::River,
        ("H", "RSV" | "LK" | "LKI") => Feature::Region,
        ("S", "DAM") => Feature::Dam,
        ("T", "MT" | "MTS" | "HLL" | "HLLS" | "RDGE") => Feature::Mountain,
        ("T", "PLN" | "VAL" | "DSRT" | "PLAT" | "WAD" | "ISL") => Feature::Region,
        ("L", "RGN" | "AREA") => Feature::Region,
        _ => return None,
    })
}

/// Names worth matching: Arabic script or Latin letters (other scripts never occur in the
/// news rasid reads).
fn useful_name(n: &str) -> bool {
    let n = n.trim();
    !n.is_empty()
        && n.chars().count() >= 2
        && n.chars().all(|c| {
            !c.is_alphabetic()
                || c.is_ascii_alphabetic()
                || ('\u{0600}'..='\u{06FF}').contains(&c)
                || c.is_ascii()
        })
}

/// Lines of a file read one at a time (dumps run to gigabytes), as UTF-8 with errors naming
/// file, line and column.
struct Lines<R> {
    reader: R,
    origin: String,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R, origin: &str) -> Self {
        Lines {
            reader,
            origin: origin.to_string(),
            line: 0,
            buf: Vec::new(),
        }
    }

    /// The next line (its 1-based number, its text without the line break), or `None` at
    /// the end.
    fn next_line(&mut self) -> Result<Option<(usize, &str)>, GazetteerError> {
        self.buf.clear();
        let n = self.reader.read_until(b'\n', &mut self.buf).map_err(|e| {
            GazetteerError::File(rasid_core::tsv::FileError::Io {
                path: self.origin.clone(),
                source: e,
            })
        })?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        while self.buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            self.buf.pop();
        }
        match std::str::from_utf8(&self.buf) {
            Ok(s) => Ok(Some((self.line, s))),
            Err(e) => {
                let valid = &self.buf[..e.valid_up_to()];
                let column = std::str::from_utf8(valid).map_or(1, |v| v.chars().count() + 1);
                Err(GazetteerError::Row {
                    path: self.origin.clone(),
                    line: self.line,
                    message: format!("column {column}: not UTF-8 text"),
                })
            }
        }
    }
}

impl GazetteerBuilder {
    /// Add a GeoNames dump. `admin1` is the text of `admin1CodesASCII.txt` (province names),
    /// `alternates` that of `alternateNamesV2.txt` (more names, filtered to the dump's places).
    pub fn add_geonames_str(
        &mut self,
        text: &str,
        origin: &str,
        admin1: Option<&str>,
        alternates: Option<&str>,
    ) -> Result<usize, GazetteerError> {
        self.add_geonames_reader(
            text.as_bytes(),
            origin,
            admin1,
            alternates.map(|a| (a.as_bytes(), "alternateNamesV2.txt")),
        )
    }

    /// Add a GeoNames dump read line by line (a 1.6 GB `allCountries.txt` is never held in
    /// memory whole; with [`keep_countries`](Self::keep_countries) only the wanted rows are
    /// kept), with its province names and, when given, alternate names (also streamed).
    pub fn add_geonames_reader(
        &mut self,
        dump: impl BufRead,
        origin: &str,
        admin1: Option<&str>,
        alternates: Option<(impl BufRead, &str)>,
    ) -> Result<usize, GazetteerError> {
        let row_err = |line: usize, column: usize, message: String| GazetteerError::Row {
            path: origin.to_string(),
            line,
            message: format!("column {column}: {message}"),
        };
        let admin1_names: HashMap<&str, &str> = admin1
            .unwrap_or("")
            .lines()
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() >= 3).then(|| (c[0], c[2]))
            })
            .collect();
        let mut staged: Vec<(Entry, Vec<String>, u64)> = Vec::new();
        let mut lines = Lines::new(dump, origin);
        while let Some((line_no, line)) = lines.next_line()? {
            if line.trim().is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != COLUMNS {
                return Err(row_err(
                    line_no,
                    c.len().min(COLUMNS),
                    format!("expected {COLUMNS} columns, found {}", c.len()),
                ));
            }
            let id: u64 = c[0].parse().map_err(|_| {
                row_err(line_no, 1, format!("geonameid {:?} is not a number", c[0]))
            })?;
            let coord = |k: usize, range: std::ops::RangeInclusive<f64>, what: &str| {
                c[k].parse::<f64>()
                    .ok()
                    .filter(|v| range.contains(v))
                    .ok_or_else(|| {
                        row_err(
                            line_no,
                            k + 1,
                            format!("{what} {:?} is not a coordinate", c[k]),
                        )
                    })
            };
            let lat = coord(4, -90.0..=90.0, "latitude")?;
            let lon = coord(5, -180.0..=180.0, "longitude")?;
            let country = c[8].to_ascii_uppercase();
            if !self.wants_country(&country) {
                continue;
            }
            let population = c[14].parse().unwrap_or(0);
            let Some(feature) = feature_of(c[6], c[7], population) else {
                continue;
            };
            let admin1 = admin1_names
                .get(format!("{country}.{}", c[10]).as_str())
                .map(|s| s.to_string());
            let mut names: Vec<String> = vec![c[1].to_string()];
            names.extend(
                c[3].split(',')
                    .filter(|n| useful_name(n))
                    .map(|n| n.trim().to_string()),
            );
            names.sort();
            names.dedup();
            let name_ar = names
                .iter()
                .find(|n| n.chars().any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)))
                .cloned()
                .unwrap_or_default();
            let place = Place {
                id: format!("gn:{id}"),
                name_en: c[1].to_string(),
                name_ar,
                feature,
                country,
                admin1: admin1.or_else(|| (feature == Feature::Admin1).then(|| c[2].to_string())),
                admin2: None,
                lat,
                lon,
            };
            staged.push((
                Entry {
                    place: Arc::new(place),
                    source: self.next_source(),
                    population,
                },
                names,
                id,
            ));
        }
        if let Some((alt, alt_origin)) = alternates {
            let wanted: HashSet<u64> = staged.iter().map(|s| s.2).collect();
            let mut more: HashMap<u64, Vec<String>> = HashMap::new();
            let mut lines = Lines::new(alt, alt_origin);
            while let Some((_, l)) = lines.next_line()? {
                let c: Vec<&str> = l.splitn(5, '\t').collect();
                if c.len() < 4
                    || matches!(
                        c[2],
                        "link" | "post" | "iata" | "icao" | "faac" | "wkdt" | "unlc"
                    )
                {
                    continue;
                }
                if let Ok(id) = c[1].parse::<u64>() {
                    if wanted.contains(&id) && useful_name(c[3]) {
                        more.entry(id).or_default().push(c[3].trim().to_string());
                    }
                }
            }
            for (entry, names, id) in &mut staged {
                if let Some(extra) = more.remove(id) {
                    names.extend(extra);
                    names.sort();
                    names.dedup();
                    if entry.place.name_ar.is_empty() {
                        if let Some(ar) = names
                            .iter()
                            .find(|n| n.chars().any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)))
                        {
                            let mut p = (*entry.place).clone();
                            p.name_ar = ar.clone();
                            entry.place = Arc::new(p);
                        }
                    }
                }
            }
        }
        let mut n = 0;
        for (entry, names, _) in staged {
            if let Some(v) = self.push_entry(entry) {
                for name in &names {
                    self.index.insert_alias(name, v);
                }
                n += 1;
            }
        }
        Ok(n)
    }

    /// Add a GeoNames dump file, with `admin1CodesASCII.txt` and `alternateNamesV2.txt` taken
    /// from the same folder when they are there. All three are read line by line.
    pub fn add_geonames_file(&mut self, path: &Path) -> Result<usize, GazetteerError> {
        let open = |p: &Path| {
            std::fs::File::open(p)
                .map(|f| std::io::BufReader::with_capacity(1 << 20, f))
                .map_err(|source| {
                    GazetteerError::File(rasid_core::tsv::FileError::Io {
                        path: p.display().to_string(),
                        source,
                    })
                })
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let admin1 = dir.join("admin1CodesASCII.txt");
        let admin1 = if admin1.exists() {
            Some(rasid_core::tsv::read_file(&admin1)?)
        } else {
            None
        };
        let alt_path = dir.join("alternateNamesV2.txt");
        let alt_shown = alt_path.display().to_string();
        let alternates = if alt_path.exists() {
            Some((open(&alt_path)?, alt_shown.as_str()))
        } else {
            None
        };
        let n = self.add_geonames_reader(
            open(path)?,
            &path.display().to_string(),
            admin1.as_deref(),
            alternates,
        )?;
        self.finish_source();
        Ok(n)
    }
}

/// Whether the file at `path` starts like a GeoNames dump (reads only its first lines).
pub fn file_looks_like_geonames(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let ok = std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok();
    let head = match std::str::from_utf8(&head) {
        Ok(s) => s,
        // the 4 KB cut may split a character
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    ok && looks_like_geonames(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A small dump written for this test in the GeoNames format (ids and figures invented).
    const DUMP: &str = "900001\tAl Mayadin\tAl Mayadin\tMayadin,Al-Mayadeen,الميادين\t35.0196\t40.4519\tP\tPPLA2\tSY\t\t09\t\t\t\t44000\t\t190\tAsia/Damascus\t2024-01-01\n\
900002\tHajin\tHajin\tHadschin,هجين\t34.6924\t40.8322\tP\tPPL\tSY\t\t09\t\t\t\t37000\t\t180\tAsia/Damascus\t2024-01-01\n\
900003\tSome Hotel\tSome Hotel\t\t35.0\t40.0\tS\tHTL\tSY\t\t09\t\t\t\t0\t\t0\tAsia/Damascus\t2024-01-01\n";
    const ADMIN1: &str = "SY.09\tDayr az Zawr\tDeir ez-Zor\t170792\n";
    const ALTERNATES: &str = "1\t900002\tar\tبلدة هجين\t\t\t\t\t\t\n2\t900002\tlink\thttps://example.invalid\t\t\t\t\t\t\n";

    #[test]
    fn a_geonames_dump_loads_with_provinces_and_alternate_names() {
        assert!(looks_like_geonames(DUMP));
        assert!(!looks_like_geonames("id\tname_en\n"));
        let mut b = GazetteerBuilder::new();
        let n = b
            .add_geonames_str(DUMP, "SY.txt", Some(ADMIN1), Some(ALTERNATES))
            .unwrap();
        assert_eq!(n, 2, "the hotel is not a place events happen at");
        let g = b.build();
        let text = "اشتباكات في الميادين وبلدة هجين";
        let found = g.find(text, &rasid_text::tokenize(text));
        let ids: Vec<&str> = found.iter().map(|m| m.place.id.as_str()).collect();
        assert_eq!(ids, ["gn:900001", "gn:900002"]);
        assert_eq!(found[0].place.admin1.as_deref(), Some("Deir ez-Zor"));
        assert_eq!(found[0].place.feature, Feature::Town);
        assert_eq!(
            g.lookup("بلدة هجين")[0].place.id,
            "gn:900002",
            "an alternate name"
        );
    }

    #[test]
    fn countries_filter_and_legacy_encodings() {
        let mut b = GazetteerBuilder::new();
        b.keep_countries(&["iq"]);
        assert_eq!(b.add_geonames_str(DUMP, "SY.txt", None, None).unwrap(), 0);
        let mut bytes = DUMP.as_bytes().to_vec();
        // the second row's name in windows-1256 instead of UTF-8
        let at = DUMP.find("Hajin").unwrap() + 1;
        bytes[at] = 0xE5;
        let e = GazetteerBuilder::new()
            .add_geonames_reader(&bytes[..], "SY.txt", None, None::<(&[u8], &str)>)
            .unwrap_err();
        assert_eq!(e.to_string(), "SY.txt:2: column 9: not UTF-8 text");
    }

    #[test]
    fn bad_rows_name_file_line_and_column() {
        let mut b = GazetteerBuilder::new();
        let bad = DUMP.replace("35.0196", "north");
        let e = b.add_geonames_str(&bad, "SY.txt", None, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "SY.txt:1: column 5: latitude \"north\" is not a coordinate"
        );
        let e = b
            .add_geonames_str("900001\tX\n", "SY.txt", None, None)
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("SY.txt:1: column 2: expected 19 columns"),
            "{e}"
        );
    }
}
