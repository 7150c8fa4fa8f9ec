//! Small closed word lists that steer roles, modality, attribution and casualty counts.
//! All words are match keys (folded: أ→ا, ة→ه, ى→ي, ئ→ي, ؤ→و).

use rasid_core::Status;
use rasid_text::{numbers, Token, TokenKind};

/// The key of a word with one proclitic (و ف ب ل) removed when the rest is in `list`.
pub fn base<'k>(key: &'k str, list: &[&str]) -> Option<&'k str> {
    if list.contains(&key) {
        return Some(key);
    }
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(rest) = key.strip_prefix(p) {
            if list.contains(&rest) {
                return Some(rest);
            }
        }
    }
    None
}

/// Words that end an argument scope inside a sentence (a new clause about something else).
pub const SEGMENT_BREAKS: &[&str] = &[
    "فيما",
    "بينما",
    "حين",
    "وسط",
    "حيث",
    "كما",
    "اثر",
    "عقب",
    "بعد",
    "قبل",
    "ثم",
    "while",
    "whereas",
    "meanwhile",
    "although",
    "after",
    "before",
    "following",
    "as",
];

/// Nouns that sum up what was just told before a relative pronoun: "الأمر الذي رفضته …",
/// "وهو ما نفته …", "the move, which … rejected".
const ANAPHOR_HEADS: &[&str] = &["الامر", "الخطوه", "القرار", "وهو", "هو", "وهي", "هي"];

/// Where an anaphor for the matter told before ("الأمر الذي", "وهو ما") starts, when one ends
/// right before token `at`.
pub fn anaphor_before(tokens: &[Token], at: usize) -> Option<usize> {
    if at < 2 {
        return None;
    }
    let rel = tokens[at - 1].key.as_str();
    let head = base(tokens[at - 2].key.as_str(), ANAPHOR_HEADS)?;
    let ok = match rel {
        "الذي" | "التي" => !matches!(head, "هو" | "هي"),
        "ما" => matches!(head, "هو" | "هي"),
        _ => false,
    };
    ok.then_some(at - 2)
}
/// Status cues that come before the trigger they govern.
pub fn status_cue(key: &str) -> Option<Status> {
    const NEG: &[&str] = &[
        "لم",
        "لن",
        "لا",
        "نفي",
        "نفت",
        "ينفي",
        "تنفي",
        "نفوا",
        "دون",
        "بدون",
        "عدم",
        "ايقاف",
        "منع",
        "تاجلت",
        "تاجل",
        "تعذر",
        "not",
        "no",
        "never",
        "denied",
        "denies",
        "without",
        "halted",
        "stopped",
        "postponed",
    ];
    const PLANNED: &[&str] = &[
        "المقرر",
        "مقرر",
        "تعتزم",
        "يعتزم",
        "يعتزمون",
        "بهدف",
        "سوف",
        "المزمع",
        "مزمع",
        "يخطط",
        "تخطط",
        "خطه",
        "ستعمل",
        "يقضي",
        "تقضي",
        "تتضمن",
        "يتضمن",
        "ينتظر",
        "تنتظر",
        "will",
        "plans",
        "planned",
        "plan",
        "intends",
        "would",
        "expected",
        "scheduled",
        "يعتزمان",
        "لبحث",
        "مواصله",
        "تعمل",
        "يعمل",
        "تسعي",
        "يسعي",
        "نيه",
        "نيتهم",
        "نيته",
        "تنوي",
        "ينوي",
        "ينوون",
        "لاتمام",
        "اتمام",
        "حتي",
        "working",
        "seeking",
        "intend",
        "intention",
    ];
    const HYPO: &[&str] = &[
        "ربما",
        "قد",
        "اذا",
        "لو",
        "حال",
        "يحتمل",
        "محتمل",
        "الممكن",
        "يتيح",
        "تتيح",
        "امكانيه",
        "حاول",
        "حاولت",
        "حاولوا",
        "محاوله",
        "يحاول",
        "يحاولون",
        "may",
        "might",
        "could",
        "if",
        "possible",
        "possibly",
        "attempted",
        "tried",
    ];
    const CLAIMED: &[&str] = &[
        "تبني",
        "تبنت",
        "زعم",
        "زعمت",
        "ادعي",
        "ادعت",
        "claimed",
        "alleged",
        "بتهمه",
    ];
    if base(key, NEG).is_some() {
        Some(Status::Negated)
    } else if base(key, HYPO).is_some() {
        Some(Status::Hypothetical)
    } else if base(key, PLANNED).is_some() {
        Some(Status::Planned)
    } else if base(key, CLAIMED).is_some() {
        Some(Status::Claimed)
    } else {
        None
    }
}

