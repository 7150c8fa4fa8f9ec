//! Compiled gazetteers: places with their names already turned into index keys, in one
//! binary file that loads in a fraction of the time a TSV or GeoNames dump takes (no
//! tokenizing, no folding, no number parsing).
//!
//! `rasid gazetteer import` writes them; every place of a compiled file is added like the
//! places of the file it came from. Layout (integers little-endian, strings as a `u32` byte
//! length and UTF-8 bytes):
//!
//! ```text
//! magic "RASIDGZ\0" · u32 format version · u64 key fingerprint · u64 body length ·
//! u64 checksum of the body · body
//! body: str description · u32 words · str × words (every distinct word key once) ·
//!       u32 places · per place: str id, name_en, name_ar, feature, country, admin1, admin2
//!       (empty = none) · f64 lat, lon · u64 population · u32 names · per name: u8 words,
//!       u32 word number × words, u8 exact words (0 = none), str × exact, u8 derived
//!       (1 for the joined forms the index derives, stored so loading derives nothing)
//! ```
//!
//! Invariants: the key fingerprint is [`rasid_text::key_fingerprint`] of the rasid that wrote
//! the file; a rasid that folds text differently refuses the file (its keys would not match)
//! and asks for a fresh import. The checksum catches truncated or damaged files, which are
//! rejected whole: a failed load adds nothing.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use rasid_core::{Feature, Place};

use crate::load::{Entry, GazetteerBuilder};
use crate::GazetteerError;

const MAGIC: &[u8; 8] = b"RASIDGZ\0";
const FORMAT: u32 = 3;
const HEADER_LEN: usize = 8 + 4 + 8 + 8 + 8;

/// Whether `path` starts like a compiled gazetteer (unreadable files say no; reading them
/// reports the error).
pub fn is_compiled(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| &head == MAGIC)
}

/// What a compiled file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledSummary {
    pub places: usize,
    pub names: usize,
    pub bytes: usize,
}

/// FNV-1a over 8-byte words (the tail zero-padded), with the length mixed in: catches
/// truncation and damage; not a defence against deliberate tampering.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h ^= u64::from_le_bytes(w);
        h = h.wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    h
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: usize) {
        let v = u32::try_from(v).expect("gazetteer tables stay below 4 G items");
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(format!("truncated at byte {}", HEADER_LEN + self.at));
        };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<usize, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn u64(&mut self) -> Result<u64, String> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    fn f64(&mut self) -> Result<f64, String> {
        Ok(f64::from_bits(self.u64()?))
    }
    fn str(&mut self) -> Result<&'b str, String> {
        let at = HEADER_LEN + self.at;
        let n = self.u32()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| format!("text at byte {at} is not UTF-8"))
    }
}

