//! A generated corpus for benchmarks and fusion tests: news-style reports written from our
//! own sentence templates, filled with actors from the dictionary and towns from the
//! gazetteer, with planted duplicates.
//!
//! Each planted event (category, sides, town, day) is told by one to four reports from
//! different outlets, each in another wording, another date expression ("اليوم", "أمس", a
//! weekday, a written date, with the matching publication date) and sometimes another
//! casualty figure, as outlets do. Distinct events never share a 3-day window within 200 km
//! (more than fusion's widest reach, 150 km),
//! so every fusion of two planted events is an error and every split of one is a miss.
//! The generator is deterministic for a seed.

use std::collections::HashMap;

use rasid::{Document, Pipeline};

/// One generated report and the planted event it tells.
#[derive(Clone, Debug)]
pub struct Report {
    pub doc: Document,
    pub event: usize,
}

/// splitmix64: a small, fixed PRNG so a seed always gives the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Sides of a generated event: Arabic and English names as news write them.
struct Side {
    ar: &'static str,
    en: &'static str,
}

const ARMED: &[Side] = &[
    Side {
        ar: "قوات النظام",
        en: "Syrian government forces",
    },
    Side {
        ar: "قوات سوريا الديمقراطية",
        en: "the Syrian Democratic Forces",
    },
    Side {
        ar: "تنظيم داعش",
        en: "Islamic State fighters",
    },
    Side {
        ar: "هيئة تحرير الشام",
        en: "Hayat Tahrir al-Sham",
    },
    Side {
        ar: "الجيش الوطني السوري",
        en: "the Syrian National Army",
    },
];

const MONTHS: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
];

/// Sentences that tell nothing: the rest of a report.
const FILLER: &[&str] = &[
    "ويعاني السكان من ارتفاع الأسعار وانقطاع الكهرباء لساعات طويلة يومياً.",
    "وتشهد المنطقة منذ أشهر توتراً أمنياً متصاعداً وسط غياب الخدمات الأساسية.",
    "وأشار ناشطون محليون إلى أن الأهالي يخشون تدهور الأوضاع في الأيام المقبلة.",
    "ولم تصدر أي جهة رسمية تعليقاً على ما جرى حتى ساعة إعداد هذا التقرير.",
];

