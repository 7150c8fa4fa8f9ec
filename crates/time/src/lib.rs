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
//! * "في اليوم ذاته/نفسه" and "in the same day" repeat the previous expression,
//!   "في اليوم التالي"/"the next day" add one day to it;
//! * expressions that need the publication date resolve to nothing when it is unknown.
#![forbid(unsafe_code)]

mod hijri;
mod months;
mod resolver;

pub use months::{MonthNames, MonthsError};
pub use resolver::TemporalResolver;
