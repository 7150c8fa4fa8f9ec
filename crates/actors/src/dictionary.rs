//! The actor dictionary.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use rasid_core::{Actor, ActorKind, ActorMention, Mention, Span};
use rasid_text::{is_arabic_letter, is_common_word, tokenize, PhraseIndex, Token, TokenKind};

/// An actor file or row that could not be read, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum ActorsError {
    #[error(transparent)]
    File(#[from] rasid_core::tsv::FileError),
    #[error("{path}:{line}: {message}")]
    Row {
        path: String,
        line: usize,
        message: String,
    },
}

const EMBEDDED: &str = include_str!("../../../data/actors.tsv");
const EMBEDDED_DEMONYMS: &str = include_str!("../../../data/demonyms.tsv");
const EMBEDDED_TITLES: &str = include_str!("../../../data/titles.tsv");
const EMBEDDED_OFFICES: &str = include_str!("../../../data/offices.tsv");

/// The rows of a data table, with errors naming the file and line.
fn table<'t>(
    text: &'t str,
    origin: &str,
    header: &[&str],
) -> Result<Vec<rasid_core::tsv::Row<'t>>, ActorsError> {
    rasid_core::tsv::rows(text, header).map_err(|e| ActorsError::Row {
        path: origin.to_string(),
        line: e.line(),
        message: e.message(),
    })
}

/// The position of the actor with `id`.
fn position(actors: &[Actor], id: &str) -> Option<usize> {
    actors.iter().position(|a| a.id == id)
}

/// Words for soldiers, troops and aircraft that a nationality adjective turns into that
/// country's forces ("جندياً تركياً", "American soldiers"). Match keys, article optional.
const FORCE_NOUNS: &[&str] = &[
    "جندي",
    "جنديا",
    "جنود",
    "جنودا",
    "جنديان",
    "جنديين",
    "عسكري",
    "عسكريا",
    "عسكريين",
    "عسكريون",
    "ضابط",
    "ضابطا",
    "ضباط",
    "عنصر",
    "عنصرا",
    "عناصر",
    "قوات",
    "طايرات",
    "طيران",
    "مقاتلات",
    "جيش",
    "soldiers",
    "soldier",
    "troops",
    "forces",
    "servicemen",
    "warplanes",
    "jets",
    "military",
    "army",
    "aircraft",
    "جوي",
    "جويه",
    "مدفعي",
    "مدفعيه",
    "صاروخي",
    "مسيره",
    "مسيرات",
];
/// Aircraft and drone models written in Arabic between a force noun and its nationality
/// ("طائرات إف 16 العراقية"). Match keys.
const AIRCRAFT_MODELS: &[&str] = &[
    "اف",
    "سوخوي",
    "ميغ",
    "ميج",
    "بيرقدار",
    "اباتشي",
    "مي",
    "شاهد",
    "بلاك",
    "هوك",
    "تورنادو",
    "رافال",
    "تي",
    "بي",
];

/// Nouns of strikes and attacks whose nationality adjective names the side that struck
/// ("الغارات الأمريكية", "القصف الروسي"). Match keys without the article.
const STRIKE_NOUNS: &[&str] = &[
    "غاره",
    "غارات",
    "قصف",
    "ضربه",
    "ضربات",
    "هجوم",
    "هجمات",
    "عدوان",
    "توغل",
    "اعتداءات",
];

const HEADER: [&str; 7] = [
    "id",
    "name",
    "kind",
    "country",
    "parent",
    "aliases_ar",
    "aliases_en",
];

/// Head nouns that, made definite, refer back to an actor named before.
const HEADS: &[(&str, &str)] = &[
    ("التنظيم", "تنظيم"),
    ("الهييه", "هييه"),
    ("الجماعه", "جماعه"),
    ("الحركه", "حركه"),
    ("الميليشيا", "ميليشيا"),
    ("المليشيا", "ميليشيا"),
    ("الميليشيات", "ميليشيات"),
    ("المليشيات", "ميليشيات"),
    ("الحزب", "حزب"),
    ("الفصايل", "فصايل"),
    ("التحالف", "تحالف"),
    ("المجلس", "مجلس"),
];

/// Collects actors from TSV, then builds an immutable [`ActorDictionary`].
#[derive(Clone, Debug, Default)]
pub struct ActorDictionaryBuilder {
    actors: Vec<Actor>,
    aliases: Vec<Vec<String>>,
    /// Nationality adjective (match key) → actor id of that country's forces.
    demonyms: HashMap<String, String>,
    /// Title phrase → office (government, presidency, foreign_ministry…).
    titles: Vec<(String, String)>,
    /// (country, office) → actor id.
    offices: HashMap<(String, String), String>,
}

