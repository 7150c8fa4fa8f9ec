//! Built-in evaluation: rasid's output scored against gold annotations (the format of
//! `shared/eval/SCHEMA.md`), with the same definitions as the shared `score.py`, so users can
//! measure rasid on their own gold data without Python.
//!
//! Metrics (precision / recall / F1, micro-averaged over documents):
//! * `events.type` — the category alone; `events.core` — category, a compatible place and an
//!   overlapping date range; `events.full` — core and both actors right (either order for
//!   symmetric categories);
//! * `args.*` — over core-matched pairs, the share whose argument is right;
//! * `actors`, `locations` — document-level lists matched by name or alias (gold actors of kind
//!   media/monitor are left out, and predictions naming them);
//! * `modality` — events marked planned, hypothetical or negated, matched by category and status.
//!
//! Only gold events asserted or claimed enter `events.*`. Matching is greedy and one-to-one,
//! best pairs first, exactly as the shared scorer does.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

/// Statuses that count as events happening.
fn real(status: Option<&str>) -> bool {
    matches!(status, None | Some("" | "asserted" | "claimed"))
}
const SYMMETRIC: &[&str] = &["FIGHT", "CONSULT", "AGREE", "COOPERATE"];
const PLACE_KM: f64 = 30.0;
const REPORTER_KINDS: &[&str] = &["media", "monitor", "news_agency"];
const NOISE_WORDS: &[&str] = &[
    "the",
    "governorate",
    "province",
    "city",
    "town",
    "village",
    "district",
    "subdistrict",
    "countryside",
    "region",
    "area",
    "of",
    "forces",
    "force",
    "محافظه",
    "مدينه",
    "بلده",
    "قريه",
    "ريف",
    "منطقه",
    "ناحيه",
    "قوات",
    "تنظيم",
];
const LATIN_ARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "es", "er",
];

fn is_scorer_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}')
}