/// Reporting verbs and prepositions that introduce who says so.
pub const REPORT_CUES: &[&str] = &[
    "وفق",
    "وفقا",
    "بحسب",
    "حسب",
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "افاد",
    "افادت",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "ذكر",
    "ذكرت",
    "اوضح",
    "اوضحت",
    "نقلت",
    "نقل",
    "اضاف",
    "اضافت",
    "مشيرا",
    "مشيره",
    "بيان",
    "according",
    "said",
    "says",
    "reported",
    "announced",
    "told",
    "stated",
];

/// Unnamed sources: (first word, canonical English label).
pub const UNNAMED_SOURCES: &[(&str, &str)] = &[
    ("مصدر", "unnamed source"),
    ("مصادر", "unnamed sources"),
    ("ناشطون", "activists"),
    ("ناشطين", "activists"),
    ("شهود", "witnesses"),
    ("source", "unnamed source"),
    ("sources", "unnamed sources"),
    ("officials", "unnamed officials"),
    ("activists", "activists"),
    ("witnesses", "witnesses"),
];

/// Nouns for people killed or hurt, and whether they are civilians.
pub fn victim_noun(key: &str) -> Option<bool> {
    const CIVILIAN: &[&str] = &[
        "مدني",
        "مدنيين",
        "مدنيا",
        "مدنيون",
        "اطفال",
        "طفل",
        "طفلا",
        "طفلان",
        "طفلين",
        "نساء",
        "امراه",
        "شخص",
        "شخصا",
        "رجل",
        "رجلا",
        "شخصين",
        "شخصان",
        "طفلين",
        "طفلان",
        "اشخاص",
        "مواطن",
        "مواطنا",
        "مواطنين",
        "مدنيه",
        "عمال",
        "عاملا",
        "سايق",
        "سايقا",
        "مصريا",
        "صحفي",
        "صحفيا",
        "civilian",
        "civilians",
        "people",
        "children",
        "women",
        "residents",
        "person",
        "persons",
    ];
    const ARMED: &[&str] = &[
        "عنصر",
        "عنصرا",
        "عناصر",
        "عنصران",
        "عنصرين",
        "مقاتل",
        "مقاتلا",
        "مقاتلين",
        "مقاتلي",
        "مقاتلو",
        "جندي",
        "جنديا",
        "جنود",
        "جنديان",
        "جنديين",
        "عسكري",
        "عسكريا",
        "عسكريين",
        "مسلح",
        "مسلحا",
        "مسلحين",
        "قيادي",
        "قياديا",
        "قياديين",
        "قاده",
        "ضابط",
        "ضابطا",
        "ضابطين",
        "ضابطان",
        "ضباط",
        "soldier",
        "soldiers",
        "fighters",
        "fighter",
        "troops",
        "militants",
        "members",
        "servicemen",
        "جنودا",
        "عسكريون",
    ];
    if base(key, CIVILIAN).is_some() {
        Some(true)
    } else if base(key, ARMED).is_some() {
        Some(false)
    } else {
        None
    }
}

/// Words before a count that qualify it ("نحو"، "ما لا يقل عن"، "at least").
fn count_qualifier(key: &str) -> bool {
    matches!(
        key,
        "نحو"
            | "حوالي"
            | "قرابه"
            | "اكثر"
            | "من"
            | "ما"
            | "لا"
            | "يقل"
            | "عن"
            | "زهاء"
            | "ال"
            | "at"
            | "least"
            | "about"
            | "around"
            | "nearly"
            | "more"
            | "than"
            | "some"
            | "over"
            | "almost"
            | "approximately"
    )
}

/// A casualty count read next to a fatal trigger: the total and the token range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    pub value: u32,
    pub start: usize,
    pub end: usize,
    /// Whether the counted people are civilians (Some(true)), fighters (Some(false)) or unknown.
    pub civilians: Option<bool>,
}

fn is_word(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
}