impl ActorDictionaryBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder holding rasid's embedded actor dictionary.
    pub fn embedded() -> Self {
        let mut b = Self::new();
        b.add_tsv_str(EMBEDDED, "data/actors.tsv")
            .expect("embedded data/actors.tsv is valid (tested)");
        b.add_demonyms_str(EMBEDDED_DEMONYMS, "data/demonyms.tsv")
            .expect("embedded data/demonyms.tsv is valid (tested)");
        b.add_offices_str(EMBEDDED_TITLES, EMBEDDED_OFFICES)
            .expect("embedded data/titles.tsv and offices.tsv are valid (tested)");
        b
    }

    /// Add official titles (`lang title office`) and who holds each office in each country
    /// (`country office actor`); the actors must be known.
    pub fn add_offices_str(&mut self, titles: &str, offices: &str) -> Result<usize, ActorsError> {
        let t = table(titles, "titles.tsv", &["lang", "title", "office"])?;
        let o = table(offices, "offices.tsv", &["country", "office", "actor"])?;
        let mut staged = HashMap::new();
        for row in &o {
            let c = &row.cells;
            if position(&self.actors, c[2]).is_none() {
                return Err(ActorsError::Row {
                    path: "offices.tsv".into(),
                    line: row.line,
                    message: format!("column actor: {:?} is not a known actor id", c[2]),
                });
            }
            staged.insert((c[0].to_string(), c[1].to_string()), c[2].to_string());
        }
        self.titles.extend(
            t.iter()
                .map(|r| (r.cells[1].to_string(), r.cells[2].to_string())),
        );
        self.offices.extend(staged);
        Ok(t.len())
    }

    /// Add nationality adjectives (`country actor adjectives_ar adjectives_en`, one header
    /// row); the actor must already be known.
    pub fn add_demonyms_str(&mut self, text: &str, origin: &str) -> Result<usize, ActorsError> {
        let mut staged = Vec::new();
        for row in table(
            text,
            origin,
            &["country", "actor", "adjectives_ar", "adjectives_en"],
        )? {
            let c = &row.cells;
            if position(&self.actors, c[1]).is_none() {
                return Err(ActorsError::Row {
                    path: origin.to_string(),
                    line: row.line,
                    message: format!("column actor: {:?} is not a known actor id", c[1]),
                });
            }
            for adj in c[2]
                .split('|')
                .chain(c[3].split('|'))
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                staged.push((rasid_text::match_key(adj), c[1].to_string()));
            }
        }
        let n = staged.len();
        self.demonyms.extend(staged);
        Ok(n)
    }

    /// Add the actors of a TSV file; rows with a known id add aliases to that actor.
    pub fn add_tsv_file(&mut self, path: &Path) -> Result<usize, ActorsError> {
        let text = rasid_core::tsv::read_file(path)?;
        self.add_tsv_str(&text, &path.display().to_string())
    }

    /// Add actors from TSV text; `origin` names it in errors. On error nothing is kept.
    pub fn add_tsv_str(&mut self, text: &str, origin: &str) -> Result<usize, ActorsError> {
        let err = |line: usize, message: String| ActorsError::Row {
            path: origin.to_string(),
            line,
            message,
        };
        // the validity columns are optional
        let dated: Vec<&str> = HEADER
            .iter()
            .copied()
            .chain(["valid_from", "valid_to"])
            .collect();
        let rows = match rasid_core::tsv::rows(text, &dated) {
            Ok(rows) => rows,
            Err(_) => table(text, origin, &HEADER)?,
        };
        let mut staged = self.clone();
        // alias key → actor index, to refuse an alias that already names another actor
        let key_of = |name: &str| -> String {
            tokenize(name)
                .into_iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| t.key)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut owners: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, names) in staged.aliases.iter().enumerate() {
            for n in names {
                owners.entry(key_of(n)).or_default().push(i);
            }
        }
        let mut lines: HashMap<String, usize> = HashMap::new();
        let mut n = 0;
        for row in rows {
            let (line_no, cols) = (row.line, row.cells);
            let id = cols[0];
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(err(line_no, format!("column id: {id:?} is not [a-z0-9_]+")));
            }
            if cols[1].is_empty() {
                return Err(err(line_no, "column name: empty".into()));
            }
            let kind = ActorKind::from_str(cols[2])
                .map_err(|e| err(line_no, format!("column kind: {e}")))?;
            let date = |k: usize, column: &str| -> Result<Option<rasid_core::Date>, ActorsError> {
                match cols.get(k).copied().filter(|s| !s.is_empty()) {
                    None => Ok(None),
                    Some(s) => s.parse().map(Some).map_err(|_| {
                        err(
                            line_no,
                            format!("column {column}: {s:?} is not a date (YYYY-MM-DD)"),
                        )
                    }),
                }
            };
            let (valid_from, valid_to) = (date(7, "valid_from")?, date(8, "valid_to")?);
            if let (Some(f), Some(t)) = (valid_from, valid_to) {
                if f > t {
                    return Err(err(
                        line_no,
                        format!("columns valid_from/valid_to: {f} is after {t}"),
                    ));
                }
            }
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let mut names = vec![cols[1].to_string()];
            for col in [cols[5], cols[6]] {
                names.extend(
                    col.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from),
                );
            }
            let k = match staged.actors.iter().position(|a| a.id == id) {
                Some(k) => k,
                None => {
                    staged.actors.push(Actor {
                        id: id.to_string(),
                        name: cols[1].to_string(),
                        kind,
                        country: opt(cols[3]).map(|c| c.to_ascii_uppercase()),
                        parent: opt(cols[4]),
                        valid_from,
                        valid_to,
                        aliases: Vec::new(),
                    });
                    staged.aliases.push(Vec::new());
                    staged.actors.len() - 1
                }
            };
            // one name, one actor (at any one time)
            for name in &names {
                let key = key_of(name);
                if key.is_empty() {
                    return Err(err(line_no, format!("alias {name:?} has no words")));
                }
                let holders = owners.entry(key).or_default();
                if let Some(&other) = holders
                    .iter()
                    .find(|&&o| o != k && staged.actors[o].overlaps(&staged.actors[k]))
                {
                    return Err(err(
                        line_no,
                        format!(
                            "alias {name:?} already names actor {} (an alias may name two actors only in periods that do not meet: set valid_from/valid_to)",
                            staged.actors[other].id
                        ),
                    ));
                }
                if !holders.contains(&k) {
                    holders.push(k);
                }
            }
            staged.aliases[k].extend(names);
            lines.entry(id.to_string()).or_insert(line_no);
            n += 1;
        }
        for a in &staged.actors {
            let line = lines.get(&a.id).copied().unwrap_or(0);
            let Some(p) = &a.parent else { continue };
            if !staged.actors.iter().any(|b| &b.id == p) {
                return Err(err(
                    line,
                    format!("column parent: {p:?} is not a known actor id"),
                ));
            }
            // parents lead up to an umbrella, never back
            let mut seen = vec![a.id.as_str()];
            let mut cur = Some(p.as_str());
            while let Some(c) = cur {
                if seen.contains(&c) {
                    return Err(err(
                        line,
                        format!(
                            "column parent: a cycle of parents ({} → {c})",
                            seen.join(" → ")
                        ),
                    ));
                }
                seen.push(c);
                cur = staged
                    .actors
                    .iter()
                    .find(|b| b.id == c)
                    .and_then(|b| b.parent.as_deref());
            }
        }
        *self = staged;
        Ok(n)
    }

    pub fn build(self) -> ActorDictionary {
        let mut index = PhraseIndex::new();
        let mut heads: HashMap<&'static str, HashSet<usize>> = HashMap::new();
        for (i, names) in self.aliases.iter().enumerate() {
            let v = index.push_value(i as u32);
            for name in names {
                index.insert_alias(name, v);
                let first = tokenize(name)
                    .into_iter()
                    .find(|t| t.kind == TokenKind::Word)
                    .map(|t| t.key);
                if let Some(first) = first {
                    let bare = first.strip_prefix("ال").unwrap_or(&first).to_string();
                    for (_, head) in HEADS {
                        if bare == *head {
                            heads.entry(head).or_default().insert(i);
                        }
                    }
                }
            }
        }
        let demonyms = self
            .demonyms
            .iter()
            .filter_map(|(adj, id)| position(&self.actors, id).map(|i| (adj.clone(), i)))
            .collect();
        let mut titles = PhraseIndex::with_article_policy(rasid_text::ArticlePolicy::Optional);
        for (title, office) in &self.titles {
            titles.insert(title, office.clone());
        }
        let offices = self
            .offices
            .iter()
            .filter_map(|(k, id)| position(&self.actors, id).map(|i| (k.clone(), i)))
            .collect();
        let actors = self
            .actors
            .into_iter()
            .zip(&self.aliases)
            .map(|(mut a, names)| {
                let mut seen = HashSet::new();
                a.aliases = names
                    .iter()
                    .filter(|n| **n != a.name && seen.insert(n.as_str()))
                    .cloned()
                    .collect();
                Arc::new(a)
            })
            .collect();
        ActorDictionary {
            actors,
            index,
            heads,
            demonyms,
            titles,
            offices,
        }
    }
}

