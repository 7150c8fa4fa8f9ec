//! People named after a title or role, and by kunya.

use rasid_core::{Mention, Person, Span};
use rasid_text::{is_common_word, Token, TokenKind};

/// Arabic title words (match keys). A person's name follows the title and its complements.
const AR_TITLES: &[&str] = &[
    "الرييس",
    "رييس",
    "وزير",
    "الوزير",
    "المتحدث",
    "متحدث",
    "الناطق",
    "ناطق",
    "القايد",
    "قايد",
    "زعيم",
    "الزعيم",
    "الامير",
    "امير",
    "الشيخ",
    "العميد",
    "اللواء",
    "العقيد",
    "النقيب",
    "المقدم",
    "الجنرال",
    "المدير",
    "مدير",
    "المديره",
    "مديره",
    "محافظ",
    "المحافظ",
    "والي",
    "عضو",
    "الناشط",
    "ناشط",
    "الصحفي",
    "الصحافي",
    "شقيق",
    "الملقب",
    "المسوول",
    "مسوول",
    "القيادي",
    "قيادي",
    "المبعوث",
    "مبعوث",
    "السفير",
    "المرشد",
    "الملك",
    "خليفه",
    "الخليفه",
    "الامين",
    "المفتي",
    "النايب",
    "نايب",
    "بقلم",
    "الكاتب",
    "القاضي",
    "الدكتور",
    "د",
];

/// Role words of people who do not fight or govern ("عالم الآثار خالد الأسعد", "الطبيب …"):
/// titles too, and a person so described who is killed, abducted or arrested is a civilian
/// victim.
pub const CIVILIAN_ROLES: &[&str] = &[
    "عالم",
    "الباحث",
    "باحث",
    "الطبيب",
    "طبيب",
    "المهندس",
    "مهندس",
    "المحامي",
    "محامي",
    "المعلم",
    "الاستاذ",
    "الشاعر",
    "الفنان",
    "المصور",
    "التاجر",
    "رجل",
    "الناشط",
    "ناشط",
    "الصحفي",
    "الصحافي",
    "الكاتب",
    "الدكتور",
];

/// Whether a word (match key, without clitics) is a title or role before a name.
fn is_title(key: &str) -> bool {
    AR_TITLES.contains(&key) || CIVILIAN_ROLES.contains(&key)
}

/// Whether a person's role (as written before the name) is a civilian one.
pub fn civilian_role(role: &str) -> bool {
    role.split_whitespace()
        .next()
        .map(|w| strip_clitic(&rasid_text::match_key(w)).to_string())
        .is_some_and(|w| CIVILIAN_ROLES.contains(&w.as_str()))
}

/// Words that may stand between a title and the name ("باسم", "العام", nationalities).
fn title_complement(key: &str) -> bool {
    // "المدير العام للآثار والمتاحف": genitive words of an institution
    INSTITUTIONS.contains(&key)
        || ["لل", "وال", "بال"].iter().any(|p| key.starts_with(p))
        || matches!(
            key,
            "باسم"
                | "العام"
                | "العامه"
                | "السابق"
                | "الاسبق"
                | "الاعلي"
                | "الوزراء"
                | "الجمهوريه"
                | "الخارجيه"
                | "الدفاع"
                | "الداخليه"
                | "الحكومه"
                | "الامن"
                | "العسكري"
                | "الاعلامي"
                | "المكتب"
                | "السياسي"
                | "للامم"
                | "الامم"
                | "المتحده"
                | "مجلس"
                | "المجلس"
                | "اقليم"
                | "حكومه"
                | "كردستان"
                | "الاثار"
                | "الاعمال"
                | "الدين"
                | "المسلمين"
                | "والمتاحف"
                | "لاثار"
                | "المنظمه"
                | "لمنظمه"
                | "منظمه"
        )
        || (key.starts_with("ال") && key.ends_with('ي') && key.chars().count() >= 5)
}

const EN_TITLES: &[&str] = &[
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "general",
    "commander",
    "leader",
    "envoy",
    "ambassador",
    "chief",
    "colonel",
    "major",
    "captain",
    "sheikh",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// Places of work named after a town ("مدير مشفى تدمر"): part of a title, never of a name.
const INSTITUTIONS: &[&str] = &[
    "مشفي",
    "مستشفي",
    "المشفي",
    "المستشفي",
    "متحف",
    "مدرسه",
    "جامعه",
    "مطار",
    "سجن",
    "مخيم",
    "معبر",
    "مجلس",
    "محكمه",
    "بلديه",
    "مديريه",
    "مركز",
    "قياده",
    "فرع",
];

/// Words that never belong to a name (function words, time words, reporting verbs).
pub(crate) const NAME_STOP: &[&str] = &[
    "الجنسيه",
    "ان",
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "قد",
    "امس",
    "اليوم",
    "الذي",
    "التي",
    "الذين",
    "بعد",
    "قبل",
    "خلال",
    "انه",
    "انها",
    "ما",
    "لا",
    "لم",
    "لن",
    "قال",
    "قالت",
    "اكد",
    "اعلن",
    "وقال",
    "هو",
    "هي",
    "عام",
    "منذ",
    "حتي",
];

fn word(tokens: &[Token], i: usize) -> Option<&Token> {
    tokens.get(i).filter(|t| t.kind == TokenKind::Word)
}

fn strip_clitic(key: &str) -> &str {
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(r) = key.strip_prefix(p) {
            if is_title(r) {
                return r;
            }
        }
    }
    key
}