/// Read a count of dead after a fatal trigger at `[t0, t1)` (إثر مقتل 14 عنصراً من قوات
/// النظام و31 من مقاتلي التنظيم), or before it (ثلاثة مدنيين قُتلوا، 16 people were killed).
pub fn casualty_count(tokens: &[Token], t0: usize, t1: usize, limit: usize) -> Option<Count> {
    // after the trigger
    let mut i = t1;
    while i < limit && i < t1 + 6 && is_word(tokens, i) && count_qualifier(&tokens[i].key) {
        i += 1;
    }
    if i < limit {
        if let Some(n) = numbers::cardinal_at(tokens, i).filter(|n| n.end <= limit) {
            let mut total = n.value;
            let mut j = n.end;
            let civilians = tokens.get(j).and_then(|t| victim_noun(&t.key));
            // follow a list: "... و31 من مقاتلي التنظيم" / "and 31 ..."
            let mut guard = 0;
            while j < limit && guard < 12 {
                guard += 1;
                let t = &tokens[j];
                if t.kind == TokenKind::Punct {
                    break;
                }
                let joined_qualifier = t.key.strip_prefix('و').is_some_and(count_qualifier);
                if matches!(t.key.as_str(), "و" | "and")
                    || joined_qualifier
                    || t.key.starts_with('و') && t.key.chars().count() > 1
                {
                    let mut k =
                        j + usize::from(matches!(t.key.as_str(), "و" | "and") || joined_qualifier);
                    while k < limit && is_word(tokens, k) && count_qualifier(&tokens[k].key) {
                        k += 1;
                    }
                    if let Some(m) = numbers::cardinal_at(tokens, k).filter(|m| m.end <= limit) {
                        if tokens[k].kind == TokenKind::Number || k > j {
                            total += m.value;
                            j = m.end;
                            continue;
                        }
                    }
                }
                if matches!(
                    t.key.as_str(),
                    "في" | "بينهم"
                        | "منهم"
                        | "هم"
                        | "جراء"
                        | "بغارات"
                        | "in"
                        | "including"
                        | "بينما"
                ) {
                    break;
                }
                j += 1;
            }
            if total > 0 && total < 100_000 {
                return Some(Count {
                    value: total as u32,
                    start: i,
                    end: n.end,
                    civilians,
                });
            }
        }
        // a singular victim noun: مقتل شخص، مقتل طفل
        if let Some(c) = tokens.get(i).and_then(|t| victim_noun(&t.key)) {
            let k = &tokens[i].key;
            let singular = matches!(
                k.as_str(),
                "شخص"
                    | "طفل"
                    | "مدني"
                    | "جندي"
                    | "عنصر"
                    | "مقاتل"
                    | "مواطن"
                    | "امراه"
                    | "رجل"
            );
            // the dual: مقتل شخصين، إصابة جنديين
            let dual = matches!(
                k.as_str(),
                "شخصين"
                    | "شخصان"
                    | "طفلين"
                    | "طفلان"
                    | "جنديين"
                    | "جنديان"
                    | "عنصرين"
                    | "عنصران"
                    | "ضابطين"
                    | "ضابطان"
            );
            if singular || dual {
                // "امرأة وطفلها", "رجل وابنه": one more joined to the first
                let kin = tokens.get(i + 1).is_some_and(|t| {
                    let w = t.key.strip_prefix('و').unwrap_or("");
                    let w = w
                        .strip_suffix("ها")
                        .or_else(|| w.strip_suffix('ه'))
                        .unwrap_or("");
                    matches!(
                        w,
                        "طفل" | "ابن" | "ابنت" | "زوج" | "زوجت" | "شقيق" | "شقيقت"
                    )
                });
                let value = (if dual { 2 } else { 1 }) + u32::from(kin);
                return Some(Count {
                    value,
                    start: i,
                    end: i + 1,
                    civilians: Some(c),
                });
            }
        }
    }
    // before the trigger: "ثلاثة مدنيين قُتلوا", "16 people, including civilians, were killed"
    let from = t0.saturating_sub(8);
    for s in (from..t0).rev() {
        if let Some(n) = numbers::cardinal_at(tokens, s) {
            if n.end <= t0 && n.value > 0 && n.value < 100_000 {
                // one adjective may stand between: "two Iraqi soldiers", "ثلاثة جنود أتراك"
                let civilians = tokens
                    .get(n.end)
                    .and_then(|t| victim_noun(&t.key))
                    .or_else(|| {
                        tokens
                            .get(n.end + 1)
                            .filter(|_| n.end + 1 < t0 && tokens[n.end].kind == TokenKind::Word)
                            .and_then(|t| victim_noun(&t.key))
                    });
                if civilians.is_some() {
                    return Some(Count {
                        value: n.value as u32,
                        start: s,
                        end: n.end,
                        civilians,
                    });
                }
            }
        }
    }
    None
}