/// An immutable actor dictionary. `Send + Sync`.
#[derive(Clone, Debug)]
pub struct ActorDictionary {
    actors: Vec<Arc<Actor>>,
    index: PhraseIndex<u32>,
    /// Head noun → actors one of whose names starts with it.
    heads: HashMap<&'static str, HashSet<usize>>,
    /// Nationality adjective → that country's forces.
    demonyms: HashMap<String, usize>,
    /// Official titles → office.
    titles: PhraseIndex<String>,
    /// (country, office) → actor.
    offices: HashMap<(String, String), usize>,
}

impl ActorDictionary {
    /// rasid's embedded dictionary.
    pub fn embedded() -> ActorDictionary {
        ActorDictionaryBuilder::embedded().build()
    }

    pub fn len(&self) -> usize {
        self.actors.len()
    }
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
    pub fn actors(&self) -> &[Arc<Actor>] {
        &self.actors
    }

    /// Each country's armed forces, as `data/demonyms.tsv` names them (the actor its
    /// nationality adjectives stand for), by ISO alpha-2 code.
    pub fn national_forces(&self) -> Vec<(String, Arc<Actor>)> {
        let mut ids: Vec<usize> = self.demonyms.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|i| {
                let a = &self.actors[i];
                a.country.clone().map(|c| (c, a.clone()))
            })
            .collect()
    }

    /// An actor by id.
    pub fn get(&self, id: &str) -> Option<&Arc<Actor>> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The actor a whole name stands for, if any.
    pub fn lookup(&self, name: &str) -> Option<&Arc<Actor>> {
        let toks = tokenize(name);
        let m = self
            .index
            .matches_at(name, &toks, 0)
            .into_iter()
            .find(|m| m.tokens.end == toks.len())?;
        Some(&self.actors[*self.index.value(m.values[0]) as usize])
    }

    /// Find every actor named in `tokens` of `text`, in text order, including definite
    /// nouns that refer back to an actor named earlier ("التنظيم").
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<ActorMention> {
        self.find_on(text, tokens, None)
    }

    /// [`find`](Self::find) for a text published on `day`: a name two actors bore in different
    /// periods (a renamed group, an army before and after a change of government) is the
    /// actor of that day; without a day, the current one.
    pub fn find_on(
        &self,
        text: &str,
        tokens: &[Token],
        day: Option<rasid_core::Date>,
    ) -> Vec<ActorMention> {
        let matches = self.index.find(text, tokens);
        let mut out: Vec<ActorMention> = Vec::with_capacity(matches.len());
        let mut mi = 0;
        let mut i = 0;
        while i < tokens.len() {
            if let Some(m) = matches.get(mi).filter(|m| m.tokens.start == i) {
                let candidates = m
                    .values
                    .iter()
                    .map(|&v| &self.actors[*self.index.value(v) as usize]);
                let actor = match day {
                    Some(d) => candidates.clone().find(|a| a.valid_on(d)),
                    None => candidates.clone().find(|a| a.valid_to.is_none()),
                }
                .unwrap_or(&self.actors[*self.index.value(m.values[0]) as usize])
                .clone();
                let mut span = m.span;
                i = m.tokens.end;
                mi += 1;
                // "سائق شاحنة تركياً", "العمال المصريون": people of a nationality are those
                // people, not their country (تركياً also reads as تركيا)
                if actor.kind == ActorKind::Civilians {
                    if let Some(t) = tokens
                        .get(i)
                        .filter(|t| t.kind == TokenKind::Word && self.demonyms.contains_key(&t.key))
                    {
                        span = Span::new(span.start, t.span.end);
                        i += 1;
                        while matches.get(mi).is_some_and(|m| m.tokens.start < i) {
                            mi += 1;
                        }
                    }
                }
                out.push(ActorMention {
                    actor,
                    mention: Mention::from_text(text, span),
                });
                continue;
            }
            if let Some((am, end)) = self.forces_by_nationality(text, tokens, i) {
                out.push(am);
                i = end;
                // the adjective may also read as a name (تركيا): the forces reading wins
                while matches.get(mi).is_some_and(|m| m.tokens.start < end) {
                    mi += 1;
                }
                continue;
            }
            if let Some(am) = self.refer_back(text, tokens, i, &out) {
                out.push(am);
            } else {
                out.extend(both_sides(text, tokens, i, &out));
            }
            i += 1;
        }
        // "مسلحون من تنظيم داعش", "gunmen from the Islamic State": the named group acts
        let starts: Vec<usize> = out
            .iter()
            .map(|m| tokens.partition_point(|t| t.span.end <= m.mention.span.start))
            .collect();
        let mut keep = vec![true; out.len()];
        for k in 0..out.len().saturating_sub(1) {
            if out[k].actor.kind == ActorKind::Unidentified
                && out[k + 1].actor.kind != ActorKind::Unidentified
            {
                let end = tokens.partition_point(|t| t.span.start < out[k].mention.span.end);
                // two readings of one span ("الطرفين" names two parties) have nothing between
                if end > starts[k + 1] {
                    continue;
                }
                let between: Vec<&str> = tokens[end..starts[k + 1]]
                    .iter()
                    .map(|t| t.key.as_str())
                    .collect();
                // "مسلحون يُرجَّح انتماؤهم إلى تنظيم الدولة", "gunmen believed to belong to IS"
                let affiliation = |k: &str| {
                    matches!(
                        k,
                        "من" | "from"
                            | "of"
                            | "the"
                            | "«"
                            | "\""
                            | "يرجح"
                            | "يعتقد"
                            | "يشتبه"
                            | "انهم"
                            | "انتماوهم"
                            | "انتماءهم"
                            | "ينتمون"
                            | "الي"
                            | "تابعين"
                            | "التابعين"
                            | "تابعون"
                            | "believed"
                            | "suspected"
                            | "to"
                            | "belong"
                            | "be"
                            | "linked"
                            | "affiliated"
                            | "with"
                    )
                };
                if !between.is_empty()
                    && between.len() <= 5
                    && between.iter().all(|k| affiliation(k))
                {
                    keep[k] = false;
                }
            }
        }
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        self.jihadist_factions(text, tokens, &mut out);
        named_groups(text, tokens, &mut out);
        out
    }

    /// "المهاجرون من المغرب العربي", "الأنصار", "العناصر المحليين": in a story about a jihadist
    /// group, its foreign fighters (muhajirin) and local fighters (ansar) are its factions.
    fn jihadist_factions(&self, text: &str, tokens: &[Token], out: &mut Vec<ActorMention>) {
        const JIHADIST: &[&str] = &[
            "islamic_state",
            "jabhat_al_nusra",
            "hts",
            "al_qaeda",
            "aqap",
            "hurras_al_din",
            "ansar_al_sharia_libya",
        ];
        let Some(group) = out
            .iter()
            .find(|m| JIHADIST.contains(&m.actor.id.as_str()))
            .map(|m| m.actor.clone())
        else {
            return;
        };
        let faction = |suffix: &str, label: &str| {
            Arc::new(Actor {
                valid_from: None,
                valid_to: None,
                aliases: Vec::new(),
                id: format!("{}#{suffix}", group.id),
                name: format!("{} - {label}", group.name),
                kind: ActorKind::ArmedGroup,
                country: group.country.clone(),
                parent: Some(group.id.clone()),
            })
        };
        let (muhajirin, ansar) = (
            faction("muhajirin", "Muhajirin (foreign fighters)"),
            faction("ansar", "Ansar (local fighters)"),
        );
        let taken: Vec<Span> = out.iter().map(|m| m.mention.span).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if t.kind != TokenKind::Word || taken.iter().any(|s| s.overlaps(t.span)) {
                i += 1;
                continue;
            }
            let (head, clitic) = definite_word(&t.key);
            let head = head.as_ref();
            let prev = i
                .checked_sub(1)
                .map(|k| tokens[k].key.as_str())
                .unwrap_or("");
            let which = match head {
                "المهاجرين" | "المهاجرون" => Some(&muhajirin),
                "الانصار" => Some(&ansar),
                "المحليين" | "المحليون"
                    if matches!(prev, "العناصر" | "المقاتلين" | "تيار" | "والمحليين") =>
                {
                    Some(&ansar)
                }
                _ => None,
            };
            let Some(actor) = which else {
                i += 1;
                continue;
            };
            let mut start = t.span.start + clitic_bytes(t.span.slice(text), clitic);
            if matches!(head, "المحليين" | "المحليون") {
                start = tokens[i - 1].span.start;
            }
            let mut end = i + 1;
            // "المهاجرون من المغرب العربي": where they come from is part of the name
            if tokens.get(end).is_some_and(|n| n.key == "من")
                && tokens.get(end + 1).is_some_and(|n| n.key.starts_with("ال"))
            {
                end += 2;
                if tokens
                    .get(end)
                    .is_some_and(|n| n.kind == TokenKind::Word && n.key.starts_with("ال"))
                {
                    end += 1;
                }
            }
            found.push(ActorMention {
                actor: actor.clone(),
                mention: Mention::from_text(text, Span::new(start, tokens[end - 1].span.end)),
            });
            i = end;
        }
        if !found.is_empty() {
            out.extend(found);
            out.sort_by_key(|m| m.mention.span.start);
        }
    }

    /// The country of a nationality adjective or nisba ("التونسي", "تونسية", "Syrian",
    /// "al-Masri"), from `data/nationalities.tsv` and the forces' adjectives.
    pub fn country_of_adjective(&self, word: &str) -> Option<&str> {
        let key = rasid_text::match_key(word);
        let joined = key.replace(['-', ' '], "");
        if let Some(c) = nationalities()
            .get(key.as_str())
            .or_else(|| nationalities().get(joined.as_str()))
        {
            return Some(c);
        }
        let i = *self.demonyms.get(&key)?;
        self.actors[i].country.as_deref()
    }

    /// State offices named by an official's title: "رئيس الوزراء العراقي", "وزير الخارجية
    /// التركي", "the Iraqi government". Without a nationality next to it, an Arabic title
    /// belongs to `country` (the country the story is about); an English one is left alone.
    /// Titles inside `taken` spans (names already found) are skipped.
    pub fn find_officials(
        &self,
        text: &str,
        tokens: &[Token],
        country: Option<&str>,
        taken: &[Span],
    ) -> Vec<ActorMention> {
        let mut out = Vec::new();
        for m in self.titles.find(text, tokens) {
            if taken.iter().any(|t| t.overlaps(m.span)) {
                continue;
            }
            let office = self.titles.value(m.values[0]);
            let adjective = |k: usize| -> Option<&str> {
                let t = tokens.get(k).filter(|t| t.kind == TokenKind::Word)?;
                let i = *self.demonyms.get(&t.key)?;
                self.actors[i].country.as_deref()
            };
            let english = tokens[m.tokens.start].key.is_ascii();
            let (nation, span) = if let Some(c) = adjective(m.tokens.end) {
                (
                    Some(c),
                    Span::new(m.span.start, tokens[m.tokens.end].span.end),
                )
            } else if let Some(c) = m
                .tokens
                .start
                .checked_sub(1)
                .and_then(|k| adjective(k).filter(|_| english))
            {
                (
                    Some(c),
                    Span::new(tokens[m.tokens.start - 1].span.start, m.span.end),
                )
            } else if english {
                (None, m.span)
            } else {
                (country, m.span)
            };
            let Some(nation) = nation else { continue };
            if let Some(&i) = self.offices.get(&(nation.to_string(), office.clone())) {
                out.push(ActorMention {
                    actor: self.actors[i].clone(),
                    mention: Mention::from_text(text, span),
                });
            }
        }
        out
    }

    /// "جندياً تركياً", "الجنود الأتراك", "American soldiers": a country's forces. Returns the
    /// mention and the token after it; never runs into the next dictionary match.
    fn forces_by_nationality(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(ActorMention, usize)> {
        let word = |k: usize| tokens.get(k).filter(|t| t.kind == TokenKind::Word);
        let noun = |k: usize| {
            word(k).is_some_and(|t| {
                let key = t.key.as_str();
                let bare = key.strip_prefix("ال").unwrap_or(key);
                FORCE_NOUNS.contains(&key) || FORCE_NOUNS.contains(&bare)
            })
        };
        let adjective = |k: usize| -> Option<usize> {
            let t = word(k)?;
            if t.key.is_ascii() && !t.span.slice(text).starts_with(|c: char| c.is_uppercase()) {
                return None;
            }
            self.demonyms.get(&t.key).copied()
        };
        // "طائرات إف 16 العراقية", "مقاتلات سوخوي الروسية": an aircraft's model between
        let model = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Number
                    || (t.kind == TokenKind::Word && t.key.is_ascii())
                    || AIRCRAFT_MODELS.contains(&t.key.as_str())
                    || t.span.slice(text) == "-"
            })
        };
        let strike = |k: usize| {
            word(k).is_some_and(|t| {
                let key = t.key.as_str();
                STRIKE_NOUNS.contains(&key.strip_prefix("ال").unwrap_or(key))
            })
        };
        let (actor, start, end) = if noun(i) && !tokens[i].key.is_ascii() {
            let mut k = i + 1;
            while k < i + 4 && model(k) && adjective(k).is_none() {
                k += 1;
            }
            (adjective(k)?, i, k + 1)
        } else if noun(i) {
            (adjective(i + 1)?, i, i + 2)
        } else if tokens[i].key.is_ascii() && noun(i + 1) {
            (adjective(i)?, i, i + 2)
        } else if strike(i) {
            // "الغارات الأمريكية", "القصف التركي": the adjective alone names who struck, so
            // the strike stays a trigger
            (adjective(i + 1)?, i + 1, i + 2)
        } else {
            return None;
        };
        let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
        Some((
            ActorMention {
                actor: self.actors[actor].clone(),
                mention: Mention::from_text(text, span),
            },
            end,
        ))
    }

    /// "التنظيم" / "تلك القوات" / "the group": the latest earlier actor that fits.
    fn refer_back(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        before: &[ActorMention],
    ) -> Option<ActorMention> {
        let t = tokens.get(i).filter(|t| t.kind == TokenKind::Word)?;
        let key = t.key.as_str();
        // "تلك القوات" / "هذه العناصر" / "those forces": the latest armed actor
        let demonstrative = i > 0
            && matches!(
                tokens[i - 1].key.as_str(),
                "تلك" | "هذه" | "those" | "these"
            );
        if demonstrative
            && matches!(
                key,
                "القوات"
                    | "العناصر"
                    | "المجموعات"
                    | "الفصايل"
                    | "forces"
                    | "fighters"
                    | "troops"
            )
        {
            let prev = before
                .iter()
                .rev()
                .take(12)
                .find(|m| m.actor.kind.is_armed())?;
            let span = Span::new(tokens[i - 1].span.start, t.span.end);
            return Some(ActorMention {
                actor: prev.actor.clone(),
                mention: Mention::from_text(text, span),
            });
        }
        let (head, clitic) = definite_head(key)?;
        let candidates = self.heads.get(head);
        let fits = |am: &&ActorMention| -> bool {
            let idx = self.actors.iter().position(|a| Arc::ptr_eq(a, &am.actor));
            match (candidates, idx) {
                (Some(c), Some(idx)) => {
                    c.contains(&idx)
                        || am.actor.parent.as_ref().is_some_and(|p| {
                            self.actors
                                .iter()
                                .position(|a| &a.id == p)
                                .is_some_and(|pi| c.contains(&pi))
                        })
                }
                _ => false,
            }
        };
        let prev = before.iter().rev().take(12).find(fits)?;
        let start = t.span.start + clitic_bytes(t.span.slice(text), clitic);
        Some(ActorMention {
            actor: prev.actor.clone(),
            mention: Mention::from_text(text, Span::new(start, t.span.end)),
        })
    }
}

