//! Cardinal and ordinal numbers written in digits or words (Arabic and English).
//!
//! Works on token keys (already folded: ة→ه, أ→ا, ى→ي). Arabic compounds put units before
//! tens with و ("خمسة وعشرون" = 25, "الحادي والعشرين" = 21st); teens put the unit first
//! ("ستة عشر" = 16).

use crate::{Token, TokenKind};

fn strip_article(w: &str) -> &str {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}

/// Value of one Arabic or English cardinal word (folded key).
pub fn cardinal_word(w: &str) -> Option<u64> {
    let w = strip_article(w);
    Some(match w {
        "واحد" | "واحده" | "one" => 1,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" | "two" => 2,
        "ثلاث" | "ثلاثه" | "three" => 3,
        "اربع" | "اربعه" | "four" => 4,
        "خمس" | "خمسه" | "five" => 5,
        "ست" | "سته" | "six" => 6,
        "سبع" | "سبعه" | "seven" => 7,
        "ثمان" | "ثماني" | "ثمانيه" | "eight" => 8,
        "تسع" | "تسعه" | "nine" => 9,
        "عشر" | "عشره" | "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "عشرون" | "عشرين" | "twenty" => 20,
        "ثلاثون" | "ثلاثين" | "thirty" => 30,
        "اربعون" | "اربعين" | "forty" => 40,
        "خمسون" | "خمسين" | "fifty" => 50,
        "ستون" | "ستين" | "sixty" => 60,
        "سبعون" | "سبعين" | "seventy" => 70,
        "ثمانون" | "ثمانين" | "eighty" => 80,
        "تسعون" | "تسعين" | "ninety" => 90,
        "ميه" | "مايه" | "hundred" => 100,
        "ميتان" | "ميتين" | "مايتان" | "مايتين" => 200,
        "الف" | "thousand" => 1000,
        "الفان" | "الفين" => 2000,
        _ => return None,
    })
}

/// Value of an Arabic or English ordinal word (folded key): الأول/first … العاشر/tenth,
/// and the tens العشرين … الثلاثين.
pub fn ordinal_word(w: &str) -> Option<u64> {
    let w = strip_article(w);
    Some(match w {
        "اول" | "اولي" | "first" => 1,
        "ثاني" | "ثانيه" | "second" => 2,
        "ثالث" | "ثالثه" | "third" => 3,
        "رابع" | "رابعه" | "fourth" => 4,
        "خامس" | "خامسه" | "fifth" => 5,
        "سادس" | "سادسه" | "sixth" => 6,
        "سابع" | "سابعه" | "seventh" => 7,
        "ثامن" | "ثامنه" | "eighth" => 8,
        "تاسع" | "تاسعه" | "ninth" => 9,
        "عاشر" | "عاشره" | "tenth" => 10,
        "حادي" | "حاديه" => 1,
        "عشرين" | "twentieth" => 20,
        "ثلاثين" | "thirtieth" => 30,
        _ => return None,
    })
}

/// A number read from tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberMatch {
    pub value: u64,
    /// Exclusive end token index.
    pub end: usize,
}

fn word_key(tokens: &[Token], i: usize) -> Option<&str> {
    tokens
        .get(i)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.key.as_str())
}

/// `w` with a leading conjunction و removed, when it leaves a number word.
fn after_waw(w: &str, read: fn(&str) -> Option<u64>) -> Option<u64> {
    w.strip_prefix('و').and_then(read)
}