/// Find persons in `tokens`. `taken` are spans already known to be actors, `places` spans
/// of places (both sorted): a name never overlaps an actor and starts with no place, but a
/// title may be followed by either ("المتحدث باسم «قسد» طلال سلو", "والي هاتاي رحمي دوغان").
pub fn find_persons(text: &str, tokens: &[Token], taken: &[Span], places: &[Span]) -> Vec<Person> {
    // both lists sorted by start
    let hit = |spans: &[Span], t: &Token| {
        let i = spans.partition_point(|s| s.end <= t.span.start);
        spans.get(i).is_some_and(|s| s.overlaps(t.span))
    };
    let in_taken = |t: &Token| hit(taken, t) || hit(places, t);
    let mut out: Vec<Person> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(t) = word(tokens, i) else {
            i += 1;
            continue;
        };
        let key = strip_clitic(&t.key);
        let arabic_title = is_title(key);
        let english_title = t.key.is_ascii() && EN_TITLES.contains(&key) && !in_taken(t);
        // "أبو حسام", and the same written joined: "أبوحسام"
        let joined_kunya = ["ابو", "ابي", "ابا"].iter().any(|k| {
            key.strip_prefix(k)
                .is_some_and(|rest| rest.chars().count() >= 3 && !is_common_word(key))
        }) && !in_taken(t);
        let kunya = (matches!(key, "ابو" | "ابي" | "ابا") || joined_kunya) && !in_taken(t);
        if !(arabic_title || english_title || kunya) {
            i += 1;
            continue;
        }
        // skip the title's complements and any actor/place named inside it
        let title_start = i;
        let mut j = i + 1;
        if !kunya {
            let mut steps = 0;
            while steps < 6 {
                match tokens.get(j) {
                    Some(n)
                        if n.kind == TokenKind::Punct
                            && matches!(
                                n.key.as_str(),
                                "«" | "»" | "\"" | "(" | ")" | "”" | "“" | ":"
                            ) => {}
                    Some(n)
                        if n.kind == TokenKind::Word
                            && (in_taken(n) || (arabic_title && title_complement(&n.key))) => {}
                    Some(n)
                        if english_title
                            && n.kind == TokenKind::Word
                            && matches!(n.key.as_str(), "minister" | "of" | "the") => {}
                    _ => break,
                }
                j += 1;
                steps += 1;
            }
        }
        // the name: up to 3 words (4 with a kunya or عبد), not common words, not taken
        let name_start = if kunya { i } else { j };
        let mut k = name_start;
        let max = if joined_kunya {
            2
        } else if kunya {
            3
        } else {
            4
        };
        while k < tokens.len() && k - name_start < max {
            let Some(n) = word(tokens, k) else { break };
            // a family name may also be a village name ("نوري المالكي"); a first name is not,
            // and no name goes on after a place
            if hit(taken, n)
                || (hit(places, n) && k == name_start)
                || (k > name_start && hit(places, &tokens[k - 1]))
            {
                break;
            }
            let original = n.span.slice(text);
            let ok = if n.key.is_ascii() {
                original.starts_with(|c: char| c.is_uppercase())
            } else {
                // Given and family names are often ordinary words (حيدر، العبادي): the first two
                // words of a name may be common words, later ones may not.
                let position = k - name_start;
                let kunya_word = matches!(n.key.as_str(), "ابو" | "عبد" | "بن" | "ابن");
                !NAME_STOP.contains(&n.key.as_str())
                    && !INSTITUTIONS.contains(&n.key.as_str())
                    && !["لل", "وال", "بال"].iter().any(|p| n.key.starts_with(p))
                    && (position < 2 || kunya_word || !is_common_word(&n.key))
                    && !is_title(strip_clitic(&n.key))
            };
            if !ok {
                break;
            }
            k += 1;
        }
        let n_words = k - name_start + usize::from(joined_kunya);
        if n_words >= 2 {
            let span = Span::new(tokens[name_start].span.start, tokens[k - 1].span.end);
            let role = (!kunya).then(|| {
                // the title and its complements, without trailing quotes or colon
                let mut last = j.max(title_start + 1) - 1;
                while last > title_start && tokens[last].kind == TokenKind::Punct {
                    last -= 1;
                }
                Span::new(tokens[title_start].span.start, tokens[last].span.end)
                    .slice(text)
                    .to_string()
            });
            let mention = Mention::from_text(text, span);
            // "أبوحسام" is "أبو حسام"
            let name = if joined_kunya {
                let m = &mention.text;
                let cut = m.char_indices().nth(3).map_or(m.len(), |(b, _)| b);
                format!("{} {}", &m[..cut], &m[cut..])
            } else {
                mention.text.clone()
            };
            // "(اسم مستعار)" right after the name
            let pseudonym = tokens[k..(k + 4).min(tokens.len())].windows(2).any(|w| {
                strip_clitic(&w[0].key) == "اسم" && matches!(w[1].key.as_str(), "مستعار" | "وهمي")
            });
            if let Some(p) = out.iter_mut().find(|p| p.name == name) {
                p.pseudonym |= pseudonym;
            } else {
                out.push(Person {
                    name,
                    mention,
                    civilian: role.as_deref().is_some_and(civilian_role),
                    role,
                    affiliation: None,
                    pseudonym,
                    nationality: None,
                });
            }
            i = k;
        } else {
            i += 1;
        }
    }
    later_mentions(text, tokens, taken, &mut out);
    out
}