const EMBEDDED_NATIONALITIES: &str = include_str!("../../../data/nationalities.tsv");

/// Nationality adjective (match key, with and without the article, masculine and feminine)
/// → ISO country, from `data/nationalities.tsv`.
fn nationalities() -> &'static HashMap<String, &'static str> {
    static MAP: std::sync::OnceLock<HashMap<String, &'static str>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let rows = rasid_core::tsv::rows(
            EMBEDDED_NATIONALITIES,
            &["country", "adjectives_ar", "adjectives_en"],
        )
        .expect("embedded data/nationalities.tsv is valid (tested)");
        let mut map = HashMap::new();
        for row in rows {
            let country = row.cells[0];
            for a in row.cells[1].split('|') {
                let k = rasid_text::match_key(a);
                let bare = k.strip_prefix("ال").unwrap_or(&k).to_string();
                for form in [k.clone(), format!("{bare}ه"), format!("ال{bare}ه"), bare] {
                    map.entry(form).or_insert(country);
                }
            }
            for a in row.cells[2].split('|') {
                let k = rasid_text::match_key(a).replace(['-', ' '], "");
                map.entry(k).or_insert(country);
            }
        }
        map
    })
}

/// For a definite head noun (optionally with proclitics), the bare head and the number of
/// clitic letters before the article.
fn definite_head(key: &str) -> Option<(&'static str, usize)> {
    for p in ["", "و", "ف", "ب", "ل", "وب", "ول", "لل"] {
        let rest = match p {
            "" => Some(key.to_string()),
            "لل" => key.strip_prefix("لل").map(|r| format!("ال{r}")),
            _ => key.strip_prefix(p).map(String::from),
        };
        let Some(rest) = rest else { continue };
        if let Some((_, head)) = HEADS.iter().find(|(def, _)| *def == rest) {
            let letters = if p == "لل" { 0 } else { p.chars().count() };
            return Some((head, letters));
        }
    }
    None
}

