//! Finding places in text and choosing among same-named places.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rasid_core::{Feature, Mention, Place, PlaceCandidate, PlaceMention, Span};
use rasid_text::{match_key, PhraseIndex, PhraseMatch, Token, TokenKind};

use crate::load::Entry;

/// An immutable gazetteer: places and the index of their names. `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    index: PhraseIndex<u32>,
    common: HashSet<String>,
}

/// A region derived from a place: its countryside (ريف X), its desert (بادية X), or one bank
/// of a river (الضفة الشرقية لنهر الفرات).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RegionKind {
    Countryside,
    Desert,
    Bank,
}

/// What a cue word before a name says about the place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// مدينة / city
    City,
    /// بلدة / town
    Town,
    /// قرية / village
    Village,
    /// محافظة / province
    Province,
    /// منطقة، قضاء / district
    District,
    /// ناحية / subdistrict
    Subdistrict,
    /// حي / neighbourhood
    Quarter,
    /// مخيم / camp
    Camp,
    /// مطار، قاعدة / airport, base
    Base,
    /// ريف / countryside (the place is a city or province)
    Countryside,
    /// قرب، في محيط، شرق… : a place follows, of any kind
    Any,
}

fn cue_of(key: &str) -> Option<Cue> {
    Some(match key {
        "مدينه" | "city" => Cue::City,
        "بلده" | "بلدات" | "town" => Cue::Town,
        "قريه" | "قري" | "village" => Cue::Village,
        "محافظه" | "province" | "governorate" => Cue::Province,
        "منطقه" | "قضاء" | "district" => Cue::District,
        "ناحيه" | "subdistrict" => Cue::Subdistrict,
        "حي" | "احياء" | "neighbourhood" | "neighborhood" => Cue::Quarter,
        "مخيم" | "camp" => Cue::Camp,
        "مطار" | "قاعده" | "airport" | "base" => Cue::Base,
        "ريف" | "بادية" | "باديه" => Cue::Countryside,
        "قرب" | "محيط" | "اطراف" | "شرق" | "غرب" | "شمال" | "جنوب" | "شرقي" | "غربي" | "شمالي"
        | "جنوبي" | "بين" | "مركز" | "near" | "outside" | "around" | "in" | "from" | "to" => {
            Cue::Any
        }
        _ => return None,
    })
}

fn cue_fits(cue: Cue, f: Feature) -> bool {
    use Feature::*;
    match cue {
        Cue::City => matches!(f, City | Town | Admin2),
        Cue::Town => matches!(f, Town | Village | City | Admin3),
        Cue::Village => matches!(f, Village | Town),
        Cue::Province => f == Admin1,
        Cue::District => matches!(f, Admin2 | Region),
        Cue::Subdistrict => f == Admin3,
        Cue::Quarter => f == Neighbourhood,
        Cue::Camp => f == Camp,
        Cue::Base => matches!(f, Airport | MilitaryBase),
        Cue::Countryside => matches!(f, Admin1 | City | Town | Admin2),
        Cue::Any => true,
    }
}

/// How prominent a feature is when nothing else decides (a bare "الرقة" is the city).
fn prominence(f: Feature) -> f64 {
    use Feature::*;
    match f {
        City => 3.0,
        Country => 2.8,
        Admin1 => 2.6,
        Town => 2.2,
        MilitaryBase | Airport | Camp | BorderCrossing | Facility | Dam => 2.0,
        Region | River | Mountain => 1.9,
        Admin2 => 1.8,
        Village => 1.5,
        Admin3 => 1.4,
        Neighbourhood => 1.2,
    }
}

/// What a place scores before any context: how prominent its kind is, whether rasid's curated
/// data has it, how many people live there.
fn base_score(e: &Entry) -> f64 {
    prominence(e.place.feature)
        + if e.source == 0 { 1.5 } else { 0.0 }
        + (e.population as f64 + 1.0).log10() * 0.2
}

fn km(a: &Place, b: &Place) -> f64 {
    rasid_core::km((a.lat, a.lon), (b.lat, b.lon))
}

