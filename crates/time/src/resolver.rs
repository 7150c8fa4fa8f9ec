//! Finding and resolving time expressions.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use rasid_core::{DateRange, Mention, Precision, Span, TimeExpr};
use rasid_text::{numbers, Token, TokenKind};

use crate::MonthNames;

/// Finds time expressions in tokens and resolves them against a publication date.
/// Immutable after construction; share it across threads.
#[derive(Clone, Debug)]
pub struct TemporalResolver {
    months: MonthNames,
}

impl Default for TemporalResolver {
    fn default() -> Self {
        TemporalResolver {
            months: MonthNames::embedded(),
        }
    }
}

/// Parts of the day, which do not move it: "مساء أمس", "فجر اليوم", "صباح الأربعاء".
const DAY_PARTS: &[&str] = &["صباح", "مساء", "فجر", "ظهر", "ظهيره", "ليل", "ليله", "عصر"];

/// Words the resolver reads, in match-key form. A token that carries a proclitic (وأمس,
/// بداية, لليوم) is read as its base word when the base is one of these (or a day part).
const TIME_WORDS: &[&str] = &[
    "امس",
    "اليوم",
    "يوم",
    "غدا",
    "البارحه",
    "منتصف",
    "الماضي",
    "الفايت",
    "المنصرم",
    "السابق",
    "المقبل",
    "القادم",
    "الجاري",
    "الحالي",
    "الماضيين",
    "المقبلين",
    "الماضيه",
    "المقبله",
    "القادمه",
    "الاخير",
    "الاخيره",
    "الشهر",
    "شهر",
    "العام",
    "عام",
    "السنه",
    "سنه",
    "الاسبوع",
    "اسبوع",
    "الايام",
    "ايام",
    "الساعات",
    "الشهرين",
    "الشهريين",
    "الاسابيع",
    "مطلع",
    "بدايه",
    "اوايل",
    "مستهل",
    "اول",
    "اواسط",
    "نهايه",
    "اواخر",
    "اخر",
    "خلال",
    "منذ",
    "قبل",
    "في",
    "ذاته",
    "نفسه",
    "التالي",
    "الاول",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "احد",
    "اثنين",
    "ثلاثاء",
    "اربعاء",
    "خميس",
    "جمعه",
    "سبت",
    "هذا",
    "القليله",
    "الغد",
    "عيد",
    "الفطر",
    "الاضحي",
    "عاشوراء",
    "المولد",
];

fn weekday_ar(w: &str, after_yawm: bool) -> Option<Weekday> {
    Some(match w {
        "الاحد" => Weekday::Sunday,
        "الاثنين" => Weekday::Monday,
        "الثلاثاء" => Weekday::Tuesday,
        "الاربعاء" => Weekday::Wednesday,
        "الخميس" => Weekday::Thursday,
        "الجمعه" => Weekday::Friday,
        "السبت" => Weekday::Saturday,
        "احد" if after_yawm => Weekday::Sunday,
        "اثنين" if after_yawm => Weekday::Monday,
        "ثلاثاء" if after_yawm => Weekday::Tuesday,
        "اربعاء" if after_yawm => Weekday::Wednesday,
        "خميس" if after_yawm => Weekday::Thursday,
        "جمعه" if after_yawm => Weekday::Friday,
        "سبت" if after_yawm => Weekday::Saturday,
        _ => return None,
    })
}

fn weekday_en(w: &str) -> Option<Weekday> {
    Some(match w {
        "sunday" => Weekday::Sunday,
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        _ => return None,
    })
}

/// Direction a modifier word gives: before publication, after it, or the current period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Past,
    Current,
    Future,
}

fn direction(w: &str) -> Option<Dir> {
    Some(match w {
        "الماضي" | "الفايت" | "المنصرم" | "السابق" | "الماضيين" | "الماضيه" | "الاخير"
        | "الاخيره" | "last" | "previous" | "past" => Dir::Past,
        "الجاري" | "الحالي" | "this" | "current" => Dir::Current,
        "المقبل" | "القادم" | "المقبلين" | "المقبله" | "القادمه" | "next" | "coming" => {
            Dir::Future
        }
        _ => return None,
    })
}

/// Part of a period: early / mid / late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
}

fn part(w: &str) -> Option<Part> {
    Some(match w {
        "مطلع" | "بدايه" | "اوايل" | "مستهل" | "اول" | "early" | "beginning" | "start" => {
            Part::Early
        }
        "منتصف" | "اواسط" | "mid" | "middle" => Part::Mid,
        "نهايه" | "اواخر" | "اخر" | "late" | "end" => Part::Late,
        _ => return None,
    })
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn month_range(y: i16, m: i8) -> Option<DateRange> {
    let start = Date::new(y, m, 1).ok()?;
    Some(DateRange {
        start,
        end: start.last_of_month(),
        precision: Precision::Month,
    })
}

fn year_range(y: i16) -> Option<DateRange> {
    Some(DateRange {
        start: Date::new(y, 1, 1).ok()?,
        end: Date::new(y, 12, 31).ok()?,
        precision: Precision::Year,
    })
}

fn shift_month(y: i16, m: i8, delta: i32) -> (i16, i8) {
    let idx = y as i32 * 12 + (m as i32 - 1) + delta;
    ((idx.div_euclid(12)) as i16, (idx.rem_euclid(12) + 1) as i8)
}

fn narrow(r: DateRange, p: Part) -> DateRange {
    match r.precision {
        Precision::Year => {
            let y = r.start.year();
            let (a, b) = match p {
                Part::Early => (1, 3),
                Part::Mid => (4, 8),
                Part::Late => (9, 12),
            };
            let start = Date::new(y, a, 1).unwrap_or(r.start);
            let end = Date::new(y, b, 1)
                .map(|d| d.last_of_month())
                .unwrap_or(r.end);
            DateRange {
                start,
                end,
                precision: Precision::Month,
            }
        }
        Precision::Month => {
            let (a, b) = match p {
                Part::Early => (1, 10),
                Part::Mid => (11, 20),
                Part::Late => (20, r.end.day()),
            };
            let start = r.start.with().day(a).build().unwrap_or(r.start);
            let end = r.start.with().day(b).build().unwrap_or(r.end);
            DateRange {
                start,
                end,
                precision: Precision::Month,
            }
        }
        _ => r,
    }
}

/// The latest `wd` on or before `p` (strictly before when `strict`).
fn weekday_before(p: Date, wd: Weekday, strict: bool) -> Option<Date> {
    let mut back =
        (p.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7) as i64;
    if back == 0 && strict {
        back = 7;
    }
    add_days(p, -back)
}

fn weekday_after(p: Date, wd: Weekday) -> Option<Date> {
    let mut fwd =
        (wd.to_monday_zero_offset() - p.weekday().to_monday_zero_offset()).rem_euclid(7) as i64;
    if fwd == 0 {
        fwd = 7;
    }
    add_days(p, fwd)
}

/// A resolved expression before it becomes a [`TimeExpr`].
struct Found {
    end: usize,
    range: DateRange,
    future: bool,
    /// The rule that produced it (shown in the output so users can check it).
    rule: &'static str,
}

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// [`base_word`] of every token, computed once.
    base: Vec<Option<&'a str>>,
    published: Option<Date>,
    last: Option<DateRange>,
}

/// The time words as a set (lookups happen for every token of every document).
fn time_words() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| TIME_WORDS.iter().chain(DAY_PARTS).copied().collect())
}

/// The base word of a token: a known time word without its proclitic (وأمس → أمس, لليوم →
/// اليوم), else its key; `None` for numbers and punctuation.
fn base_word(t: &Token) -> Option<&str> {
    if t.kind != TokenKind::Word {
        return None;
    }
    let words = time_words();
    let k = t.key.as_str();
    if words.contains(k) {
        return Some(k);
    }
    for p in ["وفي", "وب", "ول", "و", "ف", "ب", "ل"] {
        if let Some(rest) = k.strip_prefix(p) {
            if let Some(w) = words.get(rest) {
                return Some(w);
            }
            // لليوم = ل + اليوم
            if p.ends_with('ل') && rest.starts_with('ل') {
                let with_article = format!("ا{rest}");
                if let Some(w) = words.get(with_article.as_str()) {
                    return Some(w);
                }
            }
        }
    }
    Some(k)
}