/// "الطرفين", "الجانبين", "both sides", "the two sides": the two parties last named — the
/// latest two distinct organised actors before it. "الأخيرة"/"the latter": the latest one.
fn both_sides(
    text: &str,
    tokens: &[Token],
    i: usize,
    before: &[ActorMention],
) -> Vec<ActorMention> {
    let t = &tokens[i];
    if t.kind != TokenKind::Word {
        return Vec::new();
    }
    let (word, clitic) = definite_word(&t.key);
    let english_pair = matches!(t.key.as_str(), "sides" | "parties")
        && i > 0
        && matches!(tokens[i - 1].key.as_str(), "both" | "two");
    let pair = matches!(
        word.as_ref(),
        "الطرفين" | "الطرفان" | "الجانبين" | "الجانبان"
    ) || english_pair;
    let latter = t.key == "الاخيره";
    if !pair && !latter {
        return Vec::new();
    }
    let organised = |m: &&ActorMention| {
        !matches!(
            m.actor.kind,
            ActorKind::Civilians | ActorKind::Media | ActorKind::Monitor | ActorKind::Protesters
        )
    };
    let mut picked: Vec<&ActorMention> = Vec::new();
    for m in before.iter().rev().take(12).filter(organised) {
        if !picked.iter().any(|p| p.actor.id == m.actor.id) {
            picked.push(m);
        }
        if picked.len() == if pair { 2 } else { 1 } {
            break;
        }
    }
    if picked.len() < if pair { 2 } else { 1 } {
        return Vec::new();
    }
    let start = if english_pair {
        tokens[i - 1].span.start
    } else {
        t.span.start + clitic_bytes(t.span.slice(text), clitic)
    };
    let span = Span::new(start, t.span.end);
    picked
        .into_iter()
        .rev()
        .map(|m| ActorMention {
            actor: m.actor.clone(),
            mention: Mention::from_text(text, span),
        })
        .collect()
}