/// A death told with a pronoun after the act ("ما أدى إلى مقتله", "أسفر عن مصرعهما"): one
/// victim, or two with the dual.
pub fn pronoun_deaths(tokens: &[Token], from: usize, limit: usize) -> Option<Count> {
    (from..limit.min(tokens.len())).find_map(|i| {
        let value = match tokens[i].key.as_str() {
            "مقتله" | "مقتلها" | "مصرعه" | "مصرعها" | "وفاته" | "وفاتها" | "قتله" | "قتلها" => {
                1
            }
            "مقتلهما" | "مصرعهما" | "وفاتهما" => 2,
            _ => return None,
        };
        Some(Count {
            value,
            start: i,
            end: i + 1,
            civilians: None,
        })
    })
}

/// The first "number + victim noun" after a lethal act ("أعدم التنظيم عشرة مدنيين").
pub fn victims_after(tokens: &[Token], from: usize, limit: usize) -> Option<Count> {
    (from..limit).find_map(|i| {
        let n = numbers::cardinal_at(tokens, i)
            .filter(|n| n.end < limit && n.value > 0 && n.value < 100_000)?;
        let civilians = victim_noun(&tokens.get(n.end)?.key)?;
        Some(Count {
            value: n.value as u32,
            start: i,
            end: n.end,
            civilians: Some(civilians),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::tokenize;

    fn count(text: &str, trigger: &str) -> Option<u32> {
        let toks = tokenize(text);
        let t = toks
            .iter()
            .position(|t| t.span.slice(text) == trigger)
            .unwrap();
        casualty_count(&toks, t, t + 1, toks.len()).map(|c| c.value)
    }

    #[test]
    fn counts_after_and_before_the_trigger() {
        // the dual names two; a number with an adjective before its noun
        assert_eq!(count("ما أدى إلى مقتل جنديين وإصابة سبعة", "مقتل"), Some(2));
        assert_eq!(count("أسفرت عن مقتل شخصين على الأقل", "مقتل"), Some(2));
        assert_eq!(count("Two Iraqi soldiers were killed", "killed"), Some(2));
        assert_eq!(count("ما أدى إلى مقتل جنود", "مقتل"), None);
        assert_eq!(
            count("ما تسبب بمقتل امرأة وطفلها وإصابة آخرين", "بمقتل"),
            Some(2)
        );
        assert_eq!(count("ما تسبب بمقتل امرأة وإصابة آخرين", "بمقتل"), Some(1));
        assert_eq!(
            count(
                "أسفرت عن مقتل 14 عنصراً من قوات النظام و31 من مقاتلي التنظيم، فيما",
                "مقتل"
            ),
            Some(45)
        );
        assert_eq!(
            count(
                "بمقتل ما لا يقل عن 346 عنصراً من التنظيم وأكثر من 170 من عناصر قوات النظام خلال",
                "بمقتل"
            ),
            Some(516)
        );
        assert_eq!(
            count(
                "قُتل 89 مقاتلاً في مجمل اشتباكات أمس، هم 52 من الهيئة و37",
                "قُتل"
            ),
            Some(89)
        );
        assert_eq!(
            count("ما أدى إلى مقتل شخص وإصابة أربعة آخرين", "مقتل"),
            Some(1)
        );
        assert_eq!(
            count(
                "Iraqi officials said 16 people, including civilians, were killed",
                "killed"
            ),
            Some(16)
        );
        assert_eq!(count("said 16 people were killed", "killed"), Some(16));
        assert_eq!(count("أدى لمقتل عدد من العناصر", "لمقتل"), None);
    }

    #[test]
    fn status_cues() {
        assert_eq!(status_cue("ربما"), Some(Status::Hypothetical));
        assert_eq!(status_cue("ولم"), Some(Status::Negated));
        assert_eq!(status_cue("بهدف"), Some(Status::Planned));
        assert_eq!(status_cue("قوات"), None);
    }
}