impl GazetteerBuilder {
    /// Write every place of this builder as a compiled gazetteer; `description` says where
    /// the places came from (shown by tools that read the file).
    pub fn write_compiled(
        &self,
        out: &mut impl Write,
        description: &str,
    ) -> std::io::Result<CompiledSummary> {
        let mut w = Writer(Vec::with_capacity(self.entries.len() * 160));
        w.str(description);
        let phrases = self.index.phrases();
        // number the words the names use, in order of first use
        let mut number: HashMap<u32, usize> = HashMap::new();
        let mut table: Vec<u32> = Vec::new();
        for ph in &phrases {
            for &id in &ph.words {
                number.entry(id).or_insert_with(|| {
                    table.push(id);
                    table.len() - 1
                });
            }
        }
        w.u32(table.len());
        for &id in &table {
            w.str(self.index.word(id));
        }
        w.u32(self.entries.len());
        let mut phrases = phrases.iter().peekable();
        for (i, e) in self.entries.iter().enumerate() {
            let p = &e.place;
            for s in [
                &p.id,
                &p.name_en,
                &p.name_ar,
                p.feature.as_str(),
                &p.country,
                p.admin1.as_deref().unwrap_or(""),
                p.admin2.as_deref().unwrap_or(""),
            ] {
                w.str(s);
            }
            w.f64(p.lat);
            w.f64(p.lon);
            w.u64(e.population);
            let mut mine = Vec::new();
            while let Some(ph) = phrases.next_if(|ph| ph.value == i) {
                mine.push(ph);
            }
            w.u32(mine.len());
            for ph in mine {
                w.u8(ph.words.len() as u8);
                for id in &ph.words {
                    w.u32(number[id]);
                }
                let exact = ph.exact.unwrap_or(&[]);
                w.u8(exact.len() as u8);
                for x in exact {
                    w.str(x);
                }
                w.u8(u8::from(ph.derived));
            }
        }
        let names = self.index.phrases().iter().filter(|p| !p.derived).count();
        let body = w.0;
        let mut head = Vec::with_capacity(HEADER_LEN);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&FORMAT.to_le_bytes());
        head.extend_from_slice(&rasid_text::key_fingerprint().to_le_bytes());
        head.extend_from_slice(&(body.len() as u64).to_le_bytes());
        head.extend_from_slice(&checksum(&body).to_le_bytes());
        out.write_all(&head)?;
        out.write_all(&body)?;
        Ok(CompiledSummary {
            places: self.entries.len(),
            names,
            bytes: head.len() + body.len(),
        })
    }

    /// Add the places of a compiled gazetteer file. Returns how many were added (places whose
    /// id is already known are skipped).
    pub fn add_compiled_file(&mut self, path: &Path) -> Result<usize, GazetteerError> {
        let bytes = std::fs::read(path).map_err(|source| rasid_core::tsv::FileError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.add_compiled_bytes(&bytes, &path.display().to_string())
    }

    /// Add the places of a compiled gazetteer held in memory; `origin` names it in errors.
    /// On error nothing from it is kept.
    pub fn add_compiled_bytes(
        &mut self,
        bytes: &[u8],
        origin: &str,
    ) -> Result<usize, GazetteerError> {
        let err = |message: String| GazetteerError::Compiled {
            path: origin.to_string(),
            message,
        };
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(err("not a compiled rasid gazetteer".into()));
        }
        let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let format = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if format != FORMAT {
            return Err(err(format!(
                "compiled gazetteer format {format}, this rasid reads format {FORMAT}; \
                 compile it again with `rasid gazetteer import`"
            )));
        }
        if word(12) != rasid_text::key_fingerprint() {
            return Err(err("compiled by a rasid that folds names differently; \
                 compile it again with `rasid gazetteer import`"
                .into()));
        }
        let body = &bytes[HEADER_LEN..];
        let sum = checksum(body);
        if word(20) != body.len() as u64 || word(28) != sum {
            return Err(err(format!(
                "damaged or truncated (body of {} bytes, header says {}); \
                 compile it again with `rasid gazetteer import`",
                body.len(),
                word(20)
            )));
        }
        // check everything first, so that a bad body adds nothing
        self.read_body(body, false).map_err(err)?;
        let before = self.len();
        self.read_body(body, true).map_err(err)?;
        self.finish_source();
        Ok(self.len() - before)
    }

    /// Read the body; only with `apply` are its places and names added.
    fn read_body(&mut self, body: &[u8], apply: bool) -> Result<(), String> {
        let mut r = Reader { bytes: body, at: 0 };
        let _description = r.str()?;
        let n_words = r.u32()?;
        let mut words = Vec::new();
        let count = {
            // the place count follows the word table; peek at it to reserve room
            let mut peek = Reader {
                bytes: body,
                at: r.at,
            };
            for _ in 0..n_words {
                peek.str()?;
            }
            peek.u32()?
        };
        if apply {
            words.reserve(n_words);
            self.entries.reserve(count);
            self.ids.reserve(count);
            self.index.reserve(n_words, count, count * 4);
        }
        for _ in 0..n_words {
            let w = r.str()?;
            if w.is_empty() {
                return Err("an empty word key".into());
            }
            if apply {
                words.push(self.index.word_id(w));
            }
        }
        r.u32()?;
        let source = self.next_source();
        let mut ids = Vec::new();
        let mut exact = Vec::new();
        for _ in 0..count {
            let id = r.str()?;
            let name_en = r.str()?;
            let name_ar = r.str()?;
            let feature = r.str()?;
            let feature = Feature::parse_lenient(feature)
                .ok_or_else(|| format!("place {id}: unknown feature {feature:?}"))?;
            let country = r.str()?;
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let (admin1, admin2) = (r.str()?, r.str()?);
            let lat = r.f64()?;
            let lon = r.f64()?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(format!("place {id}: ({lat}, {lon}) is not a coordinate"));
            }
            let population = r.u64()?;
            let value = if apply {
                self.push_entry(Entry {
                    place: Arc::new(Place {
                        id: id.to_string(),
                        name_en: name_en.to_string(),
                        name_ar: name_ar.to_string(),
                        feature,
                        country: country.to_string(),
                        admin1: opt(admin1),
                        admin2: opt(admin2),
                        lat,
                        lon,
                    }),
                    source,
                    population,
                })
            } else {
                None
            };
            for _ in 0..r.u32()? {
                ids.clear();
                for _ in 0..r.u8()? {
                    let k = r.u32()?;
                    if k >= n_words {
                        return Err(format!("place {id}: word number {k} of {n_words}"));
                    }
                    ids.push(words.get(k).copied().unwrap_or(0));
                }
                if ids.is_empty() {
                    return Err(format!("place {id}: a name without words"));
                }
                exact.clear();
                for _ in 0..r.u8()? {
                    let x = r.str()?;
                    if apply {
                        exact.push(x.to_string());
                    }
                }
                let derived = match r.u8()? {
                    0 => false,
                    1 => true,
                    b => return Err(format!("place {id}: derived flag {b}")),
                };
                if let Some(v) = value {
                    let x = (!exact.is_empty()).then_some(&exact[..]);
                    self.index.insert_stored(&ids, x, derived, v);
                }
            }
        }
        if r.at != body.len() {
            return Err(format!("{} bytes after the last place", body.len() - r.at));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str =
        "id\tname_en\tname_ar\talt_names\tfeature\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\n\
t:1\tKhraybah\tخريبة\tKhuraybah|الخريبة\tvillage\tSY\tDeir ez-Zor\tMayadin\t35.1\t40.3\t1200\n\
t:2\tAl-Bab\tالباب\tBab\tcity\tSY\tAleppo\tAl-Bab\t36.37\t37.52\t63000\n\
t:3\tISF base\tقاعدة IS\t\tmilitary_base\tIQ\t\t\t33.1\t44.2\t\n";

    fn compiled() -> Vec<u8> {
        let mut b = GazetteerBuilder::new();
        b.add_tsv_str(TSV, "t.tsv").unwrap();
        let mut out = Vec::new();
        let summary = b.write_compiled(&mut out, "test places").unwrap();
        assert_eq!(summary.places, 3);
        assert_eq!(summary.bytes, out.len());
        out
    }

    #[test]
    fn a_compiled_gazetteer_finds_what_its_source_finds() {
        let mut from_tsv = GazetteerBuilder::new();
        from_tsv.add_tsv_str(TSV, "t.tsv").unwrap();
        let mut from_bin = GazetteerBuilder::new();
        assert_eq!(
            from_bin.add_compiled_bytes(&compiled(), "t.rgz").unwrap(),
            3
        );
        assert_eq!(
            from_bin.index.phrases().len(),
            from_tsv.index.phrases().len()
        );
        for (a, b) in from_bin.entries.iter().zip(&from_tsv.entries) {
            assert_eq!(a.place, b.place);
            assert_eq!(a.population, b.population);
        }
        let (a, b) = (from_tsv.build(), from_bin.build());
        for text in [
            "قصفت المدفعية قرية الخريبة بريف دير الزور",
            "دخلت القوات مدينة الباب",
            "hit a base near Khuraybah",
        ] {
            let toks = rasid_text::tokenize(text);
            let ids = |g: &crate::Gazetteer| -> Vec<String> {
                g.find(text, &toks)
                    .into_iter()
                    .map(|m| m.place.id.clone())
                    .collect()
            };
            assert_eq!(ids(&a), ids(&b), "{text}");
            assert!(!ids(&b).is_empty(), "{text}");
        }
    }

    #[test]
    fn damaged_and_foreign_files_are_refused_whole() {
        let good = compiled();
        let mut b = GazetteerBuilder::new();
        let e = b
            .add_compiled_bytes(&good[..good.len() - 5], "cut.rgz")
            .unwrap_err();
        assert!(
            e.to_string().starts_with("cut.rgz: damaged or truncated"),
            "{e}"
        );
        let mut flipped = good.clone();
        let last = flipped.len() - 20;
        flipped[last] ^= 0x55;
        let e = b.add_compiled_bytes(&flipped, "bad.rgz").unwrap_err();
        assert!(e.to_string().contains("damaged"), "{e}");
        let mut other_keys = good.clone();
        other_keys[12] ^= 1;
        let e = b.add_compiled_bytes(&other_keys, "old.rgz").unwrap_err();
        assert!(e.to_string().contains("folds names differently"), "{e}");
        let e = b.add_compiled_bytes(b"id\tname_en\n", "x.tsv").unwrap_err();
        assert!(
            e.to_string().contains("not a compiled rasid gazetteer"),
            "{e}"
        );
        assert!(b.is_empty(), "nothing from a refused file is kept");
    }

    #[test]
    fn a_well_formed_body_with_bad_values_is_refused() {
        // rewrite the body with an impossible latitude and a correct checksum
        let mut b = GazetteerBuilder::new();
        b.add_tsv_str(TSV, "t.tsv").unwrap();
        let mut p = (*b.entries[0].place).clone();
        p.lat = 95.0;
        b.entries[0].place = Arc::new(p);
        let mut out = Vec::new();
        b.write_compiled(&mut out, "bad").unwrap();
        let e = GazetteerBuilder::new()
            .add_compiled_bytes(&out, "lat.rgz")
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("t:1: (95, 40.3) is not a coordinate"),
            "{e}"
        );
    }
}