/// Tribes and factions the dictionary does not list, named by their head word: "عشيرة
/// البوشعبان" / "قبيلة شمر" / "the Shammar tribe" → a tribe actor named as written; "تيار X" /
/// "جناح X" → a faction of the armed group named last before it.
fn named_groups(text: &str, tokens: &[Token], out: &mut Vec<ActorMention>) {
    let taken: Vec<Span> = out.iter().map(|m| m.mention.span).collect();
    let free = |t: &Token| t.kind == TokenKind::Word && !taken.iter().any(|s| s.overlaps(t.span));
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let t = &tokens[i];
        let (head, _) = definite_word(&t.key);
        let bare = ["و", "ب", "ل", ""]
            .iter()
            .filter_map(|p| t.key.strip_prefix(p))
            .find(|k| matches!(*k, "عشيره" | "قبيله" | "عشاير" | "قبايل" | "تيار" | "جناح"));
        let Some(head) = bare.or((head == "التيار").then_some("تيار")) else {
            i += 1;
            continue;
        };
        // the name: quoted, or one or two name words (a definite first word)
        let mut j = i + 1;
        while tokens
            .get(j)
            .is_some_and(|q| matches!(q.key.as_str(), "«" | "\"" | "”" | "“"))
        {
            j += 1;
        }
        let name_start = j;
        while j < tokens.len() && j - name_start < 2 && free(&tokens[j]) {
            let k = tokens[j].key.as_str();
            let namelike = if j == name_start {
                k.starts_with("ال") && !is_common_word(k)
            } else {
                k.starts_with("ال") && !is_common_word(k) && !k.ends_with('ي')
            };
            if !namelike {
                break;
            }
            j += 1;
        }
        if j == name_start || !free(&tokens[name_start]) {
            i += 1;
            continue;
        }
        let name_span = Span::new(tokens[name_start].span.start, tokens[j - 1].span.end);
        let written = name_span.slice(text).to_string();
        let actor = if matches!(head, "تيار" | "جناح") {
            let before = t.span.start;
            let Some(parent) = out
                .iter()
                .rev()
                .filter(|m| m.mention.span.end <= before && m.actor.kind.is_armed())
                .map(|m| {
                    // a faction's faction belongs to the umbrella
                    m.actor
                        .parent
                        .as_ref()
                        .and_then(|p| out.iter().find(|o| &o.actor.id == p))
                        .map_or(m.actor.clone(), |o| o.actor.clone())
                })
                .next()
            else {
                i = j;
                continue;
            };
            Actor {
                id: format!("{}#{}", parent.id, rasid_text::match_key(&written)),
                name: format!("{} - {written}", parent.name),
                kind: ActorKind::ArmedGroup,
                country: parent.country.clone(),
                parent: Some(parent.id.clone()),
                valid_from: None,
                valid_to: None,
                aliases: Vec::new(),
            }
        } else {
            Actor {
                id: format!("tribe#{}", rasid_text::match_key(&written)),
                name: format!("{written} tribe"),
                kind: ActorKind::Tribe,
                country: None,
                parent: None,
                valid_from: None,
                valid_to: None,
                aliases: Vec::new(),
            }
        };
        found.push(ActorMention {
            actor: Arc::new(actor),
            mention: Mention::from_text(text, name_span),
        });
        i = j;
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| m.mention.span.start);
    }
}

