//! Cross-document fusion: reports of one event in several documents become one fused event.
//!
//! Two reports are the same event when all of these hold:
//! - the same PLOVER category, and both real (asserted/claimed) or both not;
//! - overlapping dates, a day of slack either side (outlets date a night attack differently);
//! - compatible actors: no side names a different actor than the other report's same side
//!   (either order for symmetric categories such as FIGHT), and at least one actor in common
//!   unless neither report names one;
//! - places within a distance that grows with the coarser report's geo-precision (15 km for
//!   an exact town, 50 km for a district or "near", 150 km for a province), or the same
//!   gazetteer id; a report with no place matches only one with none.
//!
//! Reports of the same document are never fused with each other: the coder already merged
//! what one text tells twice.

use crate::record::EventRecord;

/// What fusion compares, taken from an event row.
#[derive(Clone, Debug, PartialEq)]
pub struct FusionKey {
    pub doc_id: i64,
    pub category: String,
    pub real: bool,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub place_id: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geo_precision: Option<u8>,
    /// Days since 1970-01-01, inclusive.
    pub start: Option<i64>,
    pub end: Option<i64>,
}

impl FusionKey {
    pub fn of(doc_id: i64, e: &EventRecord) -> FusionKey {
        FusionKey {
            doc_id,
            category: e.category.clone(),
            real: e.real(),
            actor1: e.actor1.as_ref().map(|a| a.id.clone()),
            actor2: e.actor2.as_ref().map(|a| a.id.clone()),
            place_id: e.place.as_ref().map(|p| p.id.clone()),
            lat: e.place.as_ref().map(|p| p.lat),
            lon: e.place.as_ref().map(|p| p.lon),
            geo_precision: e.place.as_ref().map(|p| p.geo_precision),
            start: e.date_start.as_deref().and_then(day_number),
            end: e.date_end.as_deref().and_then(day_number),
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn day_number(s: &str) -> Option<i64> {
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm, proleptic Gregorian)
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days of slack on each side when comparing date ranges.
pub const DATE_SLACK_DAYS: i64 = 1;

/// Kilometres within which two places count as one, by the coarser geo-precision.
pub fn distance_limit_km(geo_precision: u8) -> f64 {
    match geo_precision {
        0 | 1 => 15.0,
        2 => 50.0,
        _ => 150.0,
    }
}

pub use rasid_core::km;

fn symmetric(category: &str) -> bool {
    matches!(
        category,
        "FIGHT" | "CONSULT" | "AGREE" | "COOPERATE" | "DISAPPROVE" | "REJECT"
    )
}

fn side_ok(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn actors_ok(a: &FusionKey, b: &FusionKey) -> bool {
    let common = |x: &FusionKey, y: &FusionKey| {
        [&x.actor1, &x.actor2]
            .iter()
            .flat_map(|s| s.iter())
            .any(|id| y.actor1.as_ref() == Some(id) || y.actor2.as_ref() == Some(id))
    };
    let none = a.actor1.is_none() && a.actor2.is_none() && b.actor1.is_none() && b.actor2.is_none();
    if !none && !common(a, b) {
        return false;
    }
    let straight = side_ok(&a.actor1, &b.actor1) && side_ok(&a.actor2, &b.actor2);
    straight
        || (symmetric(&a.category)
            && side_ok(&a.actor1, &b.actor2)
            && side_ok(&a.actor2, &b.actor1))
}

fn places_ok(a: &FusionKey, b: &FusionKey) -> bool {
    match (&a.place_id, &b.place_id) {
        (None, None) => true,
        (Some(x), Some(y)) if x == y => true,
        (Some(_), Some(_)) => match (a.lat, a.lon, b.lat, b.lon) {
            (Some(la), Some(lo), Some(lb), Some(lob)) => {
                let coarse = a
                    .geo_precision
                    .unwrap_or(3)
                    .max(b.geo_precision.unwrap_or(3));
                km((la, lo), (lb, lob)) <= distance_limit_km(coarse)
            }
            _ => false,
        },
        _ => false,
    }
}

fn dates_ok(a: &FusionKey, b: &FusionKey) -> bool {
    match (a.start, a.end, b.start, b.end) {
        (Some(s1), Some(e1), Some(s2), Some(e2)) => {
            s1 <= e2 + DATE_SLACK_DAYS && s2 <= e1 + DATE_SLACK_DAYS
        }
        (None, None, None, None) => true,
        _ => false,
    }
}

/// Whether two reports tell the same event (see the module docs).
pub fn same_event(a: &FusionKey, b: &FusionKey) -> bool {
    a.doc_id != b.doc_id
        && a.category == b.category
        && a.real == b.real
        && dates_ok(a, b)
        && actors_ok(a, b)
        && places_ok(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(
        doc: i64,
        a1: Option<&str>,
        a2: Option<&str>,
        place: (&str, f64, f64),
        day: &str,
    ) -> FusionKey {
        FusionKey {
            doc_id: doc,
            category: "FIGHT".into(),
            real: true,
            actor1: a1.map(str::to_string),
            actor2: a2.map(str::to_string),
            place_id: Some(place.0.into()),
            lat: Some(place.1),
            lon: Some(place.2),
            geo_precision: Some(1),
            start: day_number(day),
            end: day_number(day),
        }
    }

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(
            day_number("2024-02-29").unwrap() + 1,
            day_number("2024-03-01").unwrap()
        );
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("20x4-01-01"), None);
    }

    #[test]
    fn the_same_clash_from_two_outlets() {
        let a = key(
            1,
            Some("sdf"),
            Some("is"),
            ("sy:hajin", 34.69, 40.83),
            "2018-11-02",
        );
        // the other outlet names the sides the other way round, dates it a day later and
        // places it in a village 5 km away
        let b = key(
            2,
            Some("is"),
            Some("sdf"),
            ("sy:shaafa", 34.66, 40.86),
            "2018-11-03",
        );
        assert!(same_event(&a, &b));
        // one side unnamed is compatible
        let c = key(
            3,
            Some("sdf"),
            None,
            ("sy:hajin", 34.69, 40.83),
            "2018-11-02",
        );
        assert!(same_event(&a, &c));
    }

    #[test]
    fn distinct_events_stay_apart() {
        let a = key(
            1,
            Some("sdf"),
            Some("is"),
            ("sy:hajin", 34.69, 40.83),
            "2018-11-02",
        );
        // three days later
        assert!(!same_event(
            &a,
            &key(
                2,
                Some("sdf"),
                Some("is"),
                ("sy:hajin", 34.69, 40.83),
                "2018-11-05"
            )
        ));
        // another town 60 km away
        assert!(!same_event(
            &a,
            &key(
                2,
                Some("sdf"),
                Some("is"),
                ("sy:mayadin", 35.02, 40.45),
                "2018-11-02"
            )
        ));
        // other sides
        assert!(!same_event(
            &a,
            &key(
                2,
                Some("sgf"),
                Some("is"),
                ("sy:hajin", 34.69, 40.83),
                "2018-11-02"
            )
        ));
        // the same document
        assert!(!same_event(
            &a,
            &key(
                1,
                Some("sdf"),
                Some("is"),
                ("sy:hajin", 34.69, 40.83),
                "2018-11-02"
            )
        ));
        // a planned attack is not the attack
        let mut p = key(
            2,
            Some("sdf"),
            Some("is"),
            ("sy:hajin", 34.69, 40.83),
            "2018-11-02",
        );
        p.real = false;
        assert!(!same_event(&a, &p));
    }

    #[test]
    fn coarse_places_allow_more_distance() {
        let mut a = key(
            1,
            Some("sdf"),
            Some("is"),
            ("sy:deir-ez-zor-gov", 35.33, 40.14),
            "2018-11-02",
        );
        a.geo_precision = Some(3);
        let b = key(
            2,
            Some("sdf"),
            Some("is"),
            ("sy:hajin", 34.69, 40.83),
            "2018-11-02",
        );
        assert!(
            same_event(&a, &b),
            "{} km",
            km((35.33, 40.14), (34.69, 40.83))
        );
    }
}