impl Ctx<'_> {
    /// The base word of token `i` (a known time word without its proclitic), or its key.
    fn w(&self, i: usize) -> Option<&str> {
        self.base.get(i).copied().flatten()
    }

    fn original(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map(|t| t.span.slice(self.text))
            .unwrap_or("")
    }

    fn num(&self, i: usize) -> Option<u64> {
        self.tokens.get(i).and_then(|t| t.number())
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        self.w(i).is_some_and(|w| words.contains(&w))
    }

    fn p(&self) -> Option<Date> {
        self.published
    }
}

impl TemporalResolver {
    pub fn new(months: MonthNames) -> TemporalResolver {
        TemporalResolver { months }
    }

    /// Find every time expression in `tokens` (of `text`), resolved against `published`.
    /// Expressions are returned in text order and never overlap.
    pub fn find(&self, text: &str, tokens: &[Token], published: Option<Date>) -> Vec<TimeExpr> {
        let mut ctx = Ctx {
            text,
            tokens,
            base: tokens.iter().map(base_word).collect(),
            published,
            last: None,
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            // names made of dates and days: "مدينة السادس من أكتوبر", "ساحة 14 آذار",
            // "المصري اليوم", "روسيا اليوم"
            let named = i > 0
                && (ctx.is(i - 1, NAMED_BY_DATE)
                    || ctx.is(i, &["اليوم"]) && ctx.is(i - 1, &["المصري", "روسيا"]));
            if named {
                i = self.parse_at(&ctx, i).map_or(i + 1, |f| f.end);
                continue;
            }
            if let Some(f) = self.parse_at(&ctx, i) {
                let span = Span::new(tokens[i].span.start, tokens[f.end - 1].span.end);
                ctx.last = Some(f.range);
                out.push(TimeExpr {
                    mention: Mention::from_text(text, span),
                    range: f.range,
                    future: f.future,
                    rule: f.rule,
                });
                i = f.end;
            } else {
                i += 1;
            }
        }
        out
    }