/// A definite word without its proclitics (وبالأنصار → الأنصار, للمهاجرين → المهاجرين) and
/// the number of clitic letters before the article. Runs on every token: the word is only
/// copied when a clitic comes off.
fn definite_word(key: &str) -> (std::borrow::Cow<'_, str>, usize) {
    for p in ["وبال", "وال", "بال", "فال", "كال", "ولل", "لل"] {
        if let Some(rest) = key.strip_prefix(p).filter(|r| r.chars().count() >= 3) {
            let letters = p.chars().count() - if p.ends_with("لل") { 1 } else { 2 };
            return (format!("ال{rest}").into(), letters);
        }
    }
    (key.into(), 0)
}

fn clitic_bytes(word: &str, letters: usize) -> usize {
    word.char_indices()
        .filter(|(_, c)| is_arabic_letter(*c))
        .nth(letters)
        .map(|(i, _)| i)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> ActorDictionary {
        let mut b = ActorDictionaryBuilder::new();
        b.add_tsv_str(
            "id\tname\tkind\tcountry\tparent\taliases_ar\taliases_en\n\
             islamic_state\tIslamic State\tarmed_group\t\t\tداعش|تنظيم داعش|تنظيم الدولة الإسلامية\tISIS|IS\n\
             sdf\tSyrian Democratic Forces\tarmed_group\tSY\t\tقسد|قوات سوريا الديمقراطية\tSDF\n",
            "t.tsv",
        )
        .unwrap();
        b.build()
    }

    fn names(d: &ActorDictionary, text: &str) -> Vec<(String, String)> {
        d.find(text, &tokenize(text))
            .into_iter()
            .map(|m| (m.mention.text, m.actor.name.clone()))
            .collect()
    }

    #[test]
    fn aliases_with_clitics_and_coreference() {
        let d = small();
        let got = names(
            &d,
            "هاجم تنظيم «الدولة الإسلامية» مواقع لـ«قسد». وقال التنظيم إن عناصره للتنظيم",
        );
        assert_eq!(
            got[0],
            ("تنظيم «الدولة الإسلامية»".into(), "Islamic State".into())
        );
        assert_eq!(got[1], ("قسد".into(), "Syrian Democratic Forces".into()));
        assert_eq!(got[2], ("التنظيم".into(), "Islamic State".into()));
        assert_eq!(got[3].0, "للتنظيم");
    }

    #[test]
    fn soldiers_of_a_nationality_are_that_countrys_forces() {
        let d = ActorDictionary::embedded();
        let got = names(&d, "قُتل ٣٣ جندياً تركياً، and three American soldiers died");
        assert_eq!(
            got[0],
            ("جندياً تركياً".into(), "Turkish Armed Forces".into())
        );
        assert_eq!(
            got[1],
            (
                "American soldiers".into(),
                "United States Armed Forces".into()
            )
        );
    }

    #[test]
    fn officials_speak_for_their_country() {
        let d = ActorDictionary::embedded();
        let text =
            "وحذّر وزير الخارجية التركي أمس، فيما قال رئيس الوزراء إن the Iraqi government said";
        let toks = tokenize(text);
        let got: Vec<(String, String)> = d
            .find_officials(text, &toks, Some("IQ"), &[])
            .into_iter()
            .map(|m| (m.mention.text, m.actor.name.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "وزير الخارجية التركي".to_string(),
                    "Turkish Ministry of Foreign Affairs".to_string()
                ),
                ("رئيس الوزراء".to_string(), "Iraqi Government".to_string()),
                (
                    "Iraqi government".to_string(),
                    "Iraqi Government".to_string()
                ),
            ]
        );
    }

    #[test]
    fn embedded_data_is_valid_sorted_and_unambiguous() {
        let mut b = ActorDictionaryBuilder::new();
        b.add_tsv_str(EMBEDDED, "data/actors.tsv").unwrap();
        b.add_demonyms_str(EMBEDDED_DEMONYMS, "data/demonyms.tsv")
            .unwrap();
        b.add_offices_str(EMBEDDED_TITLES, EMBEDDED_OFFICES)
            .unwrap();
        let ids: Vec<&str> = b.actors.iter().map(|a| a.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "actors.tsv ids must be sorted and unique");
        assert!(ids.len() >= 150, "{} actors", ids.len());
        // every alias folds to a non-empty key, and no key names two actors
        let mut owner: HashMap<String, &str> = HashMap::new();
        for (a, names) in b.actors.iter().zip(&b.aliases) {
            for n in names {
                let k: Vec<String> = tokenize(n)
                    .into_iter()
                    .filter(|t| t.kind != TokenKind::Punct)
                    .map(|t| t.key)
                    .collect();
                assert!(!k.is_empty(), "{}: alias {n:?} has no words", a.id);
                let k = k.join(" ");
                if let Some(prev) = owner.insert(k.clone(), &a.id) {
                    let other = b.actors.iter().find(|x| x.id == prev).expect("known");
                    assert!(
                        prev == a.id || !other.overlaps(a),
                        "alias {n:?} names both {prev} and {} at once",
                        a.id
                    );
                }
            }
        }
    }

    #[test]
    fn no_antecedent_no_coreference() {
        assert!(names(&small(), "قال التنظيم إن").is_empty());
    }

    #[test]
    fn bad_rows_name_file_and_line_and_keep_nothing() {
        let mut b = ActorDictionaryBuilder::new();
        let e = b
            .add_tsv_str(
                "id\tname\tkind\tcountry\tparent\taliases_ar\taliases_en\nx\tX\tpirates\t\t\t\t\n",
                "mine.tsv",
            )
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("mine.tsv:2: column kind: unknown ActorKind \"pirates\""),
            "{e}"
        );
        let e = b
            .add_tsv_str("id\tname\tkind\tcountry\tparent\taliases_ar\taliases_en\nx\tX\tmilitia\t\tnobody\t\t\n", "p.tsv")
            .unwrap_err();
        assert!(
            e.to_string().contains("p.tsv:2: column parent: \"nobody\""),
            "{e}"
        );
        assert!(b.build().is_empty());
    }

    /// A user dictionary is refused, naming file and line, when an alias names two actors at
    /// once, parents go round in a cycle, or a date is not a date; aliases may be shared by
    /// actors of periods that do not meet, and the document's date chooses.
    #[test]
    fn aliases_parents_and_dates_are_checked() {
        const H: &str =
            "id\tname\tkind\tcountry\tparent\taliases_ar\taliases_en\tvalid_from\tvalid_to\n";
        let fails = |rows: &str| -> String {
            let mut b = ActorDictionaryBuilder::new();
            b.add_tsv_str(&format!("{H}{rows}"), "mine.tsv")
                .unwrap_err()
                .to_string()
        };
        let e = fails(
            "a\tA\tmilitia\t\t\tلواء الفجر\t\t\t\nb\tB\tmilitia\t\t\tاللواء 9|لواء الفجر\t\t\t\n",
        );
        assert!(
            e.starts_with("mine.tsv:3: alias \"لواء الفجر\" already names actor a"),
            "{e}"
        );
        let e = fails(
            "a\tA\tmilitia\t\tb\t\t\t\t\nb\tB\tmilitia\t\tc\t\t\t\t\nc\tC\tmilitia\t\ta\t\t\t\t\n",
        );
        assert!(
            e.starts_with("mine.tsv:2: column parent: a cycle of parents"),
            "{e}"
        );
        let e = fails("a\tA\tmilitia\t\t\t\t\t2017-13-01\t\n");
        assert!(
            e.starts_with("mine.tsv:2: column valid_from: \"2017-13-01\""),
            "{e}"
        );
        let e = fails("a\tA\tmilitia\t\t\t\t\t2018-01-01\t2017-01-01\n");
        assert!(e.contains("is after"), "{e}");
        // a renamed group: the same name, two periods
        let mut b = ActorDictionaryBuilder::new();
        b.add_tsv_str(
            &format!(
                "{H}old\tOld Front\tarmed_group\tSY\t\tجبهة الفجر\t\t\t2016-12-31\n\
                 new\tNew Front\tarmed_group\tSY\t\tجبهة الفجر|هيئة الفجر\t\t2017-01-01\t\n"
            ),
            "mine.tsv",
        )
        .unwrap();
        let d = b.build();
        let text = "هاجمت جبهة الفجر الموقع";
        let on = |day: &str| {
            d.find_on(text, &tokenize(text), day.parse().ok())[0]
                .actor
                .id
                .clone()
        };
        assert_eq!(on("2015-05-01"), "old");
        assert_eq!(on("2019-05-01"), "new");
        assert_eq!(d.find(text, &tokenize(text))[0].actor.id, "new");
    }

    #[test]
    fn both_sides_and_the_latter_refer_back() {
        let d = ActorDictionary::embedded();
        let text = "اشتبكت قوات سوريا الديمقراطية مع تنظيم داعش، وقتل عناصر من الطرفين. وقالت الأخيرة إنها صدت الهجوم.";
        let found = d.find(text, &tokenize(text));
        let at = |w: &str| -> Vec<String> {
            found
                .iter()
                .filter(|m| m.mention.text == w)
                .map(|m| m.actor.name.clone())
                .collect()
        };
        assert_eq!(at("الطرفين"), ["Syrian Democratic Forces", "Islamic State"]);
        assert_eq!(at("الأخيرة"), ["Islamic State"]);
        let english = "Turkish troops fought the SDF; both sides reported losses.";
        let found = d.find(english, &tokenize(english));
        assert_eq!(
            found
                .iter()
                .filter(|m| m.mention.text == "both sides")
                .count(),
            2
        );
    }

    #[test]
    fn nationalities_table_is_valid_and_read() {
        let rows = rasid_core::tsv::rows(
            EMBEDDED_NATIONALITIES,
            &["country", "adjectives_ar", "adjectives_en"],
        )
        .unwrap_or_else(|e| panic!("data/nationalities.tsv: {e}"));
        let countries: Vec<&str> = rows.iter().map(|r| r.cells[0]).collect();
        let mut sorted = countries.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(countries, sorted, "sorted by country, each once");
        for r in &rows {
            assert!(r.cells[0].len() == 2 && r.cells[0].chars().all(|c| c.is_ascii_uppercase()));
            assert!(
                r.cells[1].split('|').all(|a| a.starts_with("ال")),
                "line {}",
                r.line
            );
        }
        let d = small();
        assert_eq!(d.country_of_adjective("التونسي"), Some("TN"));
        assert_eq!(d.country_of_adjective("تونسية"), Some("TN"));
        assert_eq!(d.country_of_adjective("al-Masri"), Some("EG"));
        assert_eq!(d.country_of_adjective("البيت"), None);
    }

    #[test]
    fn dictionary_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<ActorDictionary>();
    }
}