/// A person named in full is later called by surname ("فراس علاوي" … "وأضاف العلاوي") or by
/// kunya alone ("أبو محمد الجولاني" … "أبو محمد"): those later mentions are added as mentions
/// of the same person (same name), so quotes and acts are tied to the right person.
fn later_mentions(text: &str, tokens: &[Token], taken: &[Span], out: &mut Vec<Person>) {
    let mut extra = Vec::new();
    for p in out.iter() {
        let words: Vec<String> = p
            .name
            .split_whitespace()
            .map(rasid_text::match_key)
            .collect();
        if words.len() < 2 {
            continue;
        }
        let last = words.last().expect("two words");
        let bare = last.strip_prefix("ال").unwrap_or(last);
        if bare.chars().count() < 3
            || is_common_word(bare)
            || matches!(words[0].as_str(), "ابو" | "ام") && words.len() == 2
        {
            continue;
        }
        let surname_forms = [bare.to_string(), format!("ال{bare}")];
        for (k, t) in tokens.iter().enumerate() {
            if t.span.start < p.mention.span.end || t.kind != TokenKind::Word {
                continue;
            }
            if taken.iter().any(|s| s.overlaps(t.span))
                || out
                    .iter()
                    .chain(&extra)
                    .any(|q: &Person| q.mention.span.overlaps(t.span))
            {
                continue;
            }
            let key = strip_clitic(&t.key);
            // "العلاوي": the surname with the article, alone (not inside another full name)
            let alone = !tokens.get(k + 1).is_some_and(|n| {
                n.kind == TokenKind::Word
                    && !is_common_word(&n.key)
                    && !NAME_STOP.contains(&n.key.as_str())
            }) || k + 1 == tokens.len();
            if surname_forms.iter().any(|f| f == key) && key.starts_with("ال") && alone {
                let start = t.span.start + (t.key.len() - key.len()).min(t.span.len());
                let start = if text.is_char_boundary(start) {
                    start
                } else {
                    t.span.start
                };
                extra.push(Person {
                    mention: Mention::from_text(text, Span::new(start, t.span.end)),
                    ..p.clone()
                });
            }
        }
    }
    out.extend(extra);
    out.sort_by_key(|p| p.mention.span.start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::tokenize;

    fn names(text: &str, taken: &[&str]) -> Vec<String> {
        let spans: Vec<Span> = taken
            .iter()
            .map(|t| {
                let s = text.find(t).unwrap();
                Span::new(s, s + t.len())
            })
            .collect();
        find_persons(text, &tokenize(text), &spans, &[])
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn titles_roles_and_kunyas() {
        assert_eq!(
            names("وأمر رئيس الوزراء حيدر العبادي قوات", &[]),
            ["حيدر العبادي"]
        );
        assert_eq!(
            names("أكد المتحدث باسم «قسد» طلال سلو أمس", &["قسد"]),
            ["طلال سلو"]
        );
        assert_eq!(names("يقول أبو حسام : حصل اقتتال", &[]), ["أبو حسام"]);
        assert_eq!(names("President Joe Biden warned", &[]), ["Joe Biden"]);
    }

    #[test]
    fn no_name_after_a_title_is_no_person() {
        assert!(names("قال رئيس الوزراء إن القوات", &[]).is_empty());
    }
}

#[cfg(test)]
mod later {
    use super::*;
    use rasid_text::tokenize;

    #[test]
    fn surnames_later_mention_the_same_person() {
        let text =
            "قال الناشط الإعلامي فراس علاوي إن الاشتباكات مستمرة. وأضاف العلاوي أن المفاوضات توقفت.";
        let found = find_persons(text, &tokenize(text), &[], &[]);
        let mentions: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.name.as_str(), p.mention.text.as_str()))
            .collect();
        assert_eq!(
            mentions,
            [("فراس علاوي", "فراس علاوي"), ("فراس علاوي", "العلاوي")]
        );
    }
}
