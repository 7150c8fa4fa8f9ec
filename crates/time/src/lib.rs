//! # rasid-time — when did it happen?
//!
//! News rarely writes full dates. Arabic reports say "أمس الثلاثاء", "مساء أمس الأول",
//! "يوم الأربعاء الماضي", "في العاشر من شباط الجاري", "نهاية الشهر الثالث من العام الجاري",
//! "أواخر ديسمبر"; English ones "on Saturday", "last Sunday", "throughout March". The
//! [`TemporalResolver`] finds such expressions in tokens and resolves each against the
//! document's publication date to an inclusive [`DateRange`] with a [`Precision`].
//!
//! Month names come from `data/months.tsv` (Levantine, Egyptian, Maghrebi and English
//! names), embedded in the binary; users can load more with [`MonthNames::load_tsv`].
//!
//! ```
//! use rasid_core::Date;
//! use rasid_text::tokenize;
//! use rasid_time::TemporalResolver;
//! let r = TemporalResolver::default();
//! let text = "وصلت الأرتال، أمس الثلاثاء، إلى المدينة";
//! let found = r.find(text, &tokenize(text), Some(Date::constant(2017, 9, 6)));
//! assert_eq!(found[0].mention.text, "أمس الثلاثاء");
//! assert_eq!(found[0].range.start, Date::constant(2017, 9, 5));
//! ```
//!
//! Resolution rules (written down because analysts must be able to check them):
//! * a bare weekday in a past-tense report is the latest such day on or before publication;
//!   with الماضي/last it is strictly before, with المقبل/next strictly after;
//! * a month without a year is the latest such month on or before publication (after it
//!   with المقبل/next);
//! * مطلع/بداية/أوائل (early) = days 1–10 of a month or months 1–3 of a year, منتصف/أواسط
//!   (mid) = 11–20 or 4–8, أواخر/نهاية (late) = 20–end or 9–12 (as ACLED-style coders read them);
//! * a day and month without a year is the latest such date on or before publication (the
//!   first after it with المقبل); "7/9/18" is 2018 unless that is after publication;
//! * "ليل الأربعاء-الخميس" / "the night of Wednesday to Thursday" spans both days;
//! * "قبل ثلاثة أيام"/"منذ يومين"/"two days ago" is that day; a week ago the week around it;
//!   N months ago the 31 days around the same day N months back; a year ago that calendar
//!   year; "خلال الـ24 ساعة الماضية" yesterday and today; "الأيام الماضية" the last eight
//!   days, "الأيام القليلة الماضية" the last four; "الشهرين الماضيين" the two calendar months
//!   before publication's; "منذ X" from X to the day before publication;
//! * ranges ("بين عامي 2014 و2017", "من 3 إلى 5 آذار", "between 3 and 5 March") run from the
//!   first end's start to the second's end;
//! * Hijri dates, months and years use the Umm al-Qura calendar (`icu_calendar`, data
//!   compiled in); a Hijri month or holiday without a year is its latest occurrence that has
//!   begun by publication (the next with المقبل); عيد الفطر = 1–3 Shawwal, عيد الأضحى = 10–13
//!   Dhu al-Hijjah, "أول/ثاني أيام عيد" one of its days;
//! * "في اليوم ذاته/نفسه" and "in the same day" repeat the previous expression,
//!   "في اليوم التالي"/"the next day" add one day to it, "بعد يومين" two; "بعد يوم من X"
//!   puts X a day before the previous expression;
//! * dates that are names ("مدينة السادس من أكتوبر", "ساحة 14 آذار", "روسيا اليوم") are not
//!   times; "آب" and "مارس" are months only in a date context (أب "father", مارس "practised");
//! * expressions that need the publication date resolve to nothing when it is unknown.
//!
//! `tests/cases.tsv` holds 332 cases grouped by phenomenon (with traps); they must pass at
//! 97% or more.
#![forbid(unsafe_code)]

mod hijri;
mod months;
mod resolver;

pub use months::{MonthNames, MonthsError};
pub use resolver::TemporalResolver;