    fn parse_at(&self, c: &Ctx, i: usize) -> Option<Found> {
        let w = c.w(i).unwrap_or("");
        // since X: from X to the day before publication
        if matches!(w, "منذ" | "since") {
            let Some(f) = self.parse_at(c, i + 1) else {
                // "منذ يومين": two days ago
                return if w == "منذ" {
                    self.ago(c, i + 1)
                } else {
                    None
                };
            };
            let p = c.p()?;
            let end = add_days(p, -1)?.max(f.range.start);
            return Some(Found {
                rule: "since",
                end: f.end,
                range: DateRange {
                    start: f.range.start,
                    end,
                    precision: f.range.precision,
                },
                future: false,
            });
        }
        if let Some(f) = self.range(c, i) {
            return Some(f);
        }
        // "في"/"on"/"in"/"during"/"throughout" before an expression belongs to it
        if matches!(
            w,
            "في" | "on" | "in" | "during" | "throughout" | "خلال" | "over"
        ) {
            let f = self.parse_at(c, i + 1)?;
            return Some(f);
        }
        // "the past 24 hours", "the night of …"
        if w == "the" {
            return self.relative_day(c, i).or_else(|| self.parse_at(c, i + 1));
        }
        // "الأحد 28 شوال 1435هـ", "الثلاثاء، 5 آذار": the weekday only confirms the date
        if weekday_ar(w, true).or_else(|| weekday_en(w)).is_some() {
            let comma = c
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.key == "،" || t.key == ",");
            let j = if comma { i + 2 } else { i + 1 };
            if let Some(f) = self.day_month(c, j) {
                return Some(f);
            }
        }
        if let Some(f) = self.holiday(c, i) {
            return Some(f);
        }
        // "بعد يومين", "two days later": counted from the previous expression
        if let Some(f) = self.days_later(c, i) {
            return Some(f);
        }
        if let Some(f) = self.relative_day(c, i) {
            return Some(f);
        }
        if let Some(pt) = part(w) {
            let mut j = i + 1;
            // "mid-November"
            if c.tokens.get(j).is_some_and(|t| t.key == "-") {
                j += 1;
            }
            if c.is(j, &["of", "من"]) {
                j += 1;
            }
            // "نهاية شهر شباط"
            if c.is(j, &["شهر"]) && self.month_at(c, j + 1).is_some() {
                j += 1;
            }
            if c.is(j, &["the"]) {
                j += 1;
            }
            let f = self.period(c, j)?;
            return Some(Found {
                rule: "period_part",
                end: f.end,
                range: narrow(f.range, pt),
                future: f.future,
            });
        }
        if let Some(f) = self.day_month(c, i) {
            return Some(f);
        }
        self.period(c, i)
    }

    /// أمس، أمس الأول، اليوم، غداً، weekdays, "in the same day", English day words.
    fn relative_day(&self, c: &Ctx, i: usize) -> Option<Found> {
        let mut j = i;
        // part of the day: مساء أمس، فجر اليوم، صباح الأربعاء
        if c.is(j, DAY_PARTS) || c.is(j, &["overnight"]) {
            j += 1;
        } else if c.is(j, &["night"]) && c.is(j + 1, &["of"]) {
            j += 2;
        }
        let w = c.w(j)?;
        let p = c.p();
        let day = |end: usize, d: Option<Date>, future: bool| {
            d.map(|d| Found {
                rule: "relative_day",
                end,
                range: DateRange::day(d),
                future,
            })
        };
        match w {
            "امس" | "البارحه" | "yesterday" => {
                if c.is(j + 1, &["الاول"]) {
                    let end =
                        j + 2 + usize::from(weekday_ar(c.w(j + 2).unwrap_or(""), false).is_some());
                    return day(end, p.and_then(|p| add_days(p, -2)), false);
                }
                let end =
                    j + 1 + usize::from(weekday_ar(c.w(j + 1).unwrap_or(""), false).is_some());
                return day(end, p.and_then(|p| add_days(p, -1)), false);
            }
            "اول" if c.is(j + 1, &["امس"]) => {
                return day(j + 2, p.and_then(|p| add_days(p, -2)), false)
            }
            "غدا" | "الغد" | "tomorrow" => {
                return day(j + 1, p.and_then(|p| add_days(p, 1)), true)
            }
            "اول" if c.is(j + 1, &["من"]) && c.is(j + 2, &["امس"]) => {
                return day(j + 3, p.and_then(|p| add_days(p, -2)), false)
            }
            "the" | "day"
                if c.is(j, &["the"])
                    && c.is(j + 1, &["day"])
                    && c.is(j + 2, &["before"])
                    && c.is(j + 3, &["yesterday"]) =>
            {
                return day(j + 4, p.and_then(|p| add_days(p, -2)), false)
            }
            "today" | "tonight" => return day(j + 1, p, false),
            "اليوم" | "day" => {
                let prev = c.last;
                if c.is(j + 1, &["ذاته", "نفسه"]) {
                    return prev.map(|r| Found {
                        rule: "same_day",
                        end: j + 2,
                        range: r,
                        future: false,
                    });
                }
                if c.is(j + 1, &["التالي", "following", "next"]) {
                    return prev.and_then(|r| add_days(r.end, 1)).map(|d| Found {
                        rule: "next_day",
                        end: j + 2,
                        range: DateRange::day(d),
                        future: false,
                    });
                }
                if w == "day" {
                    return None;
                }
                // لليوم الثالث: the third day running, ending at publication
                if let Some(n) =
                    numbers::ordinal_at(c.tokens, j + 1).filter(|n| (2..=30).contains(&n.value))
                {
                    let p = p?;
                    return Some(Found {
                        rule: "day_running",
                        end: n.end,
                        range: span_range(add_days(p, 1 - n.value as i64)?, p),
                        future: false,
                    });
                }
                let end =
                    j + 1 + usize::from(weekday_ar(c.w(j + 1).unwrap_or(""), false).is_some());
                return day(end, p, false);
            }
            "the" if c.is(j + 1, &["same"]) && c.is(j + 2, &["day"]) => {
                return c.last.map(|r| Found {
                    rule: "same_day",
                    end: j + 3,
                    range: r,
                    future: false,
                })
            }
            "the" if c.is(j + 1, &["next", "following"]) && c.is(j + 2, &["day"]) => {
                return c.last.and_then(|r| add_days(r.end, 1)).map(|d| Found {
                    rule: "next_day",
                    end: j + 3,
                    range: DateRange::day(d),
                    future: false,
                })
            }
            "last" if c.is(j + 1, &["night"]) => {
                return day(j + 2, p.and_then(|p| add_days(p, -1)), false)
            }
            _ => {}
        }
        // weekdays: (يوم)? الثلاثاء (الماضي|المقبل)? ; (last|next|on)? Tuesday
        let (mut k, after_yawm) = if c.is(j, &["يوم"]) {
            (j + 1, true)
        } else {
            (j, false)
        };
        let mut dir = None;
        if let Some(d) = c
            .w(k)
            .and_then(direction)
            .filter(|_| c.w(k).is_some_and(|w| w.is_ascii()))
        {
            dir = Some(d);
            k += 1;
        }
        let kw = c.w(k)?;
        let wd = weekday_ar(kw, after_yawm).or_else(|| {
            weekday_en(kw).filter(|_| c.original(k).starts_with(|ch: char| ch.is_uppercase()))
        })?;
        let mut end = k + 1;
        if dir.is_none() {
            if let Some(d) = c.w(end).and_then(direction).filter(|_| !kw.is_ascii()) {
                dir = Some(d);
                end += 1;
            }
        }
        let p = p?;
        // a night across two dates: "ليل الأربعاء-الخميس", "ليلة الأربعاء على الخميس",
        // "the night of Wednesday to Thursday"
        let night = j > i && c.is(i, &["ليل", "ليله"])
            || c.is(i, &["night"]) && c.is(i + 1, &["of"])
            || c.is(i, &["overnight"]);
        if night && dir.is_none() {
            let mut m = end;
            while c
                .tokens
                .get(m)
                .is_some_and(|t| t.key == "-" || t.key == "–")
                || c.is(m, &["علي", "الي", "to", "into"])
            {
                m += 1;
            }
            let second = c
                .w(m)
                .and_then(|w| weekday_ar(w, true).or_else(|| weekday_en(w)));
            if let Some(wd2) = second.filter(|&w2| w2 == wd.next()) {
                let last = weekday_before(p, wd2, false)?;
                return Some(Found {
                    rule: "night",
                    end: m + 1,
                    range: DateRange {
                        start: add_days(last, -1)?,
                        end: last,
                        precision: Precision::Day,
                    },
                    future: false,
                });
            }
        }
        let (date, future) = match dir {
            Some(Dir::Future) => (weekday_after(p, wd)?, true),
            Some(Dir::Past) => (weekday_before(p, wd, true)?, false),
            _ => (weekday_before(p, wd, false)?, false),
        };
        Some(Found {
            rule: "weekday",
            end,
            range: DateRange::day(date),
            future,
        })
    }

    /// A month name of one or two words at `i`: (month, cased, end).
    fn month_at(&self, c: &Ctx, i: usize) -> Option<(u8, usize)> {
        self.any_month_at(c, i)
            .filter(|m| !m.2)
            .map(|(m, end, _)| (m, end))
    }

    /// A Gregorian or Hijri month name at `i`: (month, end, hijri).
    fn any_month_at(&self, c: &Ctx, i: usize) -> Option<(u8, usize, bool)> {
        for (n, conj) in (1..=self.months.max_words())
            .rev()
            .flat_map(|n| [(n, false), (n, true)])
        {
            let mut buf = [""; 4];
            if n > buf.len() || (i..i + n).any(|k| c.w(k).is_none()) {
                continue;
            }
            for (slot, k) in buf.iter_mut().zip(i..i + n) {
                *slot = c.w(k).unwrap_or("");
            }
            let words = &mut buf[..n];
            // "ونيسان", "وشباط": a month after the conjunction و
            if conj {
                match words[0]
                    .strip_prefix('و')
                    .filter(|r| r.chars().count() >= 3)
                {
                    Some(rest) => words[0] = rest,
                    None => continue,
                }
            }
            if let Some(m) = self.months.get(words) {
                if m.cased {
                    let orig = c.original(i);
                    let capital = orig.starts_with(|ch: char| ch.is_uppercase());
                    let numeric_near = c.num(i + n).is_some() || (i > 0 && c.num(i - 1).is_some());
                    let prep = i > 0
                        && c.is(
                            i - 1,
                            &[
                                "in",
                                "since",
                                "of",
                                "early",
                                "late",
                                "mid",
                                "throughout",
                                "during",
                                "until",
                            ],
                        );
                    if !(capital && (numeric_near || prep)) {
                        continue;
                    }
                }
                if let Some(exact) = &m.exact {
                    let written: String = c
                        .original(i)
                        .chars()
                        .filter(|ch| !is_mark_or_tatweel(*ch))
                        .collect();
                    if !written.ends_with(exact.as_str()) {
                        continue;
                    }
                }
                if m.context {
                    let numeric_near = c.num(i + n).is_some() || (i > 0 && c.num(i - 1).is_some());
                    let prep = i > 0
                        && (c.is(i - 1, &["في", "منذ", "خلال", "حتي", "شهر", "من", "اواخر"])
                            || c.w(i - 1).and_then(part).is_some());
                    let dir = c.w(i + n).and_then(direction).is_some();
                    if !(numeric_near || prep || dir) {
                        continue;
                    }
                }
                return Some((m.month, i + n, m.hijri));
            }
        }
        None
    }

    /// The year for month `m` given an optional direction, relative to publication.
    fn infer_year(&self, c: &Ctx, m: u8, dir: Option<Dir>) -> Option<i16> {
        let p = c.p()?;
        let (py, pm) = (p.year(), p.month() as u8);
        Some(match dir {
            Some(Dir::Future) => {
                if m > pm {
                    py
                } else {
                    py + 1
                }
            }
            Some(Dir::Current) => py,
            Some(Dir::Past) => {
                if m < pm {
                    py
                } else {
                    py - 1
                }
            }
            None => {
                if m <= pm {
                    py
                } else {
                    py - 1
                }
            }
        })
    }

    /// Day + month (+ year | direction): "10 شباط"، "العاشر من شباط الجاري"، "20 March 2023",
    /// "March 20, 2023", ISO "2018-04-10" and "10/4/2018".
    fn day_month(&self, c: &Ctx, i: usize) -> Option<Found> {
        // ISO and slashed numeric dates
        if let (Some(a), Some(sep)) = (c.num(i), c.tokens.get(i + 1)) {
            if matches!(sep.key.as_str(), "-" | "/")
                && c.tokens.get(i + 3).is_some_and(|t| t.key == sep.key)
            {
                if let (Some(b), Some(d)) = (c.num(i + 2), c.num(i + 4)) {
                    let (mut y, m, dd) = if a > 31 { (a, b, d) } else { (d, b, a) };
                    // "7/9/18": a two-digit year is this century's unless that is later
                    // than publication's
                    if y < 100 && c.tokens[i + 4].span.len() == 2 {
                        let pyy = c.p().map_or(99, |p| (p.year() % 100) as u64);
                        y += if y <= pyy { 2000 } else { 1900 };
                    }
                    if let Ok(date) = Date::new(y as i16, m as i8, dd as i8) {
                        if (1900..=2100).contains(&y) {
                            return Some(Found {
                                rule: "numeric_date",
                                end: i + 5,
                                range: DateRange::day(date),
                                future: false,
                            });
                        }
                    }
                }
            }
        }
        // (day) (من)? month ...
        if let Some(n) = numbers::ordinal_at(c.tokens, i).filter(|n| (1..=31).contains(&n.value)) {
            let mut j = n.end;
            if c.is(j, &["من", "of"]) {
                j += 1;
            }
            // "الخامس عشر من شهر تموز"
            if c.is(j, &["شهر"]) && self.any_month_at(c, j + 1).is_some() {
                j += 1;
            }
            if let Some((m, end, true)) = self.any_month_at(c, j) {
                return self.hijri_day(c, i, n.value as u8, m, end);
            }
            if let Some((m, end)) = self.month_at(c, j) {
                return self.finish_day(c, n.value as u8, m, end);
            }
        }
        // English: March 20(, 2023)
        if let Some((m, end)) = self.month_at(c, i) {
            if c.w(i).is_some_and(|w| w.is_ascii()) {
                if let Some(d) = c.num(end).filter(|d| (1..=31).contains(d)) {
                    let mut j = end + 1;
                    if c.tokens.get(j).is_some_and(|t| t.key == ",")
                        && c.num(j + 1).is_some_and(|y| y > 1900)
                    {
                        j += 1;
                    }
                    return self.finish_day(c, d as u8, m, j);
                }
            }
        }
        None
    }

    /// "(و)بعد يومين", "بعد ثلاثة أيام", "two days later": days after the previous expression.
    fn days_later(&self, c: &Ctx, i: usize) -> Option<Found> {
        let last = c.last?;
        let (n, end) = if c.is(i, &["بعد"]) {
            match c.w(i + 1)? {
                "يومين" => (2, i + 2),
                "يوم" => (1, i + 2),
                _ => {
                    let n = numbers::cardinal_at(c.tokens, i + 1)?;
                    if !c.is(n.end, &["ايام", "يوم"]) {
                        return None;
                    }
                    (n.value as i64, n.end + 1)
                }
            }
        } else {
            let n = numbers::cardinal_at(c.tokens, i)?;
            if !(c.is(n.end, &["days", "day"]) && c.is(n.end + 1, &["later"])) {
                return None;
            }
            (n.value as i64, n.end + 2)
        };
        if !(1..=30).contains(&n) || last.precision != Precision::Day {
            return None;
        }
        // "ويأتي ذلك بعد يوم من سيطرة التنظيم": what follows من happened N days before the
        // story's last date
        if c.is(end, &["من"]) {
            return Some(Found {
                rule: "days_before",
                end,
                range: DateRange::day(add_days(last.start, -n)?),
                future: false,
            });
        }
        Some(Found {
            rule: "days_later",
            end,
            range: DateRange::day(add_days(last.start, n)?),
            future: false,
        })
    }

    /// "24 ساعة الماضية" from the number at `i`: the last N hours, as the days they touch
    /// (24 → yesterday and today).
    fn hours(&self, c: &Ctx, i: usize) -> Option<Found> {
        let n = numbers::cardinal_at(c.tokens, i)?;
        if !c.is(n.end, &["ساعه", "ساعات"]) || c.w(n.end + 1).and_then(direction) != Some(Dir::Past)
        {
            return None;
        }
        let p = c.p()?;
        let days = (n.value as i64 + 23) / 24;
        Some(Found {
            rule: "recent_span",
            end: n.end + 2,
            range: span_range(add_days(p, -days)?, p),
            future: false,
        })
    }

    /// Whether token `k` separates the two ends of a range opened by `opener`.
    fn range_separator(c: &Ctx, k: usize, opener: &str) -> bool {
        let dash = c
            .tokens
            .get(k)
            .is_some_and(|t| matches!(t.key.as_str(), "-" | "–" | "—"));
        dash || match opener {
            "بين" => c.is(k, &["و"]),
            "between" => c.is(k, &["and"]),
            "من" => c.is(k, &["الي", "حتي", "ولغايه", "لغايه"]),
            "from" => c.is(k, &["to", "until", "through"]),
            _ => false,
        }
    }

    /// Ranges: "بين عامي 2014 و2017", "من عام 2014 إلى عام 2017", "between 2014 and 2017",
    /// "من 3 إلى 5 آذار 2024", "3–5 March 2024", "بين شهري آذار ونيسان 2024",
    /// "من 3 آذار إلى 5 نيسان"; the range runs from the first end's start to the second's end.
    fn range(&self, c: &Ctx, i: usize) -> Option<Found> {
        let opener = c.w(i).unwrap_or("");
        let (mut j, opener) = match opener {
            "بين" | "من" | "between" | "from" => (i + 1, opener),
            // "3–5 March 2024": a bare day range
            _ if c.num(i).is_some_and(|d| (1..=31).contains(&d)) => (i, "-"),
            _ => return None,
        };
        let years_word = ["عامي", "العامين", "سنتي", "عام", "العام", "سنه", "السنوات"];
        let months_word = c.is(j, &["شهري"]);
        if c.is(j, &years_word) || months_word {
            j += 1;
        }
        // years
        if let Some(y1) = c.num(j).filter(|y| (1900..=2100).contains(y)) {
            let mut k = j + 1;
            if !Self::range_separator(c, k, opener) {
                return None;
            }
            k += 1;
            if c.is(k, &years_word) {
                k += 1;
            }
            let y2 = c.num(k).filter(|y| (1900..=2100).contains(y) && *y > y1)?;
            return Some(Found {
                rule: "range",
                end: k + 1,
                range: DateRange {
                    start: year_range(y1 as i16)?.start,
                    end: year_range(y2 as i16)?.end,
                    precision: Precision::Year,
                },
                future: false,
            });
        }
        // days of one month: D1 (و|-|إلى) D2 month (year)?
        if let Some(d1) = c
            .num(j)
            .filter(|d| (1..=31).contains(d) && Self::range_separator(c, j + 1, opener))
        {
            let second = self.day_month(c, j + 2)?;
            let last = second.range.start;
            let first = Date::new(last.year(), last.month(), d1 as i8).ok()?;
            if first >= last {
                return None;
            }
            return Some(Found {
                rule: "range",
                end: second.end,
                range: span_range(first, last),
                future: second.future,
            });
        }
        if opener == "-" {
            return None;
        }
        // months: بين شهري آذار ونيسان (2024)?
        if months_word {
            let (m1, mut k) = self.month_at(c, j)?;
            if Self::range_separator(c, k, opener) {
                k += 1;
            } else if !c.w(k).is_some_and(|w| w.starts_with('و')) {
                return None;
            }
            let (m2, mut end) = self.month_at(c, k)?;
            let y = match c.num(end).filter(|y| (1900..=2100).contains(y)) {
                Some(y) => {
                    end += 1;
                    y as i16
                }
                None => self.infer_year(c, m2, None)?,
            };
            let y1 = if m1 <= m2 { y } else { y - 1 };
            return Some(Found {
                rule: "range",
                end,
                range: month_span(
                    month_range(y1, m1 as i8)?.start,
                    month_range(y, m2 as i8)?.end,
                ),
                future: false,
            });
        }
        // two full expressions: من 3 آذار إلى 5 نيسان
        let first = self.day_month(c, j)?;
        if !Self::range_separator(c, first.end, opener) {
            return None;
        }
        let mut second = self.parse_at(c, first.end + 1)?;
        if second.range.end < first.range.start {
            // "من 3 كانون الأول إلى 5 كانون الثاني": the second end is in the next year
            let later = |d: Date| Date::new(d.year() + 1, d.month(), d.day()).ok();
            second.range = DateRange {
                start: later(second.range.start)?,
                end: later(second.range.end)?,
                precision: second.range.precision,
            };
            if second.range.end < first.range.start {
                return None;
            }
        }
        Some(Found {
            rule: "range",
            end: second.end,
            range: span_range(first.range.start, second.range.end),
            future: second.future,
        })
    }

    /// "قبل ثلاثة أيام", "منذ يومين", "قبل أكثر من شهر", "قبل عامين", "two weeks ago": an
    /// amount of time before publication, from token `j` (after قبل/منذ). Days give that day;
    /// weeks the week around it; months the 31 days around the same day N months back; years
    /// the calendar year; "أيام" without a number a few days back.
    fn ago(&self, c: &Ctx, mut j: usize) -> Option<Found> {
        let mut more = false;
        if c.is(j, &["اكثر", "نحو", "حوالي", "about", "over", "more"]) {
            more = c.is(j, &["اكثر", "over", "more"]);
            j += 1;
            if c.is(j, &["من", "than"]) {
                j += 1;
            }
        }
        let mut n: Option<i64> = None;
        if c.is(j, &["عده", "بضعه", "a", "an"]) {
            n = c.is(j, &["a", "an"]).then_some(1);
            j += 1;
        } else if let Some(num) = numbers::cardinal_at(c.tokens, j) {
            n = Some(num.value as i64);
            j = num.end;
        }
        let unit = c.w(j)?;
        let kind = match unit {
            "يوم" | "يومين" | "ايام" | "day" | "days" => 'd',
            "اسبوع" | "اسبوعين" | "اسابيع" | "week" | "weeks" => 'w',
            "شهر" | "شهرين" | "اشهر" | "month" | "months" => 'm',
            "عام" | "عامين" | "اعوام" | "سنه" | "سنتين" | "سنوات" | "year" | "years" => {
                'y'
            }
            _ => return None,
        };
        let mut end = j + 1;
        if unit.is_ascii() {
            if !c.is(end, &["ago"]) {
                return None;
            }
            end += 1;
        }
        let dual = unit.ends_with("ين") || unit.ends_with("تين");
        let p = c.p()?;
        let range = match (kind, n) {
            // "قبل أيام", "منذ عدة أيام": a few days back
            ('d', None) if unit == "ايام" => week_range(add_days(p, -7)?, add_days(p, -2)?),
            // a plural without a number ("قبل سنوات", "weeks ago") is too vague
            (_, None)
                if matches!(
                    unit,
                    "اسابيع" | "اشهر" | "اعوام" | "سنوات" | "days" | "weeks" | "months" | "years"
                ) =>
            {
                return None;
            }
            ('d', n) => {
                let n = n.unwrap_or(if dual { 2 } else { 1 }) + i64::from(more);
                DateRange::day(add_days(p, -n)?)
            }
            ('w', n) => {
                let n = n.unwrap_or(if dual { 2 } else { 1 });
                let center = add_days(p, -7 * n - if more { 3 } else { 0 })?;
                week_range(add_days(center, -3)?, add_days(center, 3)?.min(p))
            }
            ('m', n) => {
                let n = n.unwrap_or(if dual { 2 } else { 1 });
                let (y, m) = shift_month(p.year(), p.month(), -(n as i32) - i32::from(more));
                let last = month_range(y, m)?.end.day();
                let center = Date::new(y, m, p.day().min(last)).ok()?;
                month_span(add_days(center, -15)?, add_days(center, 15)?.min(p))
            }
            (_, n) => {
                let n = n.unwrap_or(if dual { 2 } else { 1 });
                year_range(p.year() - n as i16 - i16::from(more))?
            }
        };
        Some(Found {
            rule: "ago",
            end,
            range,
            future: false,
        })
    }

    /// Islamic holidays (and Christmas): "عيد الأضحى", "أول أيام عيد الفطر", "صباح عيد الفطر",
    /// "ثاني أيام عيد الأضحى المبارك", "عاشوراء", "المولد النبوي", "رأس السنة الهجرية",
    /// "Eid al-Fitr"; the latest that has begun by publication unless a year or المقبل says
    /// otherwise.
    fn holiday(&self, c: &Ctx, i: usize) -> Option<Found> {
        let mut j = i;
        // which day of it: أول/ثاني/ثالث/رابع أيام; صباح/يوم/ليلة = the first day
        let mut nth: Option<u8> = None;
        if c.is(j + 1, &["ايام"]) {
            nth = match c.w(j)? {
                "اول" => Some(0),
                "ثاني" => Some(1),
                "ثالث" => Some(2),
                "رابع" => Some(3),
                _ => None,
            };
            if nth.is_some() {
                j += 2;
            }
        } else if c.is(j, DAY_PARTS) || c.is(j, &["يوم", "عشيه"]) {
            nth = Some(0);
            j += 1;
        }
        // (hijri, month, first day, days)
        let (hijri, month, day, days, mut end) = match c.w(j)? {
            "عيد" => match c.w(j + 1)? {
                "الفطر" => (true, 10, 1, 3, j + 2),
                "الاضحي" => (true, 12, 10, 4, j + 2),
                "الميلاد" if !c.is(j + 2, &["النبوي"]) => (false, 12, 25, 1, j + 2),
                _ => return None,
            },
            "عاشوراء" | "ashura" => (true, 1, 10, 1, j + 1),
            "المولد" if c.is(j + 1, &["النبوي"]) => (true, 3, 12, 1, j + 2),
            "راس" if c.is(j + 1, &["السنه"]) && c.is(j + 2, &["الهجريه"]) => {
                (true, 1, 1, 1, j + 3)
            }
            "eid" => {
                let k = (j + 1..(j + 5).min(c.tokens.len()))
                    .find(|&k| c.is(k, &["fitr", "adha", "al-fitr", "al-adha"]))?;
                let adha = c.tokens[k].key.ends_with("adha");
                if adha {
                    (true, 12, 10, 4, k + 1)
                } else {
                    (true, 10, 1, 3, k + 1)
                }
            }
            "christmas" => (false, 12, 25, 1, j + 1),
            _ => return None,
        };
        if c.is(end, &["المبارك", "السعيد"]) {
            end += 1;
        }
        let mut future = false;
        let first = if hijri {
            let (year, fut) = self.hijri_year_of(c, &mut end, month, day, |y| {
                crate::hijri::to_gregorian(y, month, day).and_then(|d| add_days(d, days as i64 - 1))
            })?;
            future = fut;
            crate::hijri::to_gregorian(year, month, day)?
        } else {
            let p = c.p()?;
            let y = match c.num(end).filter(|y| (1900..=2100).contains(y)) {
                Some(y) => {
                    end += 1;
                    y as i16
                }
                None => {
                    let this = Date::new(p.year(), month as i8, day as i8).ok()?;
                    if this <= p {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                }
            };
            Date::new(y, month as i8, day as i8).ok()?
        };
        let range = match nth {
            Some(n) if n < days => DateRange::day(add_days(first, n as i64)?),
            Some(_) => return None,
            None => span_range(first, add_days(first, days as i64 - 1)?),
        };
        Some(Found {
            end,
            range,
            future,
            rule: "holiday",
        })
    }

    /// Hijri month `m` whose name ends before token `end`: of the year written after it, or
    /// its latest occurrence that has begun by publication ("الماضي": the one before the
    /// current one; "المقبل": the next one).
    fn hijri_month(&self, c: &Ctx, m: u8, mut end: usize) -> Option<Found> {
        let (year, future) = self.hijri_year_of(c, &mut end, m, 1, |y| {
            crate::hijri::month_range(y, m).map(|r| r.end)
        })?;
        Some(Found {
            end,
            range: crate::hijri::month_range(year, m)?,
            future,
            rule: "hijri_month",
        })
    }

    /// The Hijri year of a month or holiday (`month`, `day`) named before token `end`: the
    /// year written after it ("1445 هـ"), else its latest occurrence begun by publication, the
    /// next with المقبل, the one before the current with الماضي while the current one (ending
    /// on `last_day(year)`) is still going on. Moves `end` past what it reads; says whether the
    /// text points forward.
    fn hijri_year_of(
        &self,
        c: &Ctx,
        end: &mut usize,
        month: u8,
        day: u8,
        last_day: impl Fn(i32) -> Option<Date>,
    ) -> Option<(i32, bool)> {
        if let Some(y) = c.num(*end).filter(|y| (1300..=1600).contains(y)) {
            *end += 1;
            if c.is(*end, HIJRI_SUFFIX) {
                *end += 1;
            }
            return Some((y as i32, false));
        }
        let dir = c.w(*end).and_then(direction);
        if dir.is_some() {
            *end += 1;
        }
        let future = dir == Some(Dir::Future);
        let p = c.p()?;
        let y = crate::hijri::occurrence_year(p, month, day, future)?;
        let ongoing = last_day(y).is_some_and(|last| last >= p);
        Some((
            if dir == Some(Dir::Past) && ongoing {
                y - 1
            } else {
                y
            },
            future,
        ))
    }

    /// "1440 هـ", "1440 للهجرة": a Hijri year (never the year 1440 of the common era).
    fn hijri_year(&self, c: &Ctx, i: usize) -> Option<Found> {
        let y = c.num(i).filter(|y| (1300..=1600).contains(y))?;
        if !c.is(i + 1, HIJRI_SUFFIX) {
            return None;
        }
        Some(Found {
            end: i + 2,
            range: crate::hijri::year_range(y as i32)?,
            future: false,
            rule: "hijri_year",
        })
    }

    /// "الأحد 28 شوال 1435هـ": a Hijri date, by the arithmetic calendar, moved by up to two
    /// days to the weekday the text names (official calendars differ from it by a day or two).
    fn hijri_day(&self, c: &Ctx, start: usize, day: u8, m: u8, mut end: usize) -> Option<Found> {
        let year = match c.num(end).filter(|y| (1300..=1600).contains(y)) {
            Some(y) => {
                end += 1;
                if c.is(end, HIJRI_SUFFIX) {
                    end += 1;
                }
                y as i32
            }
            None => crate::hijri::occurrence_year(c.p()?, m, day, false)?,
        };
        let mut date = hijri_to_date(year, m, day)?;
        let weekday = (start.saturating_sub(2)..start)
            .rev()
            .find_map(|k| c.w(k).and_then(|w| weekday_ar(w, true)));
        if let Some(wd) = weekday {
            if let Some(fixed) = (-2i64..=2)
                .filter_map(|d| add_days(date, d))
                .find(|d| d.weekday() == wd)
            {
                date = fixed;
            }
        }
        Some(Found {
            rule: "hijri_date",
            end,
            range: DateRange::day(date),
            future: false,
        })
    }

    fn finish_day(&self, c: &Ctx, day: u8, m: u8, mut end: usize) -> Option<Found> {
        let mut dir = None;
        if c.is(end, &["من"]) && c.is(end + 1, &["عام", "العام", "سنه"]) {
            end += 2;
        } else if c.is(end, &["عام", "سنه"]) {
            end += 1;
        }
        let y = if let Some(y) = c.num(end).filter(|y| (1900..=2100).contains(y)) {
            end += 1;
            y as i16
        } else {
            if let Some(d) = c.w(end).and_then(direction) {
                dir = Some(d);
                end += 1;
            }
            // the latest such date on or before publication; with المقبل the first after;
            // with الماضي the latest before; with الجاري this year's
            let p = c.p()?;
            let on = |y: i16| Date::new(y, m as i8, day as i8).ok();
            match dir {
                Some(Dir::Current) => p.year(),
                Some(Dir::Future) => {
                    (p.year()..=p.year() + 1).find(|&y| on(y).is_some_and(|d| d > p))?
                }
                Some(Dir::Past) => (p.year() - 1..=p.year())
                    .rev()
                    .find(|&y| on(y).is_some_and(|d| d < p))?,
                None => (p.year() - 1..=p.year())
                    .rev()
                    .find(|&y| on(y).is_some_and(|d| d <= p))?,
            }
        };
        let date = Date::new(y, m as i8, day as i8).ok()?;
        Some(Found {
            rule: "date",
            end,
            range: DateRange::day(date),
            future: dir == Some(Dir::Future),
        })
    }

    /// Months, years, weeks and spans of days: "شباط الماضي"، "عام 2015"، "الشهر الجاري"،
    /// "الشهر الثالث من العام الجاري"، "خلال الأيام الماضية"، "last week", "March".
    fn period(&self, c: &Ctx, i: usize) -> Option<Found> {
        let p = c.p();
        let w = c.w(i).unwrap_or("");
        // month name (+ year | direction)
        if let Some((m, mut end)) = self.month_at(c, i) {
            // "آذار من عام 2011", "آذار عام 2011"
            let year_at = if c.is(end, &["من"]) && c.is(end + 1, &["عام", "العام", "سنه"])
            {
                end + 2
            } else if c.is(end, &["عام", "سنه"]) {
                end + 1
            } else {
                end
            };
            if c.num(year_at).is_some_and(|y| (1900..=2100).contains(&y)) {
                end = year_at;
            }
            if let Some(y) = c.num(end).filter(|y| (1900..=2100).contains(y)) {
                return month_range(y as i16, m as i8).map(|r| Found {
                    rule: "month",
                    end: end + 1,
                    range: r,
                    future: false,
                });
            }
            let mut dir = c.w(end).and_then(direction);
            if dir.is_some() {
                end += 1;
            } else if c.is(end, &["و"]) || c.w(end).is_some_and(|w| w.starts_with('و')) {
                // "أواخر ديسمبر ومطلع يناير الماضيين": the shared direction comes later
                dir = None;
            }
            let y = self.infer_year(c, m, dir)?;
            let future = dir == Some(Dir::Future);
            return month_range(y, m as i8).map(|r| Found {
                rule: "month",
                end,
                range: r,
                future,
            });
        }
        // a Hijri month named alone (رمضان is also a given name): after في، خلال، منذ, or
        // with a year or a direction after it
        if let Some((m, end, true)) = self.any_month_at(c, i) {
            let introduced = i > 0
                && c.is(
                    i - 1,
                    &[
                        "في",
                        "خلال",
                        "منذ",
                        "حتي",
                        "طيلة",
                        "طوال",
                        "in",
                        "during",
                        "since",
                        "throughout",
                        "until",
                    ],
                );
            let qualified = c.w(end).and_then(direction).is_some()
                || c.num(end).is_some_and(|y| (1300..=1600).contains(&y));
            if introduced || qualified {
                return self.hijri_month(c, m, end);
            }
        }
        match w {
            "الشهر" | "شهر" if self.any_month_at(c, i + 1).is_some_and(|m| m.2) => {
                let (m, end, _) = self.any_month_at(c, i + 1)?;
                self.hijri_month(c, m, end)
            }
            "الشهر" | "شهر" | "month" => {
                if let Some(d) = c.w(i + 1).and_then(direction) {
                    let p = p?;
                    let delta = match d {
                        Dir::Past => -1,
                        Dir::Current => 0,
                        Dir::Future => 1,
                    };
                    let (y, m) = shift_month(p.year(), p.month(), delta);
                    return month_range(y, m).map(|r| Found {
                        rule: "month",
                        end: i + 2,
                        range: r,
                        future: d == Dir::Future,
                    });
                }
                // الشهر الثالث (من العام الجاري | من عام 2018)
                let n =
                    numbers::ordinal_at(c.tokens, i + 1).filter(|n| (1..=12).contains(&n.value))?;
                let mut end = n.end;
                let mut year = None;
                if c.is(end, &["من"]) && c.is(end + 1, &["العام", "عام", "السنه"]) {
                    if let Some(y) = c.num(end + 2) {
                        year = Some(y as i16);
                        end += 3;
                    } else if let Some(d) = c.w(end + 2).and_then(direction) {
                        let py = p?.year();
                        year = Some(match d {
                            Dir::Past => py - 1,
                            Dir::Current => py,
                            Dir::Future => py + 1,
                        });
                        end += 3;
                    }
                }
                let y = match year {
                    Some(y) => y,
                    None => self.infer_year(c, n.value as u8, None)?,
                };
                month_range(y, n.value as i8).map(|r| Found {
                    rule: "month_ordinal",
                    end,
                    range: r,
                    future: false,
                })
            }
            "العام" | "عام" | "السنه" | "سنه" | "year" => {
                if let Some(f) = self.hijri_year(c, i + 1) {
                    return Some(f);
                }
                // "عام ألفين وأربعة عشر"
                if let Some((y, end)) = year_in_words(c, i + 1) {
                    return year_range(y).map(|r| Found {
                        rule: "year",
                        end,
                        range: r,
                        future: false,
                    });
                }
                if let Some(y) = c.num(i + 1).filter(|y| (1900..=2100).contains(y)) {
                    return year_range(y as i16).map(|r| Found {
                        rule: "year",
                        end: i + 2,
                        range: r,
                        future: false,
                    });
                }
                let d = c.w(i + 1).and_then(direction)?;
                let py = p?.year();
                let y = match d {
                    Dir::Past => py - 1,
                    Dir::Current => py,
                    Dir::Future => py + 1,
                };
                year_range(y).map(|r| Found {
                    rule: "year",
                    end: i + 2,
                    range: r,
                    future: d == Dir::Future,
                })
            }
            // "الـ24 ساعة الماضية"
            "ال" => self.hours(c, i + 1),
            // "the past 24 hours", "the last three days", "recent days"
            "past" | "last"
                if numbers::cardinal_at(c.tokens, i + 1).is_some() || c.is(i + 1, &["few"]) =>
            {
                let p = p?;
                let (n, k) = match numbers::cardinal_at(c.tokens, i + 1) {
                    Some(n) => (Some(n.value as i64), n.end),
                    None => (None, i + 2),
                };
                let range = match (c.w(k)?, n) {
                    ("hours" | "hour", Some(h)) => span_range(add_days(p, -((h + 23) / 24))?, p),
                    ("days", Some(d)) => span_range(add_days(p, -d)?, add_days(p, -1)?),
                    ("days", None) => week_range(add_days(p, -8)?, add_days(p, -1)?),
                    ("weeks", Some(w)) => span_range(add_days(p, -7 * w)?, add_days(p, -1)?),
                    _ => return None,
                };
                Some(Found {
                    rule: "recent_span",
                    end: k + 1,
                    range,
                    future: false,
                })
            }
            "recent" if c.is(i + 1, &["days"]) => {
                let p = p?;
                Some(Found {
                    rule: "recent_span",
                    end: i + 2,
                    range: week_range(add_days(p, -8)?, add_days(p, -1)?),
                    future: false,
                })
            }
            "this" | "last" | "next" | "هذا" => {
                let d = if w == "هذا" {
                    Dir::Current
                } else {
                    direction(w)?
                };
                let unit = c.w(i + 1)?;
                let p = p?;
                let range = match unit {
                    "week" | "الاسبوع" => week_of(p, d)?,
                    "month" | "الشهر" => {
                        let delta = match d {
                            Dir::Past => -1,
                            Dir::Current => 0,
                            Dir::Future => 1,
                        };
                        let (y, m) = shift_month(p.year(), p.month(), delta);
                        month_range(y, m)?
                    }
                    "year" | "العام" => year_range(match d {
                        Dir::Past => p.year() - 1,
                        Dir::Current => p.year(),
                        Dir::Future => p.year() + 1,
                    })?,
                    _ => return None,
                };
                Some(Found {
                    rule: "this_last_next",
                    end: i + 2,
                    range,
                    future: d == Dir::Future,
                })
            }
            "الاسبوع" | "اسبوع" => {
                let d = c.w(i + 1).and_then(direction)?;
                Some(Found {
                    rule: "week",
                    end: i + 2,
                    range: week_of(p?, d)?,
                    future: d == Dir::Future,
                })
            }
            "الايام" | "ايام" | "الاسابيع" | "الشهرين" | "الشهريين" | "الساعات" =>
            {
                let mut j = i + 1;
                if c.is(j, &["القليله"]) {
                    j += 1;
                }
                // الساعات الـ24 الماضية
                if w == "الساعات" {
                    while c
                        .tokens
                        .get(j)
                        .is_some_and(|t| t.kind != TokenKind::Word || t.key == "ال")
                    {
                        j += 1;
                    }
                }
                // "الأيام الثلاثة الماضية": that many days back
                if matches!(w, "الايام" | "ايام") {
                    if let Some(n) = numbers::cardinal_at(c.tokens, j) {
                        if c.w(n.end).and_then(direction) == Some(Dir::Past)
                            && (1..=60).contains(&n.value)
                        {
                            let p = p?;
                            return Some(Found {
                                rule: "recent_span",
                                end: n.end + 1,
                                range: span_range(
                                    add_days(p, -(n.value as i64))?,
                                    add_days(p, -1)?,
                                ),
                                future: false,
                            });
                        }
                    }
                }
                let d = c.w(j).and_then(direction)?;
                let p = p?;
                let (range, future) = match (w, d) {
                    ("الساعات", Dir::Past) => {
                        let hours = (i + 1..j).find_map(|k| c.num(k)).unwrap_or(24) as i64;
                        (
                            span_range(add_days(p, -((hours + 23) / 24).max(1))?, p),
                            false,
                        )
                    }
                    // "خلال الأيام القليلة الماضية": the last few days; "الأيام الماضية": the
                    // last week or so
                    ("الايام" | "ايام", Dir::Past) if j > i + 1 => {
                        (week_range(add_days(p, -4)?, add_days(p, -1)?), false)
                    }
                    ("الايام" | "ايام", Dir::Past) => {
                        (week_range(add_days(p, -8)?, add_days(p, -1)?), false)
                    }
                    ("الايام" | "ايام", Dir::Future) => {
                        (week_range(p, add_days(p, 7)?), true)
                    }
                    ("الاسابيع", Dir::Past) => (month_span(add_days(p, -30)?, p), false),
                    // the two calendar months before publication's, as "الشهر الماضي" is one
                    ("الشهرين" | "الشهريين", Dir::Past) => {
                        let (y, m) = shift_month(p.year(), p.month(), -2);
                        let (y1, m1) = shift_month(p.year(), p.month(), -1);
                        (
                            month_span(Date::new(y, m, 1).ok()?, month_range(y1, m1)?.end),
                            false,
                        )
                    }
                    _ => return None,
                };
                Some(Found {
                    rule: "recent_span",
                    end: j + 1,
                    range,
                    future,
                })
            }
            "قبل" => self.ago(c, i + 1),
            "a" | "an" if c.is(i + 2, &["ago"]) => self.ago(c, i),
            _ => {
                if let Some(f) = self.hijri_year(c, i) {
                    return Some(f);
                }
                if let Some(f) = self.hours(c, i) {
                    return Some(f);
                }
                // "two days ago", "3 weeks ago"
                if numbers::cardinal_at(c.tokens, i).is_some_and(|n| c.is(n.end + 1, &["ago"])) {
                    return self.ago(c, i);
                }
                // a bare year after a preposition: "في 2015", "since 2014"
                let y = c.num(i).filter(|y| {
                    (1900..=2100).contains(y) && c.tokens[i].span.slice(c.text).chars().count() == 4
                })?;
                let prev_ok = i > 0
                    && (c.is(
                        i - 1,
                        &[
                            "في", "منذ", "حتي", "in", "since", "until", "of", "early", "late",
                            "mid",
                        ],
                    ) || c.w(i - 1).and_then(part).is_some());
                if !prev_ok {
                    return None;
                }
                year_range(y as i16).map(|r| Found {
                    rule: "year",
                    end: i + 1,
                    range: r,
                    future: false,
                })
            }
        }
    }
}

