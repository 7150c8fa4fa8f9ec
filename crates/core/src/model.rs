//! Documents, spans, mentions and the entities and events found in them.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the original text of a [`Document`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end < start` is clamped to an empty span at `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// The text under this span, or `""` if the span does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// Byte distance between two spans (0 when they touch or overlap).
    pub fn gap(&self, other: Span) -> usize {
        other
            .start
            .saturating_sub(self.end)
            .max(self.start.saturating_sub(other.end))
    }
}

/// The exact evidence for a field: the text and where it stands in the original document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The original text under `span`, unchanged.
    #[serde(rename = "mention")]
    pub text: String,
    #[serde(flatten)]
    pub span: Span,
}

impl Mention {
    pub fn from_text(text: &str, span: Span) -> Mention {
        Mention {
            text: span.slice(text).to_string(),
            span,
        }
    }
}

/// Languages rasid reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn as_str(&self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Ok(Lang::Ar),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?} (expected ar or en)")),
        }
    }
}

/// One news article as given to rasid. `text` is never modified by any stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub published: Option<Date>,
    pub lang: Option<Lang>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The wire name (snake_case / as in the data files).
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                match s {
                    $($s => Ok($name::$variant),)+
                    other => Err(format!(
                        "unknown {} {:?}; expected one of: {}",
                        stringify!($name), other, [$($s),+].join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum! {
    /// What kind of actor an entry of the actor dictionary is.
    ActorKind {
        StateForces = "state_forces",
        ArmedGroup = "armed_group",
        Militia = "militia",
        Coalition = "coalition",
        Tribe = "tribe",
        Government = "government",
        LocalAuthority = "local_authority",
        PoliticalParty = "political_party",
        InternationalOrg = "international_org",
        Ngo = "ngo",
        SecurityService = "security_service",
        Civilians = "civilians",
        Protesters = "protesters",
        Unidentified = "unidentified",
        Media = "media",
        Monitor = "monitor",
    }
}

impl ActorKind {
    /// Kinds that bear arms (they can fight; violence against them is not one-sided).
    pub fn is_armed(&self) -> bool {
        matches!(
            self,
            ActorKind::StateForces
                | ActorKind::ArmedGroup
                | ActorKind::Militia
                | ActorKind::Coalition
                | ActorKind::SecurityService
                | ActorKind::Unidentified
        )
    }
    /// Kinds that only report (their name belongs in `attributed_to`, not in actor slots).
    pub fn is_reporter(&self) -> bool {
        matches!(self, ActorKind::Media | ActorKind::Monitor)
    }
}

/// An entry of the actor dictionary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub parent: Option<String>,
    /// First day the actor bore these names (renamed groups, changed allegiances); none: always.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<jiff::civil::Date>,
    /// Last day; none: still so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<jiff::civil::Date>,
    /// Other names of the actor (Arabic and English), as the dictionary lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Actor {
    /// Whether the actor bore its names on `day`.
    pub fn valid_on(&self, day: jiff::civil::Date) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }

    /// Whether the validity periods of two actors share a day.
    pub fn overlaps(&self, other: &Actor) -> bool {
        let starts_before_end = |a: &Actor, b: &Actor| match (a.valid_from, b.valid_to) {
            (Some(f), Some(t)) => f <= t,
            _ => true,
        };
        starts_before_end(self, other) && starts_before_end(other, self)
    }
}

/// An actor found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMention {
    pub actor: Arc<Actor>,
    pub mention: Mention,
}

/// A person named in a text (a commander, spokesman, victim, source).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    #[serde(flatten)]
    pub mention: Mention,
    /// The title or role written next to the name ("المتحدث باسم", "President").
    pub role: Option<String>,
    /// The role is a civilian one (a scholar, doctor, journalist…): harmed, the person is a
    /// civilian victim.
    #[serde(skip)]
    pub civilian: bool,
    /// The organisation the text ties the person to ("من تيار الحازميون", "التابع لـ…"): an
    /// actor's canonical name.
    pub affiliation: Option<String>,
    /// The text says the name is not the real one ("(اسم مستعار)").
    pub pseudonym: bool,
    /// ISO country of a nisba in the name ("أبو صهيب التونسي" → TN).
    pub nationality: Option<String>,
}

string_enum! {
    /// The kind of a place.
    Feature {
        Country = "country",
        Admin1 = "admin1",
        Admin2 = "admin2",
        Admin3 = "admin3",
        City = "city",
        Town = "town",
        Village = "village",
        Neighbourhood = "neighbourhood",
        Camp = "camp",
        MilitaryBase = "military_base",
        Airport = "airport",
        Facility = "facility",
        BorderCrossing = "border_crossing",
        Region = "region",
        River = "river",
        Mountain = "mountain",
        Dam = "dam",
    }
}