/// Civil date (y, m, d) of a day number (days since 1970-01-01).
fn civil(n: i64) -> (i64, u32, u32) {
    let z = n + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn iso(n: i64) -> String {
    let (y, m, d) = civil(n);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A town to set events in.
#[derive(Clone, Debug)]
pub struct Town {
    pub ar: String,
    pub en: String,
    pub lat: f64,
    pub lon: f64,
}

/// Syrian towns and cities of the pipeline's gazetteer whose Arabic name is unambiguous and
/// is read back as that town.
pub fn towns(pipeline: &Pipeline) -> Vec<Town> {
    let mut out: Vec<Town> = pipeline
        .gazetteer()
        .places()
        .filter(|p| {
            p.country == "SY"
                && matches!(p.feature, rasid::Feature::Town | rasid::Feature::City)
                && !p.name_en.is_empty()
                && p.name_ar.chars().count() >= 4
                && pipeline.gazetteer().lookup(&p.name_ar).len() == 1
        })
        .map(|p| Town {
            ar: p.name_ar.clone(),
            // "Resafa (Raqqa)": the gazetteer's disambiguation is not how news write it
            en: p
                .name_en
                .split(" (")
                .next()
                .unwrap_or(&p.name_en)
                .to_string(),
            lat: p.lat,
            lon: p.lon,
        })
        .collect();
    out.sort_by(|a, b| a.ar.cmp(&b.ar));
    out.dedup_by(|a, b| a.ar == b.ar);
    // keep the towns the pipeline finds as themselves in a plain sentence
    out.retain(|t| {
        let doc = Document {
            id: "probe".into(),
            text: format!("اندلعت اشتباكات في بلدة {} صباح اليوم.", t.ar),
            published: "2020-01-01".parse().ok(),
            ..Document::default()
        };
        let x = pipeline.process(&doc);
        x.places.len() == 1 && x.places[0].place.name_en.starts_with(t.en.as_str())
    });
    out
}

/// How a report dates its event, with the publication date that goes with it.
fn date_phrase(rng: &mut Rng, day: i64, english: bool) -> (String, i64) {
    let (y, m, d) = civil(day);
    if english {
        return match rng.below(2) {
            0 => (format!("on {d} {} {y}", MONTHS_EN[m as usize - 1]), day + 1),
            _ => ("yesterday".into(), day + 1),
        };
    }
    match rng.below(4) {
        0 => ("صباح اليوم".into(), day),
        1 => ("يوم أمس".into(), day + 1),
        2 => {
            let back = 2 + rng.below(4) as i64;
            let wd = WEEKDAYS[(day.rem_euclid(7)) as usize];
            (format!("يوم {wd} الماضي"), day + back)
        }
        _ => (
            format!("في {d} {} {y}", MONTHS[m as usize - 1]),
            day + 1 + rng.below(2) as i64,
        ),
    }
}

struct Planted {
    kind: usize,
    a: usize,
    b: usize,
    town: usize,
    day: i64,
    dead: u32,
}

/// One report of a planted event in wording `variant`.
fn tell(p: &Planted, towns: &[Town], variant: usize, rng: &mut Rng) -> (String, String, i64) {
    let t = &towns[p.town];
    let (a, b) = (&ARMED[p.a], &ARMED[p.b]);
    // outlets disagree on tolls by one or two now and then
    let dead = p.dead
        + if rng.below(4) == 0 {
            1 + rng.below(2) as u32
        } else {
            0
        };
    let english = p.kind == 0 && variant == 3;
    let (when, published) = date_phrase(rng, p.day, english);
    let (title, body) = match (p.kind, variant % 3, english) {
        (0, _, true) => (
            format!("Clashes in {}", t.en),
            format!(
                "Clashes broke out between {} and {} in {} {when}, killing {dead} fighters.",
                a.en, b.en, t.en
            ),
        ),
        (0, 0, _) => (
            format!("اشتباكات في {}", t.ar),
            format!(
                "اندلعت اشتباكات عنيفة بين {} و{} في بلدة {} {when}، ما أدى إلى مقتل {dead} عناصر من الطرفين.",
                a.ar, b.ar, t.ar
            ),
        ),
        (0, 1, _) => (
            format!("قتلى في معارك {}", t.ar),
            format!(
                "قُتل {dead} مقاتلين في اشتباكات دارت {when} بين {} و{} في محيط بلدة {}.",
                a.ar, b.ar, t.ar
            ),
        ),
        (0, _, _) => (
            format!("معارك عنيفة في {}", t.ar),
            format!(
                "دارت معارك عنيفة {when} بين {} و{} في بلدة {}، وأفادت مصادر محلية بمقتل {dead} مقاتلين.",
                a.ar, b.ar, t.ar
            ),
        ),
        (1, 0, _) => (
            format!("قصف على {}", t.ar),
            format!(
                "قصفت {} بلدة {} {when}، ما أدى إلى مقتل {dead} مدنيين.",
                a.ar, t.ar
            ),
        ),
        (1, 1, _) => (
            format!("ضحايا مدنيون في {}", t.ar),
            format!(
                "قُتل {dead} مدنيين بقصف مدفعي لـ{} استهدف بلدة {} {when}.",
                a.ar, t.ar
            ),
        ),
        (1, _, _) => (
            format!("قصف مدفعي يستهدف {}", t.ar),
            format!(
                "استهدفت {} بالمدفعية الثقيلة منازل المدنيين في بلدة {} {when}، ما أسفر عن مقتل {dead} مدنيين.",
                a.ar, t.ar
            ),
        ),
        (_, 0, _) => (
            format!("حملة اعتقالات في {}", t.ar),
            format!(
                "اعتقلت {} {} أشخاص في بلدة {} {when}.",
                a.ar,
                dead + 2,
                t.ar
            ),
        ),
        (_, 1, _) => (
            format!("اعتقالات في {}", t.ar),
            format!(
                "شنت {} حملة اعتقالات في بلدة {} {when} طالت {} شبان.",
                a.ar,
                t.ar,
                dead + 2
            ),
        ),
        (_, _, _) => (
            format!("مداهمات في {}", t.ar),
            format!(
                "داهمت {} منازل في بلدة {} {when} واعتقلت {} أشخاص.",
                a.ar,
                t.ar,
                dead + 2
            ),
        ),
    };
    let mut text = body;
    if !english {
        for _ in 0..(1 + rng.below(3)) {
            text.push(' ');
            text.push_str(FILLER[rng.below(FILLER.len())]);
        }
    }
    (title, text, published)
}

/// Generate `n` reports: planted events each told by 1–4 reports (about 40% of reports
/// are duplicates of another), over 2013–2023, with `seed` fixing everything.
pub fn generate(pipeline: &Pipeline, n: usize, seed: u64) -> Vec<Report> {
    let towns = towns(pipeline);
    assert!(!towns.is_empty(), "the gazetteer has no usable towns");
    let mut rng = Rng(seed);
    let first_day = rasid_store::fuse::day_number("2013-01-01").unwrap_or(0);
    // 3-day slots from 2013 on; a corpus too large for them reaches into later years
    let mut slots = (11 * 365) / 3;
    // slot → towns used in it
    let mut used: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut reports: Vec<Report> = Vec::with_capacity(n);
    let mut event = 0usize;
    while reports.len() < n {
        // an event whose 3-day window has nothing within 200 km
        let mut tries = 0;
        let (town, slot) = loop {
            tries += 1;
            if tries % 400 == 0 {
                slots += 30;
            }
            let town = rng.below(towns.len());
            let slot = rng.below(slots) as i64;
            let here = (towns[town].lat, towns[town].lon);
            let clash = used.get(&slot).is_some_and(|v| {
                v.iter()
                    .any(|&o| rasid::km(here, (towns[o].lat, towns[o].lon)) < 200.0)
            });
            if !clash {
                used.entry(slot).or_default().push(town);
                break (town, slot);
            }
        };
        let kind = rng.below(3);
        let a = match kind {
            0 => rng.below(ARMED.len()),
            // shelling by government forces, arrests by the government, the SDF or HTS
            1 => 0,
            _ => [0, 1, 3][rng.below(3)],
        };
        let b = (a + 1 + rng.below(ARMED.len() - 1)) % ARMED.len();
        let planted = Planted {
            kind,
            a,
            b,
            town,
            day: first_day + slot * 3,
            dead: 2 + rng.below(9) as u32,
        };
        // every report in another wording: the templates of a kind bound the copies
        let wordings = if kind == 0 { 4 } else { 3 };
        let copies = [1, 1, 2, 2, 3, 4][rng.below(6)].min(wordings);
        let first_variant = rng.below(4);
        for c in 0..copies {
            if reports.len() >= n {
                break;
            }
            let variant = (first_variant + c) % wordings;
            let (title, text, published) = tell(&planted, &towns, variant, &mut rng);
            let k = reports.len();
            reports.push(Report {
                doc: Document {
                    id: format!("gen-{k:06}"),
                    text,
                    published: iso(published).parse().ok(),
                    lang: None,
                    source: Some(format!("Outlet {}", (event + c) % 17 + 1)),
                    url: Some(format!("https://news.example/{event}/{c}")),
                    title: Some(title),
                },
                event,
            });
        }
        event += 1;
    }
    reports
}

/// How well fusion put the generated reports together.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FusionScore {
    /// Reports that tell an event already told by an earlier report.
    pub duplicates: usize,
    /// Of those, the ones fused with the event's first report.
    pub merged: usize,
    /// Fused events that hold reports of two or more planted events.
    pub wrong_merges: usize,
    /// Reports that yielded no event at all.
    pub without_event: usize,
}

impl FusionScore {
    pub fn merged_share(&self) -> f64 {
        if self.duplicates == 0 {
            1.0
        } else {
            self.merged as f64 / self.duplicates as f64
        }
    }
}

/// Score fusion from (document key, fused event id) pairs of the store and the reports'
/// planted events.
pub fn score_fusion(reports: &[Report], fused: &[(String, i64)]) -> FusionScore {
    let planted: HashMap<&str, usize> = reports
        .iter()
        .map(|r| (r.doc.id.as_str(), r.event))
        .collect();
    let mut by_doc: HashMap<&str, Vec<i64>> = HashMap::new();
    for (k, f) in fused {
        by_doc.entry(k.as_str()).or_default().push(*f);
    }
    let mut score = FusionScore::default();
    let mut first_of: HashMap<usize, &str> = HashMap::new();
    for r in reports {
        let Some(mine) = by_doc.get(r.doc.id.as_str()) else {
            score.without_event += 1;
            match first_of.entry(r.event) {
                std::collections::hash_map::Entry::Occupied(_) => score.duplicates += 1,
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(r.doc.id.as_str());
                }
            }
            continue;
        };
        match first_of.get(&r.event) {
            None => {
                first_of.insert(r.event, r.doc.id.as_str());
            }
            Some(first) => {
                score.duplicates += 1;
                let theirs = by_doc.get(first).map(Vec::as_slice).unwrap_or(&[]);
                if mine.iter().any(|f| theirs.contains(f)) {
                    score.merged += 1;
                }
            }
        }
    }
    let mut events_of: HashMap<i64, std::collections::BTreeSet<usize>> = HashMap::new();
    for (k, f) in fused {
        if let Some(e) = planted.get(k.as_str()) {
            events_of.entry(*f).or_default().insert(*e);
        }
    }
    score.wrong_merges = events_of.values().filter(|s| s.len() > 1).count();
    score
}

/// The reports as JSON Lines documents (the `planted_event` field is for scoring; readers
/// ignore it).
pub fn to_jsonl(reports: &[Report]) -> String {
    let mut out = String::new();
    for r in reports {
        let v = serde_json::json!({
            "id": r.doc.id,
            "text": r.doc.text,
            "published": r.doc.published.map(|d| d.to_string()),
            "source": r.doc.source,
            "url": r.doc.url,
            "title": r.doc.title,
            "planted_event": r.event,
        });
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for s in ["1970-01-01", "2013-01-01", "2016-02-29", "2023-12-31"] {
            let n = rasid_store::fuse::day_number(s).unwrap();
            assert_eq!(iso(n), s);
        }
        // 1970-01-01 was a Thursday
        assert_eq!(WEEKDAYS[0], "الخميس");
    }
}