/// Words before a date that make it a name (of a city, street, square…), not a time.
const NAMED_BY_DATE: &[&str] = &[
    "مدينه",
    "شارع",
    "ساحه",
    "جسر",
    "جامعه",
    "ميدان",
    "مدرسه",
    "مستشفي",
    "ملعب",
    "حركه",
    "تيار",
    "قوي",
    "street",
    "bridge",
    "square",
    "university",
];

/// Words after a year that make it a Hijri year.
const HIJRI_SUFFIX: &[&str] = &[
    "ه",
    "هـ",
    "هجري",
    "هجريه",
    "للهجره",
    "الهجري",
    "الهجريه",
    "ah",
    "h",
];

/// A year written in words from token `i`: "ألفين" (2000) or "ألفين وأربعة عشر" (2014).
fn year_in_words(c: &Ctx, i: usize) -> Option<(i16, usize)> {
    if !c.is(i, &["الفين"]) {
        return None;
    }
    let Some(next) = c.tokens.get(i + 1).filter(|t| t.key.starts_with('و')) else {
        return Some((2000, i + 1));
    };
    // read the number after the conjunction و: the next words without that letter
    let from = next.span.start + 'و'.len_utf8();
    let until = c.tokens.get(i + 4).map_or(c.text.len(), |t| t.span.start);
    let rest = &c.text[from..until.max(from)];
    let n = numbers::cardinal_at(&rasid_text::tokenize(rest), 0)?;
    if !(1..=99).contains(&n.value) {
        return None;
    }
    Some((2000 + n.value as i16, i + 1 + n.end))
}