impl Feature {
    /// Parse a feature name, accepting the variants used by public gazetteers.
    pub fn parse_lenient(s: &str) -> Option<Feature> {
        let s = s.trim().to_ascii_lowercase();
        if let Ok(f) = s.parse() {
            return Some(f);
        }
        Some(match s.as_str() {
            "admin2_wof" | "district" | "county" => Feature::Admin2,
            "subdistrict" => Feature::Admin3,
            "village_abandoned" | "locality" | "hamlet" => Feature::Village,
            "neighborhood" | "suburb" => Feature::Neighbourhood,
            "airport/base" | "base" => Feature::MilitaryBase,
            "governorate" | "province" | "state" => Feature::Admin1,
            _ => return None,
        })
    }

    /// How fine the place is: higher is finer. Used to pick "the finest place" of a sentence.
    pub fn fineness(&self) -> u8 {
        match self {
            Feature::Country => 0,
            Feature::Region | Feature::River | Feature::Mountain => 1,
            Feature::Admin1 => 2,
            Feature::Admin2 => 3,
            Feature::Admin3 => 4,
            Feature::City => 5,
            Feature::Town => 6,
            Feature::Village | Feature::Dam => 7,
            Feature::Neighbourhood
            | Feature::Camp
            | Feature::MilitaryBase
            | Feature::Airport
            | Feature::Facility
            | Feature::BorderCrossing => 8,
        }
    }

    /// ACLED geo-precision: 1 = the exact town/site, 2 = near/part of a region, 3 = a
    /// province-level or larger area.
    pub fn geo_precision(&self) -> u8 {
        match self {
            Feature::Country
            | Feature::Admin1
            | Feature::Region
            | Feature::River
            | Feature::Mountain => 3,
            Feature::Admin2 | Feature::Admin3 => 2,
            _ => 1,
        }
    }
}

/// Great-circle distance in kilometres between two (latitude, longitude) points.
///
/// ```
/// let d = rasid_core::km((33.51, 36.29), (36.20, 37.16)); // Damascus–Aleppo
/// assert!((d - 310.0).abs() < 10.0, "{d}");
/// ```
pub fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dp = p2 - p1;
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// A gazetteer entry (or a region derived from one, like "the eastern countryside of X").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    pub feature: Feature,
    pub country: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// A place found in a text and resolved to one gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    pub place: Arc<Place>,
    pub mention: Mention,
    /// 1 exact site, 2 near / within a sub-province area, 3 province or larger.
    pub geo_precision: u8,
    /// How strongly the text supports this reading (the resolver's score; higher is surer).
    pub score: f32,
    /// The other places the name could be, best first, so users can see why this one won.
    pub alternatives: Vec<PlaceCandidate>,
}

/// A place a name could be, with the resolver's score.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceCandidate {
    pub place: Arc<Place>,
    pub score: f32,
}

string_enum! {
    /// How precise a resolved date range is.
    Precision {
        Day = "day",
        Week = "week",
        Month = "month",
        Year = "year",
    }
}

impl Precision {
    /// ACLED's `time_precision` code: 1 the day is known, 2 the week (or a few days), 3 only
    /// the month or a longer period.
    pub fn acled_time_precision(&self) -> u8 {
        match self {
            Precision::Day => 1,
            Precision::Week => 2,
            _ => 3,
        }
    }
}

/// An inclusive date range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
    pub precision: Precision,
}

impl DateRange {
    pub fn day(d: Date) -> DateRange {
        DateRange {
            start: d,
            end: d,
            precision: Precision::Day,
        }
    }
}

/// A time expression found in a text and resolved against the publication date.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    pub mention: Mention,
    pub range: DateRange,
    /// True when the expression points after the publication date ("المقبل", "next week").
    pub future: bool,
    /// The resolver rule that produced the range ("weekday", "month", "hijri_date"…), so users
    /// can see why a date came out as it did.
    pub rule: &'static str,
}

string_enum! {
    /// Whether an event happened, according to the text.
    Status {
        Asserted = "asserted",
        Claimed = "claimed",
        Planned = "planned",
        Hypothetical = "hypothetical",
        Negated = "negated",
    }
}

/// Who reports an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attribution {
    /// A canonical actor/person name, or the words of an unnamed source ("مصدر محلي").
    pub name: String,
    #[serde(flatten)]
    pub mention: Mention,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub category: crate::Category,
    /// A finer description ("air_strike", "arrest"); see [`crate::acled_view`].
    pub mode: Option<String>,
    pub actor1: Option<ActorMention>,
    pub actor2: Option<ActorMention>,
    pub location: Option<PlaceMention>,
    pub date: Option<DateRange>,
    /// The time expression the date came from, when the sentence had one.
    pub date_mention: Option<Mention>,
    pub fatalities: Option<u32>,
    pub fatalities_mention: Option<Mention>,
    pub status: Status,
    pub attributed_to: Option<Attribution>,
    /// The word or phrase that signals the event.
    pub trigger: Mention,
    /// The clause the event was coded from.
    pub evidence: Mention,
    /// 0..1, how sure the coder is (arguments found, trigger strength).
    pub confidence: f32,
}