/// Read a cardinal number starting at token `i`: digits ("33", "1,500"), words ("ثلاثة",
/// "خمسة وعشرون", "ستة عشر", "مئة", "ثلاثة آلاف", "twenty-one").
pub fn cardinal_at(tokens: &[Token], i: usize) -> Option<NumberMatch> {
    let t = tokens.get(i)?;
    if let Some(v) = t.number() {
        // "3 آلاف" / "3 thousand"
        if let Some(m) = word_key(tokens, i + 1).and_then(multiplier) {
            return Some(NumberMatch {
                value: v * m,
                end: i + 2,
            });
        }
        return Some(NumberMatch {
            value: v,
            end: i + 1,
        });
    }
    let w = word_key(tokens, i)?;
    let mut value = cardinal_word(w)?;
    let mut end = i + 1;
    // teens: "ستة عشر", "احد عشر", "اثنا عشر"
    if value < 10 {
        if let Some("عشر" | "عشره") = word_key(tokens, end) {
            value += 10;
            end += 1;
        }
    }
    // unit و tens: "خمسة وعشرون"
    if value < 10 {
        if let Some(tens) = word_key(tokens, end).and_then(|w| after_waw(w, cardinal_word)) {
            if (20..=90).contains(&tens) {
                value += tens;
                end += 1;
            }
        }
    }
    // English "twenty one" / "twenty-one" (the hyphen is a token)
    if (20..=90).contains(&value) {
        let mut j = end;
        if tokens.get(j).is_some_and(|t| t.key == "-") {
            j += 1;
        }
        if let Some(u) = word_key(tokens, j)
            .and_then(cardinal_word)
            .filter(|u| *u < 10)
        {
            value += u;
            end = j + 1;
        }
    }
    if let Some(m) = word_key(tokens, end).and_then(multiplier) {
        value *= m;
        end += 1;
    }
    Some(NumberMatch { value, end })
}

fn multiplier(w: &str) -> Option<u64> {
    match w {
        "الاف" | "الف" | "thousand" | "thousands" => Some(1000),
        "مليون" | "million" => Some(1_000_000),
        _ => None,
    }
}

/// Read a day ordinal starting at token `i`: "العاشر", "الحادي والعشرين", "السابع والعشرين",
/// "الثلاثين", "first", or digits.
pub fn ordinal_at(tokens: &[Token], i: usize) -> Option<NumberMatch> {
    let t = tokens.get(i)?;
    if let Some(v) = t.number() {
        return Some(NumberMatch {
            value: v,
            end: i + 1,
        });
    }
    let w = word_key(tokens, i)?;
    let mut value = ordinal_word(w)?;
    let mut end = i + 1;
    if value < 10 {
        if let Some("عشر") = word_key(tokens, end) {
            return Some(NumberMatch {
                value: value + 10,
                end: end + 1,
            });
        }
        if let Some(tens) = word_key(tokens, end).and_then(|w| after_waw(w, ordinal_word)) {
            if tens == 20 || tens == 30 {
                value += tens;
                end += 1;
            }
        }
    } else if value == 10 && w.ends_with("عاشر") {
        // "العاشر" alone
    }
    Some(NumberMatch { value, end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn card(s: &str) -> Option<u64> {
        cardinal_at(&tokenize(s), 0).map(|m| m.value)
    }
    fn ord(s: &str) -> Option<u64> {
        ordinal_at(&tokenize(s), 0).map(|m| m.value)
    }

    #[test]
    fn arabic_and_english_cardinals() {
        for (s, v) in [
            ("٣٣ جندياً", 33),
            ("خمسة مدنيين", 5),
            ("ستة عشر شخصاً", 16),
            ("خمسة وعشرون", 25),
            ("مئة عنصر", 100),
            ("ثلاثة آلاف", 3000),
            ("1,500", 1500),
            ("twenty-one", 21),
            ("three American soldiers", 3),
        ] {
            assert_eq!(card(s), Some(v), "{s}");
        }
        assert_eq!(card("عناصر"), None);
    }

    #[test]
    fn day_ordinals() {
        for (s, v) in [
            ("العاشر من شباط", 10),
            ("الحادي والعشرين من أيار", 21),
            ("السابع والعشرين", 27),
            ("الثلاثين", 30),
        ] {
            assert_eq!(ord(s), Some(v), "{s}");
        }
    }
}