/// Harakat and tatweel, which spelling checks skip.
fn is_mark_or_tatweel(c: char) -> bool {
    ('\u{064B}'..='\u{0652}').contains(&c) || c == '\u{0640}' || c == '\u{0670}'
}

fn hijri_to_date(year: i32, month: u8, day: u8) -> Option<Date> {
    crate::hijri::to_gregorian(year, month, day)
}

fn span_range(start: Date, end: Date) -> DateRange {
    let days = (end - start).get_days();
    let precision = match days {
        0 => Precision::Day,
        1..=2 => Precision::Day,
        3..=10 => Precision::Week,
        11..=62 => Precision::Month,
        _ => Precision::Year,
    };
    DateRange {
        start,
        end,
        precision,
    }
}

fn week_range(start: Date, end: Date) -> DateRange {
    DateRange {
        start,
        end,
        precision: Precision::Week,
    }
}

fn month_span(start: Date, end: Date) -> DateRange {
    DateRange {
        start,
        end,
        precision: Precision::Month,
    }
}

fn week_of(p: Date, d: Dir) -> Option<DateRange> {
    Some(match d {
        Dir::Past => week_range(add_days(p, -7)?, add_days(p, -1)?),
        Dir::Current => week_range(
            add_days(p, -(p.weekday().to_monday_zero_offset() as i64))?,
            p,
        ),
        Dir::Future => week_range(add_days(p, 1)?, add_days(p, 7)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::tokenize;

    fn resolve(text: &str, published: &str) -> Vec<(String, String, String, &'static str)> {
        let r = TemporalResolver::default();
        let p: Date = published.parse().unwrap();
        r.find(text, &tokenize(text), Some(p))
            .into_iter()
            .map(|t| {
                (
                    t.mention.text,
                    t.range.start.to_string(),
                    t.range.end.to_string(),
                    t.range.precision.as_str(),
                )
            })
            .collect()
    }

    /// Behaviour as data: sentence, publication date, expected (mention, start, end, precision).
    #[test]
    fn arabic_and_english_table() {
        type Row<'a> = (&'a str, &'a str, (&'a str, &'a str, &'a str, &'a str));
        let table: &[Row] = &[
            (
                "وصلت الأرتال، أمس الثلاثاء، إلى المدينة",
                "2017-09-06",
                ("أمس الثلاثاء", "2017-09-05", "2017-09-05", "day"),
            ),
            (
                "هجوم شنته القوات مساء أمس الأول الأربعاء",
                "2018-02-09",
                ("مساء أمس الأول الأربعاء", "2018-02-07", "2018-02-07", "day"),
            ),
            (
                "هاجمت السجن مساء الخميس",
                "2022-01-22",
                ("مساء الخميس", "2022-01-20", "2022-01-20", "day"),
            ),
            (
                "انهيار جولة سابقة يوم الأربعاء الماضي",
                "2018-07-07",
                ("يوم الأربعاء الماضي", "2018-07-04", "2018-07-04", "day"),
            ),
            (
                "مواصلة التظاهر في الجمعة المقبلة",
                "2024-03-02",
                ("في الجمعة المقبلة", "2024-03-08", "2024-03-08", "day"),
            ),
            (
                "قتل خمسة من جنوده في العاشر من شباط الجاري",
                "2020-02-28",
                (
                    "في العاشر من شباط الجاري",
                    "2020-02-10",
                    "2020-02-10",
                    "day",
                ),
            ),
            (
                "منذ انسحاب القوات في الحادي والعشرين من أيار الماضي",
                "2015-08-19",
                (
                    "في الحادي والعشرين من أيار الماضي",
                    "2015-05-21",
                    "2015-05-21",
                    "day",
                ),
            ),
            (
                "أُقرت في 20 مارس الماضي",
                "2023-04-15",
                ("في 20 مارس الماضي", "2023-03-20", "2023-03-20", "day"),
            ),
            (
                "أن يلتقي الطرفان في مايو المقبل",
                "2023-04-15",
                ("في مايو المقبل", "2023-05-01", "2023-05-31", "month"),
            ),
            (
                "حصل اقتتال في نهاية الشهر الثالث من العام الجاري",
                "2018-04-08",
                (
                    "في نهاية الشهر الثالث من العام الجاري",
                    "2018-03-20",
                    "2018-03-31",
                    "month",
                ),
            ),
            (
                "الحصار المفروض منذ مطلع عام 2015",
                "2017-09-06",
                ("منذ مطلع عام 2015", "2015-01-01", "2017-09-05", "month"),
            ),
            (
                "سيطرت القوات مطلع الشهر الجاري",
                "2016-12-16",
                ("مطلع الشهر الجاري", "2016-12-01", "2016-12-10", "month"),
            ),
            (
                "تتواصل لليوم الثالث الاشتباكات",
                "2022-01-22",
                ("لليوم الثالث", "2022-01-20", "2022-01-22", "day"),
            ),
            (
                "أفرجت خلال الأيام الماضية عن موقوفين",
                "2024-03-02",
                ("خلال الأيام الماضية", "2024-02-23", "2024-03-01", "week"),
            ),
            (
                "أول قافلة تصل منذ كانون الثاني الماضي",
                "2018-11-04",
                (
                    "منذ كانون الثاني الماضي",
                    "2018-01-01",
                    "2018-11-03",
                    "month",
                ),
            ),
            (
                "The SDF said on Saturday they had captured Baghouz",
                "2019-03-23",
                ("on Saturday", "2019-03-23", "2019-03-23", "day"),
            ),
            (
                "a drone attack in Jordan last Sunday",
                "2024-02-03",
                ("last Sunday", "2024-01-28", "2024-01-28", "day"),
            ),
            (
                "backed the push with air strikes throughout March",
                "2019-03-23",
                ("throughout March", "2019-03-01", "2019-03-31", "month"),
            ),
            (
                "published 2018-04-10 in the report",
                "2019-01-01",
                ("2018-04-10", "2018-04-10", "2018-04-10", "day"),
            ),
        ];
        for (text, p, want) in table {
            let got = resolve(text, p);
            let want = (
                want.0.to_string(),
                want.1.to_string(),
                want.2.to_string(),
                want.3,
            );
            assert!(got.contains(&want), "{text}\n got {got:?}\nwant {want:?}");
        }
    }

    #[test]
    fn hijri_dates() {
        // 28 Shawwal 1435 was Sunday 24 August 2014; the weekday settles the calendar's day
        let got = resolve(
            "نشر التنظيم بياناً مؤرخاً في «الأحد 28 شوال 1435هـ»",
            "2014-08-25",
        );
        assert!(got.iter().any(|t| t.1 == "2014-08-24"), "{got:?}");
        assert_eq!(hijri_to_date(1445, 9, 1).unwrap().to_string(), "2024-03-11");
        let got = resolve("خلال شهر رمضان", "2024-03-20");
        assert_eq!((got[0].1.as_str(), got[0].3), ("2024-03-11", "month"));
        assert!(
            resolve("صفر", "2024-03-20").is_empty(),
            "a bare month name is a word"
        );
    }

    #[test]
    fn anaphora_and_lists() {
        let got = resolve(
            "قتلوا أمس خمسة، وقصفت الطائرات الحي في اليوم ذاته",
            "2017-09-06",
        );
        assert_eq!(got[1].1, "2017-09-05");
        let got = resolve(
            "خطفوا في مدينة سرت أواخر ديسمبر ومطلع يناير الماضيين",
            "2015-02-17",
        );
        assert_eq!(got[0].1, "2014-12-20");
        assert_eq!(got[1].1, "2015-01-01");
    }

    #[test]
    fn words_that_are_not_dates() {
        assert!(resolve("may be it will march on", "2020-01-01").is_empty());
        assert!(resolve("قال الأحد عشر لاعباً إن العام كان صعباً", "2020-01-01")
            .iter()
            .all(|t| t.0 != "العام"));
    }

    #[test]
    fn no_publication_date_no_relative_dates() {
        let r = TemporalResolver::default();
        let text = "قصفت الطائرات أمس البلدة في 20 مارس 2023";
        let found = r.find(text, &tokenize(text), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range.start.to_string(), "2023-03-20");
    }
}