/// The region `kind` of `place` ("ريف X الشرقي", "بادية X", "الضفة الشرقية لنهر X"), written
/// `written` in the text, towards direction `dir` (an index of [`DIRECTIONS`]).
fn derived_region(place: &Place, written: &str, dir: Option<usize>, kind: RegionKind) -> Place {
    let d = dir.map(|d| DIRECTIONS[d]);
    let (id, name_en, name_ar, (dlat, dlon)) = match kind {
        RegionKind::Bank => {
            let d = d.unwrap_or(DIRECTIONS[0]);
            let river = place.name_en.trim_end_matches(" River");
            let side = d.1.to_lowercase();
            (
                format!("{}#bank-{side}", place.id),
                format!("{river} {} bank", side.trim_end_matches("ern")),
                written.to_string(),
                // a bank runs the river's length: its point stays the river's
                (0.0, 0.0),
            )
        }
        RegionKind::Countryside | RegionKind::Desert => {
            let base = place.name_en.trim_end_matches(" Governorate");
            let (noun_en, noun_ar) = if kind == RegionKind::Desert {
                ("desert", "بادية")
            } else {
                ("countryside", "ريف")
            };
            let (en, ar_dir) = match d {
                Some((ar, en, _, _)) => (format!("{en} {base} {noun_en}"), format!(" {ar}")),
                None => (format!("{base} {noun_en}"), String::new()),
            };
            (
                format!(
                    "{}#{noun_en}{}",
                    place.id,
                    d.map(|d| format!("-{}", d.1.to_lowercase()))
                        .unwrap_or_default()
                ),
                en,
                format!("{noun_ar} {}{}", place.name_ar, ar_dir),
                d.map(|d| (d.2, d.3)).unwrap_or((0.0, 0.0)),
            )
        }
    };
    Place {
        id,
        name_en,
        name_ar,
        feature: Feature::Region,
        country: place.country.clone(),
        admin1: place.admin1.clone(),
        admin2: None,
        lat: place.lat + dlat,
        lon: place.lon + dlon,
    }
}

const DIRECTIONS: &[(&str, &str, f64, f64)] = &[
    ("الشرقي", "Eastern", 0.0, 0.3),
    ("الغربي", "Western", 0.0, -0.3),
    ("الشمالي", "Northern", 0.3, 0.0),
    ("الجنوبي", "Southern", -0.3, 0.0),
    ("الشرقيه", "Eastern", 0.0, 0.3),
    ("الغربيه", "Western", 0.0, -0.3),
    ("الشماليه", "Northern", 0.3, 0.0),
    ("الجنوبيه", "Southern", -0.3, 0.0),
];

/// A name found in text with the places it may be.
struct Found {
    m: PhraseMatch,
    cue: Option<Cue>,
    /// Start token of the cue when the mention should include it (ريف … الشرقي).
    region: Option<(Span, Option<usize>, RegionKind)>,
    candidates: Vec<usize>,
    /// Candidates whose own name is the whole mention ("بادية حمص" the region, not حمص).
    whole: Vec<usize>,
}

/// A word key as written, without its proclitics, and without its article.
fn word_forms(key: &str) -> impl Iterator<Item = String> + '_ {
    let mut forms = vec![key.to_string()];
    for p in [
        "وبال", "وال", "بال", "فال", "كال", "لل", "وب", "ول", "و", "ف", "ب", "ل", "ك",
    ] {
        if let Some(rest) = key.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                let rest = if p.ends_with("ال") || p == "لل" {
                    format!("ال{rest}")
                } else {
                    rest.to_string()
                };
                forms.push(rest);
            }
        }
    }
    let bare: Vec<String> = forms
        .iter()
        .filter_map(|f| f.strip_prefix("ال").map(String::from))
        .collect();
    forms.extend(bare);
    forms.into_iter()
}

fn strip_clitic(key: &str) -> &str {
    for p in ["وب", "ول", "وفي", "و", "ف", "ب", "ل", "ك"] {
        if let Some(rest) = key.strip_prefix(p) {
            if cue_of(rest).is_some() {
                return rest;
            }
        }
    }
    key
}

impl Gazetteer {
    pub(crate) fn from_parts(
        entries: Vec<Entry>,
        index: PhraseIndex<u32>,
        common: HashSet<String>,
    ) -> Gazetteer {
        Gazetteer {
            entries,
            index,
            common,
        }
    }