/// A name folded to a comparable key: case, Arabic letter variants, diacritics, noise words,
/// articles and spaces.
pub fn name_key(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .collect::<String>()
        .to_lowercase()
        .chars()
        .filter(|c| !is_scorer_mark(*c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            '’' | '‘' => '\'',
            c => c,
        })
        .map(|c| {
            if "\"'`«»“”()[]{}.,،؛:;!?-_/".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let raw: Vec<&str> = folded.split_whitespace().collect();
    let mut words = String::new();
    for (i, w) in raw.iter().enumerate() {
        if NOISE_WORDS.contains(w) || (LATIN_ARTICLES.contains(w) && i + 1 < raw.len()) {
            continue;
        }
        words.push_str(w);
    }
    words.replace("ال", "")
}

/// Every comparable key of an actor or place given as a string or an object.
fn names_of(x: &Value) -> HashSet<String> {
    let mut keys = HashSet::new();
    match x {
        Value::String(s) => {
            keys.insert(name_key(s));
        }
        Value::Object(o) => {
            for f in [
                "name",
                "name_en",
                "name_ar",
                "canonical",
                "canonical_name",
                "label",
                "mention",
                "text",
            ] {
                if let Some(Value::String(v)) = o.get(f) {
                    keys.insert(name_key(v));
                }
            }
            for f in ["aliases", "alt", "alt_names", "mentions"] {
                match o.get(f) {
                    Some(Value::String(v)) => {
                        keys.insert(name_key(v));
                    }
                    Some(Value::Array(a)) => {
                        keys.extend(a.iter().filter_map(Value::as_str).map(name_key));
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    keys.remove("");
    keys
}

fn coords(x: &Value) -> Option<(f64, f64)> {
    let o = x.as_object()?;
    let (lat, lon) = match (o.get("lat"), o.get("lon")) {
        (Some(a), Some(b)) if a.is_number() && b.is_number() => (a, b),
        _ => {
            let p = o.get("point")?.as_object()?;
            (p.get("lat")?, p.get("lon")?)
        }
    };
    Some((lat.as_f64()?, lon.as_f64()?))
}

fn parse_day(v: Option<&Value>) -> Option<(i32, u32, u32)> {
    let s = v?.as_str()?;
    let mut parts = s.splitn(3, '-');
    let y: i32 = parts.next()?.get(..4)?.parse().ok()?;
    let m: u32 = parts.next().map_or(Some(1), |p| p.get(..2)?.parse().ok())?;
    let d: u32 = parts.next().map_or(Some(1), |p| p.get(..2)?.parse().ok())?;
    rasid_core::Date::new(y as i16, m as i8, d as i8).ok()?;
    Some((y, m, d))
}

type Day = (i32, u32, u32);

fn date_range(ev: &Value) -> Option<(Day, Day)> {
    let mut start = ev.get("date_start").filter(|v| !v.is_null());
    let mut end = ev.get("date_end").filter(|v| !v.is_null());
    match ev.get("date") {
        Some(d @ Value::Object(_)) => {
            start = start.or(d.get("start")).or(d.get("date_start"));
            end = end.or(d.get("end")).or(d.get("date_end"));
        }
        Some(d @ Value::String(_)) => start = start.or(Some(d)),
        _ => {}
    }
    let (s, e) = (parse_day(start), parse_day(end));
    match (s, e) {
        (Some(s), Some(e)) => Some((s, e)),
        (Some(s), None) => Some((s, s)),
        (None, Some(e)) => Some((e, e)),
        (None, None) => None,
    }
}

fn status_of(ev: &Value) -> Option<String> {
    ev.get("status")
        .or_else(|| ev.get("modality"))
        .and_then(Value::as_str)
        .map(str::to_lowercase)
}

fn field<'v>(ev: &'v Value, k: &str) -> Option<&'v Value> {
    ev.get(k).filter(|v| !v.is_null())
}

/// One gold document's entities, indexed for matching.
struct GoldDoc<'g> {
    id: String,
    actors: Vec<&'g Value>,
    locations: Vec<&'g Value>,
    events: Vec<&'g Value>,
    actor_keys: HashMap<String, HashSet<String>>,
    place: HashMap<String, &'g Value>,
}

impl<'g> GoldDoc<'g> {
    fn new(g: &'g Value) -> GoldDoc<'g> {
        let gold = g.get("gold");
        let list = |k: &str| -> Vec<&'g Value> {
            gold.and_then(|v| v.get(k))
                .and_then(Value::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        };
        let (actors, persons, locations, events) = (
            list("actors"),
            list("persons"),
            list("locations"),
            list("events"),
        );
        let mut actor_keys: HashMap<String, HashSet<String>> = HashMap::new();
        for a in actors.iter().chain(&persons) {
            let ks = names_of(a);
            for k in &ks {
                actor_keys
                    .entry(k.clone())
                    .or_default()
                    .extend(ks.iter().cloned());
            }
        }
        let mut place = HashMap::new();
        for p in &locations {
            for k in names_of(p) {
                place.insert(k, *p);
            }
        }
        GoldDoc {
            id: g
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            actors,
            locations,
            events,
            actor_keys,
            place,
        }
    }

    fn gold_names(&self, gold_name: &Value) -> HashSet<String> {
        match gold_name {
            Value::String(s) => {
                let k = name_key(s);
                let mut keys: HashSet<String> = [k.clone()].into();
                if let Some(more) = self.actor_keys.get(&k) {
                    keys.extend(more.iter().cloned());
                }
                keys.remove("");
                keys
            }
            other => names_of(other),
        }
    }

    fn same_actor(&self, gold: Option<&Value>, pred: Option<&Value>) -> bool {
        let Some(g) = gold else { return true };
        let Some(p) = pred else { return false };
        !self.gold_names(g).is_disjoint(&names_of(p))
    }

    fn same_place(&self, gold: Option<&Value>, pred: Option<&Value>) -> bool {
        let Some(gname) = gold else { return true };
        let Some(p) = pred else { return false };
        let g: &Value = match gname {
            Value::String(s) => self.place.get(&name_key(s)).copied().unwrap_or(gname),
            other => other,
        };
        if !names_of(g).is_disjoint(&names_of(p)) {
            return true;
        }
        if g.is_object() {
            if let (Some(gc), Some(pc)) = (coords(g), coords(p)) {
                return rasid_core::km(gc, pc) <= PLACE_KM;
            }
        }
        false
    }

    fn actors_ok(&self, g: &Value, p: &Value) -> bool {
        let a1 = field(p, "actor1").or_else(|| field(p, "source"));
        let a2 = field(p, "actor2").or_else(|| field(p, "target"));
        let (g1, g2) = (field(g, "actor1"), field(g, "actor2"));
        let straight = self.same_actor(g1, a1) && self.same_actor(g2, a2);
        let symmetric = g
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| SYMMETRIC.contains(&t));
        if straight || !symmetric {
            return straight;
        }
        self.same_actor(g1, a2) && self.same_actor(g2, a1)
    }

    fn core_ok(&self, g: &Value, p: &Value) -> u8 {
        if g.get("type") != p.get("type") {
            return 0;
        }
        if !self.same_place(field(g, "location"), field(p, "location")) {
            return 0;
        }
        if !overlap(g, p) {
            return 0;
        }
        1 + u8::from(self.actors_ok(g, p))
    }
}

fn overlap(g: &Value, p: &Value) -> bool {
    let Some(gr) = date_range(g) else { return true };
    let Some(pr) = date_range(p) else {
        return false;
    };
    pr.0 <= gr.1 && gr.0 <= pr.1
}

/// Greedy one-to-one matching, best pairs first (ties: later gold, then later prediction
/// first, as the shared scorer sorts); returns (gold index, prediction index) pairs.
fn greedy<G, P>(golds: &[G], preds: &[P], ok: impl Fn(&G, &P) -> u8) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, g) in golds.iter().enumerate() {
        for (j, p) in preds.iter().enumerate() {
            let s = ok(g, p);
            if s > 0 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.cmp(a));
    let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if used_g.contains(&i) || used_p.contains(&j) {
            continue;
        }
        used_g.insert(i);
        used_p.insert(j);
        out.push((i, j));
    }
    out
}

/// Precision, recall and F1 from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Prf {
    fn add(&mut self, tp: usize, n_pred: usize, n_gold: usize) {
        self.tp += tp;
        self.fp += n_pred - tp;
        self.fn_ += n_gold - tp;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// The shared scorer rounds to four decimals before printing three; so does rasid.
    pub fn rounded(x: f64) -> f64 {
        (x * 10_000.0).round() / 10_000.0
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A gold event not matched, or a predicted event matching no gold one.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    pub document: String,
    /// "missed" (in gold, not found) or "spurious" (found, not in gold).
    pub kind: &'static str,
    pub category: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub location: Option<String>,
    pub date: Option<String>,
    /// The predicted event's evidence or the gold event's, when given.
    pub evidence: Option<String>,
}

/// Every score of one evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub documents: usize,
    pub events_type: Prf,
    pub events_core: Prf,
    pub events_full: Prf,
    pub modality: Prf,
    pub actors: Prf,
    pub locations: Prf,
    /// Argument name, pairs with it right, core-matched pairs: actor1, actor2, fatalities,
    /// date_exact, status.
    pub args: Vec<(&'static str, usize, usize)>,
    /// events.core by PLOVER category.
    pub by_category: BTreeMap<String, Prf>,
    pub misses: Vec<Miss>,
}

fn label(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("canonical"))
            .or_else(|| o.get("mention"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

fn miss(doc: &str, kind: &'static str, e: &Value) -> Miss {
    let evidence = match e.get("evidence") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => o.get("text").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    Miss {
        document: doc.to_string(),
        kind,
        category: e
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string(),
        actor1: label(field(e, "actor1")),
        actor2: label(field(e, "actor2")),
        location: label(field(e, "location")),
        date: date_range(e).map(|(s, e)| {
            let f = |d: Day| format!("{:04}-{:02}-{:02}", d.0, d.1, d.2);
            if s == e {
                f(s)
            } else {
                format!("{}..{}", f(s), f(e))
            }
        }),
        evidence,
    }
}

/// Score predictions (rasid's JSON output, one object per document, by id) against gold
/// documents.
pub fn score(gold: &[Value], preds: &HashMap<String, Value>) -> Scores {
    let mut out = Scores {
        documents: gold.len(),
        ..Scores::default()
    };
    for k in ["actor1", "actor2", "fatalities", "date_exact", "status"] {
        out.args.push((k, 0, 0));
    }
    let empty = Value::Object(Map::new());
    for g in gold {
        let doc = GoldDoc::new(g);
        let pred = preds.get(&doc.id).unwrap_or(&empty);
        let pevents: Vec<&Value> = pred
            .get("events")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter(|e| e.is_object()).collect())
            .unwrap_or_default();
        let st = |e: &&Value| status_of(e);
        let preal: Vec<&Value> = pevents
            .iter()
            .copied()
            .filter(|e| real(st(e).as_deref()))
            .collect();
        let pnot: Vec<&Value> = pevents
            .iter()
            .copied()
            .filter(|e| !real(st(e).as_deref()))
            .collect();
        let greal: Vec<&Value> = doc
            .events
            .iter()
            .copied()
            .filter(|e| real(st(e).as_deref()))
            .collect();
        let gnot: Vec<&Value> = doc
            .events
            .iter()
            .copied()
            .filter(|e| !real(st(e).as_deref()))
            .collect();

        let typed = greedy(&greal, &preal, |g, p| {
            u8::from(g.get("type") == p.get("type"))
        });
        out.events_type.add(typed.len(), preal.len(), greal.len());
        let core = greedy(&greal, &preal, |g, p| doc.core_ok(g, p));
        out.events_core.add(core.len(), preal.len(), greal.len());
        let full = core
            .iter()
            .filter(|(i, j)| doc.actors_ok(greal[*i], preal[*j]))
            .count();
        out.events_full.add(full, preal.len(), greal.len());
        for &(i, j) in &core {
            let (g, p) = (greal[i], preal[j]);
            let a1 = field(p, "actor1").or_else(|| field(p, "source"));
            let a2 = field(p, "actor2").or_else(|| field(p, "target"));
            let sym = g
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| SYMMETRIC.contains(&t));
            let ok1 = doc.same_actor(field(g, "actor1"), a1)
                || (sym && doc.same_actor(field(g, "actor1"), a2));
            let ok2 = doc.same_actor(field(g, "actor2"), a2)
                || (sym && doc.same_actor(field(g, "actor2"), a1));
            let count = |v: Option<&Value>| -> Option<Value> {
                match v? {
                    Value::Object(o) => o.get("count").or_else(|| o.get("value")).cloned(),
                    other => Some(other.clone()),
                }
            };
            let fat = count(field(g, "fatalities")) == count(field(p, "fatalities"));
            let date = date_range(g) == date_range(p);
            let status = status_of(g).unwrap_or_else(|| "asserted".into())
                == status_of(p).unwrap_or_else(|| "asserted".into());
            for (k, ok) in [
                ("actor1", ok1),
                ("actor2", ok2),
                ("fatalities", fat),
                ("date_exact", date),
                ("status", status),
            ] {
                if let Some(e) = out.args.iter_mut().find(|e| e.0 == k) {
                    e.1 += usize::from(ok);
                    e.2 += 1;
                }
            }
        }
        // per category, and the misses
        let (mg, mp): (HashSet<usize>, HashSet<usize>) = core.iter().copied().unzip();
        for &(i, _) in &core {
            let t = greal[i].get("type").and_then(Value::as_str).unwrap_or("?");
            out.by_category.entry(t.to_string()).or_default().tp += 1;
        }
        for (_, g) in greal.iter().enumerate().filter(|(i, _)| !mg.contains(i)) {
            let t = g.get("type").and_then(Value::as_str).unwrap_or("?");
            out.by_category.entry(t.to_string()).or_default().fn_ += 1;
            out.misses.push(miss(&doc.id, "missed", g));
        }
        for (_, p) in preal.iter().enumerate().filter(|(j, _)| !mp.contains(j)) {
            let t = p.get("type").and_then(Value::as_str).unwrap_or("?");
            out.by_category.entry(t.to_string()).or_default().fp += 1;
            out.misses.push(miss(&doc.id, "spurious", p));
        }
        let modality = greedy(&gnot, &pnot, |g, p| {
            u8::from(g.get("type") == p.get("type") && status_of(g) == status_of(p))
        });
        out.modality.add(modality.len(), pnot.len(), gnot.len());

        let kind_of = |a: &Value| {
            a.get("kind")
                .and_then(Value::as_str)
                .map(str::to_lowercase)
                .unwrap_or_default()
        };
        let reporters: Vec<&Value> = doc
            .actors
            .iter()
            .copied()
            .filter(|a| REPORTER_KINDS.contains(&kind_of(a).as_str()))
            .collect();
        let ga: Vec<&Value> = doc
            .actors
            .iter()
            .copied()
            .filter(|a| !REPORTER_KINDS.contains(&kind_of(a).as_str()))
            .collect();
        let list = |k: &str| -> Vec<&Value> {
            pred.get(k)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter(|x| truthy(x)).collect())
                .unwrap_or_default()
        };
        let pa: Vec<&Value> = list("actors")
            .into_iter()
            .filter(|a| {
                !reporters
                    .iter()
                    .any(|r| !names_of(r).is_disjoint(&names_of(a)))
            })
            .collect();
        let am = greedy(&ga, &pa, |g, p| {
            u8::from(!names_of(g).is_disjoint(&names_of(p)))
        });
        out.actors.add(am.len(), pa.len(), ga.len());
        let pl = list("locations");
        let lm = greedy(&doc.locations, &pl, |g, p| {
            if !names_of(g).is_disjoint(&names_of(p)) {
                2
            } else {
                match (coords(g), coords(p)) {
                    (Some(a), Some(b)) if rasid_core::km(a, b) <= 10.0 => 1,
                    _ => 0,
                }
            }
        });
        out.locations.add(lm.len(), pl.len(), doc.locations.len());
    }
    out
}

/// Python truthiness of a JSON value (empty strings, objects, lists and null are false).
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_fold_like_the_shared_scorer() {
        assert_eq!(name_key("ديرالزور"), name_key("دير الزور"));
        assert_eq!(
            name_key("محافظة دير الزور"),
            name_key("Dير الزور".replace('D', "د").as_str())
        );
        assert_eq!(name_key("al-Qaim"), "qaim");
        assert_eq!(name_key("Islamic State forces"), "islamicstate");
        assert_eq!(name_key("إدلبَ"), name_key("ادلب"));
    }

    #[test]
    fn core_full_and_misses() {
        let gold = vec![json!({
            "id": "d1",
            "gold": {
                "actors": [{"name": "Islamic State", "aliases": ["داعش"]}, {"name": "Civilians"}],
                "locations": [{"name": "Mosul", "name_ar": "الموصل", "lat": 36.34, "lon": 43.13}],
                "events": [
                    {"type": "ASSAULT", "actor1": "Islamic State", "actor2": "Civilians",
                     "location": "Mosul", "date_start": "2014-06-10", "date_end": "2014-06-10",
                     "status": "asserted"},
                    {"type": "AGREE", "status": "planned"}
                ]
            }
        })];
        let pred = json!({"id": "d1",
            "events": [
                {"type": "ASSAULT", "actor1": {"name": "IS", "mention": "داعش"},
                 "actor2": {"name": "Civilians"},
                 "location": {"name": "al-Mawsil", "lat": 36.35, "lon": 43.14},
                 "date_start": "2014-06-10", "date_end": "2014-06-10", "status": "asserted"},
                {"type": "FIGHT", "date_start": "2014-06-10", "status": "asserted"},
                {"type": "AGREE", "status": "planned"}
            ],
            "actors": [{"name": "Islamic State"}],
            "locations": [{"name": "Mosul"}]});
        let preds: HashMap<String, Value> = [("d1".to_string(), pred)].into();
        let s = score(&gold, &preds);
        assert_eq!(
            (s.events_core.tp, s.events_core.fp, s.events_core.fn_),
            (1, 1, 0)
        );
        assert_eq!(s.events_full.tp, 1);
        assert_eq!(s.modality.tp, 1);
        assert_eq!((s.actors.tp, s.actors.fn_), (1, 1));
        assert_eq!(s.locations.tp, 1);
        assert!(s.args.contains(&("date_exact", 1, 1)));
        assert_eq!(s.misses.len(), 1);
        assert_eq!(s.misses[0].kind, "spurious");
        assert_eq!(s.by_category["FIGHT"].fp, 1);
    }
}
