//! The Islamic (Hijri) calendar as Saudi Arabia's Umm al-Qura tables give it, through
//! `icu_calendar` (its data is compiled in; no download). News in the region dates official
//! statements, holidays and ISIS communiqués this way; local announcements may differ by a
//! day, which is why a weekday named in the text may move a date (see the resolver).

use icu_calendar::cal::{Hijri, Iso};
use icu_calendar::Date as IcuDate;
use jiff::civil::Date;
use rasid_core::DateRange;

/// The Gregorian date of Hijri `year`-`month`-`day` (Umm al-Qura), if it exists.
pub(crate) fn to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=2000).contains(&year) {
        return None;
    }
    let h =
        IcuDate::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    if h.day_of_month().0 != day {
        return None;
    }
    let iso = h.to_calendar(Iso);
    Date::new(
        i16::try_from(iso.year().extended_year()).ok()?,
        iso.month().ordinal as i8,
        iso.day_of_month().0 as i8,
    )
    .ok()
}

/// The Hijri (year, month, day) of a Gregorian date (Umm al-Qura).
pub(crate) fn of(date: Date) -> Option<(i32, u8, u8)> {
    let iso =
        IcuDate::try_new_iso(i32::from(date.year()), date.month() as u8, date.day() as u8).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((
        h.year().extended_year(),
        h.month().ordinal,
        h.day_of_month().0,
    ))
}

/// The Gregorian days of Hijri month `month` of `year`.
pub(crate) fn month_range(year: i32, month: u8) -> Option<DateRange> {
    let start = to_gregorian(year, month, 1)?;
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let end = to_gregorian(ny, nm, 1)?.yesterday().ok()?;
    Some(DateRange {
        start,
        end,
        precision: rasid_core::Precision::Month,
    })
}

/// The Gregorian days of Hijri year `year`.
pub(crate) fn year_range(year: i32) -> Option<DateRange> {
    Some(DateRange {
        start: to_gregorian(year, 1, 1)?,
        end: to_gregorian(year + 1, 1, 1)?.yesterday().ok()?,
        precision: rasid_core::Precision::Year,
    })
}

/// The latest occurrence of Hijri month-day (`month`, `day`) on or before `p`, or with
/// `future` the first one after `p`: the year of a holiday named without one.
pub(crate) fn occurrence_year(p: Date, month: u8, day: u8, future: bool) -> Option<i32> {
    let (y, _, _) = of(p)?;
    if future {
        (y..=y + 1).find(|&y| to_gregorian(y, month, day).is_some_and(|d| d > p))
    } else {
        (y - 1..=y)
            .rev()
            .find(|&y| to_gregorian(y, month, day).is_some_and(|d| d <= p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dates announced by Saudi Arabia (facts): 1 Ramadan 1445 = 11 March 2024, Eid al-Fitr
    /// 1445 = 10 April 2024, Eid al-Adha 1445 (10 Dhu al-Hijjah) = 16 June 2024, 1 Muharram 1446
    /// = 7 July 2024, 1 Ramadan 1435 = 28 June 2014.
    #[test]
    fn umm_al_qura_dates() {
        for ((y, m, d), g) in [
            ((1445, 9, 1), "2024-03-11"),
            ((1445, 10, 1), "2024-04-10"),
            ((1445, 12, 10), "2024-06-16"),
            ((1446, 1, 1), "2024-07-07"),
            ((1435, 9, 1), "2014-06-28"),
        ] {
            assert_eq!(to_gregorian(y, m, d).unwrap().to_string(), g, "{y}-{m}-{d}");
            assert_eq!(of(g.parse().unwrap()), Some((y, m, d)));
        }
        assert_eq!(to_gregorian(1445, 13, 1), None);
        let r = year_range(1440).unwrap();
        assert_eq!(
            (r.start.to_string(), r.end.to_string()),
            ("2018-09-11".into(), "2019-08-30".into())
        );
        assert_eq!(
            occurrence_year("2024-03-20".parse().unwrap(), 9, 1, false),
            Some(1445)
        );
        assert_eq!(
            occurrence_year("2024-03-01".parse().unwrap(), 9, 1, false),
            Some(1444)
        );
        assert_eq!(
            occurrence_year("2024-03-01".parse().unwrap(), 9, 1, true),
            Some(1445)
        );
    }
}