    /// rasid's embedded gazetteer.
    pub fn embedded() -> Gazetteer {
        crate::GazetteerBuilder::embedded().build()
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every place, in load order.
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.entries.iter().map(|e| &*e.place)
    }

    /// A place by id.
    pub fn get(&self, id: &str) -> Option<&Arc<Place>> {
        self.entries.iter().map(|e| &e.place).find(|p| p.id == id)
    }

    /// Every place named `name` (any of its names or variants, clitics allowed), with the
    /// score it gets from the name alone (feature, curated or not, population), best first.
    pub fn lookup(&self, name: &str) -> Vec<PlaceCandidate> {
        let toks = rasid_text::tokenize(name);
        let Some(m) = self
            .index
            .matches_at(name, &toks, 0)
            .into_iter()
            .find(|m| m.tokens.end == toks.len())
        else {
            return Vec::new();
        };
        let mut out: Vec<PlaceCandidate> = m
            .values
            .iter()
            .map(|&v| {
                let e = &self.entries[*self.index.value(v) as usize];
                PlaceCandidate {
                    place: e.place.clone(),
                    score: base_score(e) as f32,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.place.id.cmp(&b.place.id))
        });
        out
    }

    fn word_key(tokens: &[Token], i: usize) -> Option<&str> {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.key.as_str())
    }

    /// Find and resolve every place named in `tokens` of `text`, in text order.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
        let mut found: Vec<Found> = Vec::new();
        for m in self.index.find(text, tokens) {
            let start = m.tokens.start;
            let prev = start
                .checked_sub(1)
                .and_then(|i| Self::word_key(tokens, i))
                .map(strip_clitic);
            let mut cue = prev.and_then(cue_of);
            // a cue after the name ("Deir ez-Zor province") is never part of it
            let mut cue_after = false;
            if !m.clitic.is_empty() && cue.is_none() {
                // a glued preposition: بحديثة = in Haditha
                let c = m.clitic.slice(text);
                if c.ends_with('ب') || c.ends_with('ل') {
                    cue = Some(Cue::Any);
                }
            }
            // English: "Hasakah province", "the village of X"
            let next = Self::word_key(tokens, m.tokens.end);
            if let Some(c) = next
                .and_then(cue_of)
                .filter(|c| matches!(c, Cue::Province | Cue::City | Cue::District))
            {
                if next.is_some_and(|w| w.is_ascii()) {
                    cue = Some(c);
                    cue_after = true;
                }
            }
            // a glued clitic reading of an ordinary word is no place (وزارة is not و + زارة)
            if !m.clitic.is_empty() && rasid_text::is_common_word(&tokens[start].key) {
                continue;
            }
            let words = m.span.slice(text);
            let key = match_key(words);
            let ascii = key.is_ascii();
            // English names are capitalised, after an article prefix ("al-Qaim", "el-Arish")
            let head = [
                "al-", "el-", "as-", "ad-", "ar-", "an-", "ash-", "az-", "at-", "ath-",
            ]
            .iter()
            .find_map(|p| words.strip_prefix(p))
            .unwrap_or(words);
            if ascii && !head.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            // the cue words themselves ("مدينة", "المدينة") are never the name
            if m.tokens.len() == 1 && cue_of(strip_clitic(&tokens[start].key)).is_some() {
                continue;
            }
            // an ordinary word (also with its clitics: "للصليب", "للدخول") names a place only
            // after a word that says what kind of place follows (مدينة، قرية، بلدة…)
            let common = m.tokens.len() == 1
                && word_forms(&tokens[start].key).any(|w| self.common.contains(w.as_str()));
            let typed_cue = cue.is_some_and(|c| c != Cue::Any);
            if common && !typed_cue {
                continue;
            }
            let mut candidates: Vec<usize> = m
                .values
                .iter()
                .map(|&v| *self.index.value(v) as usize)
                .collect();
            // the villages of a large run-time gazetteer carry names like جلال, طلال, محطة:
            // a one-word name that only such villages bear needs a typed cue or a place named
            // right after it ("X بريف Y")
            let minor = |i: &usize| {
                let e = &self.entries[*i];
                e.source > 0 && matches!(e.place.feature, Feature::Village | Feature::Neighbourhood)
            };
            // (so does a longer name that opens with a given name: "كاظم جواد")
            let opens_with_word =
                word_forms(&tokens[start].key).any(|w| self.common.contains(w.as_str()));
            if (m.tokens.len() == 1 || opens_with_word)
                && !typed_cue
                && candidates.iter().all(minor)
            {
                let located = (m.tokens.end..(m.tokens.end + 3).min(tokens.len())).any(|j| {
                    Self::word_key(tokens, j).is_some_and(|w| {
                        matches!(
                            cue_of(strip_clitic(w)),
                            Some(Cue::Countryside | Cue::Province | Cue::District | Cue::Any)
                        )
                    })
                });
                if !located {
                    continue;
                }
            }
            let whole = if m.tokens.len() >= 2 {
                candidates.clone()
            } else {
                Vec::new()
            };
            // "قرية الجديدة" may be one gazetteer name, or the cue قرية before the name الجديدة,
            // which many villages share: weigh all of them
            if m.tokens.len() >= 2 {
                if let Some(inner_cue) = cue_of(strip_clitic(&tokens[start].key)) {
                    let inner = self
                        .index
                        .matches_at(text, tokens, start + 1)
                        .into_iter()
                        .find(|x| x.tokens.end == m.tokens.end);
                    if let Some(inner) = inner {
                        candidates
                            .extend(inner.values.iter().map(|&v| *self.index.value(v) as usize));
                        candidates.sort_unstable();
                        candidates.dedup();
                        cue = cue.or(Some(inner_cue));
                    }
                }
            }
            if let Some(c) = cue {
                let fitting: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&i| {
                        cue_fits(c, self.entries[i].place.feature)
                            || (whole.contains(&i) && !cue_after)
                    })
                    .collect();
                if !fitting.is_empty() {
                    candidates = fitting;
                } else if common {
                    continue;
                }
            }
            // ريف X (الشرقي)? / بادية X
            let mut region = None;
            let cue_before = prev.and_then(cue_of) == Some(Cue::Countryside);
            if cue == Some(Cue::Countryside) && cue_before {
                let cue_tok = &tokens[start - 1];
                let cue_start = cue_tok.span.start
                    + (cue_tok.key.len() - prev.unwrap_or("").len()).min(cue_tok.span.len());
                let cue_start = if text.is_char_boundary(cue_start) {
                    cue_start
                } else {
                    cue_tok.span.start
                };
                let dir = Self::word_key(tokens, m.tokens.end)
                    .and_then(|w| DIRECTIONS.iter().position(|d| d.0 == w));
                let end = match dir {
                    Some(_) => tokens[m.tokens.end].span.end,
                    None => m.span.end,
                };
                let kind = if prev.is_some_and(|p| p.starts_with("بادي")) {
                    RegionKind::Desert
                } else {
                    RegionKind::Countryside
                };
                region = Some((Span::new(cue_start, end), dir, kind));
            }
            // "الضفة الشرقية لنهر الفرات": one bank of a river
            let river = candidates
                .iter()
                .any(|&i| self.entries[i].place.feature == Feature::River);
            if region.is_none() && river && start >= 2 {
                let dir = Self::word_key(tokens, start - 1)
                    .and_then(|w| DIRECTIONS.iter().position(|d| d.0 == w));
                let bank = Self::word_key(tokens, start - 2)
                    .map(strip_clitic)
                    .is_some_and(|w| matches!(w, "الضفه" | "ضفه"));
                if let (Some(dir), true) = (dir, bank) {
                    candidates.retain(|&i| self.entries[i].place.feature == Feature::River);
                    let t = &tokens[start - 2];
                    let clitic = t.key.len() - strip_clitic(&t.key).len();
                    let begin = (t.span.start + clitic).min(t.span.end);
                    let begin = if text.is_char_boundary(begin) {
                        begin
                    } else {
                        t.span.start
                    };
                    region = Some((Span::new(begin, m.span.end), Some(dir), RegionKind::Bank));
                }
            }
            found.push(Found {
                whole,
                m,
                cue,
                region,
                candidates,
            });
        }
        // Context: places whose reading is certain, for votes and distances.
        let mut admin1_votes: HashMap<&str, f64> = HashMap::new();
        let mut anchors: Vec<&Place> = Vec::new();
        for f in &found {
            let places: Vec<&Place> = f
                .candidates
                .iter()
                .map(|&i| &*self.entries[i].place)
                .collect();
            if let Some(first) = places.first() {
                if places.iter().all(|p| p.admin1 == first.admin1) {
                    if let Some(a) = &first.admin1 {
                        *admin1_votes.entry(a.as_str()).or_default() += 1.0;
                    }
                }
                if places.len() == 1 {
                    anchors.push(first);
                }
            }
        }
        let total_votes: f64 = admin1_votes.values().sum::<f64>().max(1.0);
        // for each name, the provinces of its town-or-larger readings, and how many names have
        // one in each province (a quarter needs its city or province named elsewhere)
        let town_admin1: Vec<HashSet<&str>> = found
            .iter()
            .map(|g| {
                g.candidates
                    .iter()
                    .map(|&i| &*self.entries[i].place)
                    .filter(|q| q.feature.fineness() < 8)
                    .filter_map(|q| q.admin1.as_deref())
                    .collect()
            })
            .collect();
        let mut town_mentions: HashMap<&str, usize> = HashMap::new();
        for set in &town_admin1 {
            for a in set {
                *town_mentions.entry(a).or_default() += 1;
            }
        }
        let mut out = Vec::with_capacity(found.len());
        for (k, f) in found.iter().enumerate() {
            // places named right next to this one ("الشعفة بريف دير الزور")
            let neighbours: Vec<&Place> = found[k.saturating_sub(3)..(k + 4).min(found.len())]
                .iter()
                .filter(|g| !std::ptr::eq(*g, f) && g.m.span.gap(f.m.span) < 120)
                .flat_map(|g| g.candidates.iter().map(|&i| &*self.entries[i].place))
                .collect();
            // a district or subdistrict named like its seat town is the town, unless a cue
            // says district (منطقة، ناحية، district)
            let has_town = f.candidates.iter().any(|&i| {
                matches!(
                    self.entries[i].place.feature,
                    Feature::City | Feature::Town | Feature::Village
                )
            });
            let unit_cue = matches!(f.cue, Some(Cue::District | Cue::Subdistrict));
            let score = |i: usize| -> f64 {
                let e = &self.entries[i];
                let p = &*e.place;
                let mut s = base_score(e);
                if has_town && !unit_cue && matches!(p.feature, Feature::Admin2 | Feature::Admin3) {
                    s -= 2.0;
                }
                if f.whole.contains(&i) {
                    s += 6.0;
                }
                if let Some(c) = f.cue {
                    if c != Cue::Any && cue_fits(c, p.feature) {
                        s += 2.0;
                    }
                }
                if let Some(a) = &p.admin1 {
                    s += 2.0 * admin1_votes.get(a.as_str()).copied().unwrap_or(0.0) / total_votes;
                }
                // distances say something only between point-like places: a province's
                // centroid is far from its own towns and near others'
                if f.candidates.len() > 1 && p.feature.fineness() > 2 {
                    // the same place named again nearby ("العاصمة الليبية طرابلس") counts, at 0 km
                    let nearest = neighbours
                        .iter()
                        .filter(|n| n.feature.fineness() > 2)
                        .map(|n| km(n, p))
                        .fold(f64::MAX, f64::min);
                    if nearest < 60.0 {
                        s += 3.5;
                    } else if nearest < 120.0 {
                        s += 1.5;
                    }
                    if anchors.iter().any(|n| km(n, p) < 100.0) {
                        s += 1.0;
                    }
                }
                s
            };
            let mut ranked: Vec<(usize, f64)> =
                f.candidates.iter().map(|&i| (i, score(i))).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let Some(&(best, best_score)) = ranked.first() else {
                continue;
            };
            let alternatives: Vec<PlaceCandidate> = ranked[1..]
                .iter()
                .take(4)
                .map(|&(i, sc)| PlaceCandidate {
                    place: self.entries[i].place.clone(),
                    score: sc as f32,
                })
                .collect();
            // "قرب X", "شرق X": near the place, not at it
            let near =
                f.m.tokens
                    .start
                    .checked_sub(1)
                    .and_then(|i| Self::word_key(tokens, i))
                    .map(strip_clitic)
                    .is_some_and(|w| {
                        matches!(
                            w,
                            "قرب"
                                | "محيط"
                                | "اطراف"
                                | "شرق"
                                | "غرب"
                                | "شمال"
                                | "جنوب"
                                | "near"
                                | "outside"
                                | "around"
                        )
                    });
            let place = &self.entries[best].place;
            // a quarter or a building ("ساحة الميدان", "الجسر العتيق") means something only in a
            // story that also names its city or province
            if matches!(place.feature, Feature::Neighbourhood | Feature::Facility) {
                let own =
                    usize::from(town_admin1[k].contains(&place.admin1.as_deref().unwrap_or("")));
                let city_named = place
                    .admin1
                    .as_deref()
                    .is_some_and(|a| town_mentions.get(a).copied().unwrap_or(0) > own);
                if !city_named {
                    continue;
                }
            }
            match f.region {
                Some((span, dir, kind)) => {
                    let derived = derived_region(place, span.slice(text), dir, kind);
                    out.push(PlaceMention {
                        place: Arc::new(derived),
                        mention: Mention::from_text(text, span),
                        geo_precision: 2,
                        score: best_score as f32,
                        alternatives,
                    });
                }
                None => out.push(PlaceMention {
                    place: place.clone(),
                    mention: Mention::from_text(text, f.m.span),
                    geo_precision: if near {
                        place.feature.geo_precision().max(2)
                    } else {
                        place.feature.geo_precision()
                    },
                    score: best_score as f32,
                    alternatives,
                }),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GazetteerBuilder;
    use rasid_text::tokenize;

    fn small() -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        b.add_tsv_str(
            "id\tname_en\tname_ar\talt_names\tfeature\tcountry\tadmin1\tadmin2\tlat\tlon\n\
             t:dz\tDeir ez-Zor\tدير الزور\tDeir Ezzor\tadmin1\tSY\tDeir ez-Zor\t\t35.3\t40.1\n\
             t:dzc\tDeir ez-Zor\tدير الزور\t\tcity\tSY\tDeir ez-Zor\tDeir ez-Zor\t35.33\t40.14\n\
             t:hadhitha\tHaditha\tحديثة\t\ttown\tIQ\tAnbar\tHaditha\t34.13\t42.37\n\
             t:j1\tJdeideh\tجديدة\t\tvillage\tSY\tIdlib\tHarim\t36.1\t36.6\n\
             t:j2\tJdeideh\tجديدة\t\tvillage\tSY\tDeir ez-Zor\tMayadin\t35.0\t40.5\n\
             t:mayadin\tMayadin\tالميادين\t\tcity\tSY\tDeir ez-Zor\tMayadin\t35.02\t40.45\n",
            "test.tsv",
        )
        .unwrap();
        b.add_common_words("حديثة\n");
        b.build()
    }

    fn find(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find(text, &tokenize(text))
            .into_iter()
            .map(|m| (m.mention.text, m.place.id.clone()))
            .collect()
    }

    #[test]
    fn common_words_need_a_cue() {
        let g = small();
        assert!(find(&g, "في تطورات حديثة قال المسؤول").is_empty());
        assert_eq!(
            find(&g, "سيطر على مدينة حديثة"),
            [("حديثة".to_string(), "t:hadhitha".to_string())]
        );
    }

    #[test]
    fn countryside_with_direction_is_a_derived_region() {
        let g = small();
        let got = g.find("بريف ديرالزور الشرقي", &tokenize("بريف ديرالزور الشرقي"));
        assert_eq!(got[0].mention.text, "ريف ديرالزور الشرقي");
        assert_eq!(got[0].place.name_en, "Eastern Deir ez-Zor countryside");
        assert_eq!(got[0].geo_precision, 2);
    }

    #[test]
    fn ambiguous_names_follow_their_neighbours() {
        let g = small();
        assert_eq!(find(&g, "في قرية جديدة قرب الميادين")[0].1, "t:j2");
        assert_eq!(find(&g, "قصف مدينة دير الزور")[0].1, "t:dzc");
        assert_eq!(find(&g, "محافظة دير الزور")[0].1, "t:dz");
    }

    #[test]
    fn gazetteer_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
    }
}
