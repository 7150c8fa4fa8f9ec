//! The whole pipeline, from a document to its events.

use std::path::Path;

use rasid_actors::{find_persons, ActorDictionary, ActorDictionaryBuilder, ActorsError};
use rasid_core::{ActorMention, Document, Event, Lang, Person, PlaceMention, Span, TimeExpr};
use rasid_extract::{Analysis, EventCoder, TriggerLexicon, TriggersError};
use rasid_gazetteer::{Gazetteer, GazetteerBuilder, GazetteerError};
use rasid_text::{detect_lang, split_sentences, tokenize, Token};
use rasid_time::TemporalResolver;

/// The country a story is about: its dateline's, else the one most of its places are in.
fn story_country(text: &str, places: &[PlaceMention]) -> Option<String> {
    if let Some(d) = rasid_text::dateline(text) {
        if let Some(p) = places.iter().find(|p| d.contains(p.mention.span)) {
            return Some(p.place.country.clone());
        }
    }
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // villages and quarters often share a person's name: they do not decide the country
    for p in places.iter().filter(|p| p.place.feature.fineness() < 7) {
        if p.place.country.len() == 2 && p.place.country != "XX" {
            *counts.entry(p.place.country.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c)))
        .map(|(c, _)| c.to_string())
}

/// Whether `person`'s mention is exactly the village `place`, named in a list right after
/// another place: only و, commas and quotes stand between them.
fn listed_place(
    tokens: &[Token],
    places: &[PlaceMention],
    place: &PlaceMention,
    person: &Person,
) -> bool {
    if place.mention.span != person.mention.span
        || !matches!(
            place.place.feature,
            rasid_core::Feature::Village | rasid_core::Feature::Neighbourhood
        )
    {
        return false;
    }
    let mut i = tokens.partition_point(|t| t.span.end <= place.mention.span.start);
    while i > 0 {
        i -= 1;
        let t = &tokens[i];
        let joiner = matches!(
            t.key.as_str(),
            "و" | "،" | "," | "”" | "“" | "\"" | "«" | "»"
        );
        if joiner {
            continue;
        }
        return places.iter().any(|p| p.mention.span.end == t.span.end);
    }
    false
}

/// Documents longer than this are processed in parts cut at line breaks.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// Cut `text` into parts of at most about `max` bytes, at line breaks where possible (else at
/// a sentence end or a space, else at a character boundary). Yields (offset, part).
fn chunks(text: &str, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = (start + max).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < text.len() {
            let window = &text[start..end];
            let cut = window
                .rfind('\n')
                .or_else(|| window.rfind(['.', '؟', '!']))
                .or_else(|| window.rfind(' '))
                .filter(|&c| c > max / 4);
            if let Some(c) = cut {
                end = start + c + 1;
                while !text.is_char_boundary(end) {
                    end += 1;
                }
            }
        }
        let part = (start, &text[start..end]);
        start = end;
        Some(part)
    })
}

/// Everything found in one document.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub lang: Option<Lang>,
    pub events: Vec<Event>,
    pub actors: Vec<ActorMention>,
    pub persons: Vec<Person>,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeExpr>,
}

/// Settings for a [`Pipeline`]: the embedded data plus the user's own files.
#[derive(Debug)]
pub struct PipelineBuilder {
    gazetteer: GazetteerBuilder,
    actors: ActorDictionaryBuilder,
    triggers: TriggerLexicon,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            gazetteer: GazetteerBuilder::embedded(),
            actors: ActorDictionaryBuilder::embedded(),
            triggers: TriggerLexicon::embedded(),
        }
    }
}

impl Extraction {
    /// Move every span by `by` bytes (a part of a longer text to the whole text).
    fn shift(&mut self, by: usize) {
        let m =
            |x: &mut rasid_core::Mention| x.span = Span::new(x.span.start + by, x.span.end + by);
        for e in &mut self.events {
            m(&mut e.trigger);
            m(&mut e.evidence);
            for a in [&mut e.actor1, &mut e.actor2].into_iter().flatten() {
                m(&mut a.mention);
            }
            if let Some(p) = &mut e.location {
                m(&mut p.mention);
            }
            for x in [&mut e.date_mention, &mut e.fatalities_mention]
                .into_iter()
                .flatten()
            {
                m(x);
            }
            if let Some(a) = &mut e.attributed_to {
                m(&mut a.mention);
            }
        }
        self.actors.iter_mut().for_each(|a| m(&mut a.mention));
        self.persons.iter_mut().for_each(|p| m(&mut p.mention));
        self.places.iter_mut().for_each(|p| m(&mut p.mention));
        self.times.iter_mut().for_each(|t| m(&mut t.mention));
    }
}

impl PipelineBuilder {
    /// Add a gazetteer: the `places_sy_iq.tsv` format, or a GeoNames dump (`SY.txt`,
    /// `allCountries.txt`, with `admin1CodesASCII.txt` and `alternateNamesV2.txt` beside it).
    pub fn gazetteer_file(&mut self, path: &Path) -> Result<usize, GazetteerError> {
        self.gazetteer.add_file(path)
    }
    /// Add an actors TSV (the `data/actors.tsv` format).
    pub fn actors_file(&mut self, path: &Path) -> Result<usize, ActorsError> {
        self.actors.add_tsv_file(path)
    }
    /// Add a triggers TSV (the `data/triggers.tsv` format).
    pub fn triggers_file(&mut self, path: &Path) -> Result<usize, TriggersError> {
        self.triggers.add_tsv_file(path)
    }
    pub fn build(self) -> Pipeline {
        let actors = self.actors.build();
        let civilians = actors.get("civilians").cloned();
        let coder = EventCoder::new(self.triggers)
            .with_civilians(civilians)
            .with_forces(actors.national_forces());
        Pipeline {
            gazetteer: self.gazetteer.build(),
            actors,
            time: TemporalResolver::default(),
            coder,
        }
    }
}

/// Words between a person and an organisation that tie the person to it: "من تيار
/// الحازميون", "أحد أفراد مجموعة تابعة للجيش الحر", "القيادي في", "a member of".
const AFFILIATION_CUES: &[&str] = &[
    "من",
    "تابع",
    "تابعه",
    "التابع",
    "التابعه",
    "عضو",
    "افراد",
    "احد",
    "في",
    "صفوف",
    "القيادي",
    "قيادي",
    "مجموعه",
    "of",
    "member",
    "from",
    "with",
];

/// Text in, events out. Immutable and `Send + Sync`: build once, share across threads.
#[derive(Clone, Debug)]
pub struct Pipeline {
    gazetteer: Gazetteer,
    actors: ActorDictionary,
    time: TemporalResolver,
    coder: EventCoder,
}

impl Pipeline {
    /// Nationality from a nisba ("أبو صهيب التونسي" → TN) and affiliation from an organisation
    /// named right after the person with a tying word ("من تيار …", "التابع لـ…").
    fn describe_persons(&self, persons: &mut [Person], tokens: &[Token], actors: &[ActorMention]) {
        for p in persons.iter_mut() {
            if let Some(last) = p.name.split_whitespace().last() {
                p.nationality = self.actors.country_of_adjective(last).map(str::to_string);
            }
            let end = tokens.partition_point(|t| t.span.start < p.mention.span.end);
            let mut k = end;
            // skip a closing bracket or "(اسم مستعار)"
            while k < tokens.len() && k < end + 6 {
                let key = tokens[k].key.as_str();
                if matches!(key, ")" | "(" | "اسم" | "مستعار" | "”" | "»" | "،" | ",")
                {
                    k += 1;
                } else {
                    break;
                }
            }
            let mut cues = 0;
            while k < tokens.len() && k < end + 10 {
                let t = &tokens[k];
                if let Some(a) = actors.iter().find(|a| {
                    a.mention.span.start >= t.span.start && a.mention.span.start < t.span.end
                }) {
                    if cues > 0 && !a.actor.kind.is_reporter() {
                        p.affiliation = Some(a.actor.name.clone());
                    }
                    break;
                }
                let key = t.key.as_str();
                let bare = key.strip_prefix('و').unwrap_or(key);
                if AFFILIATION_CUES.contains(&key) || AFFILIATION_CUES.contains(&bare) {
                    cues += 1;
                } else if t.kind == rasid_text::TokenKind::Punct || cues == 0 {
                    break;
                }
                k += 1;
            }
        }
    }

    /// The pipeline on rasid's embedded data.
    pub fn embedded() -> Pipeline {
        PipelineBuilder::default().build()
    }

    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }
    pub fn actors(&self) -> &ActorDictionary {
        &self.actors
    }
    pub fn temporal(&self) -> &TemporalResolver {
        &self.time
    }

    /// Run every stage on one document. Long documents (over [`CHUNK_BYTES`]) are read in
    /// parts cut at line breaks, so time and memory stay linear in the text's length; spans
    /// always point into the whole original text.
    pub fn process(&self, doc: &Document) -> Extraction {
        if doc.text.len() <= CHUNK_BYTES {
            return self.process_text(doc, &doc.text);
        }
        let mut out = Extraction {
            lang: doc.lang.or_else(|| detect_lang(&doc.text)),
            ..Extraction::default()
        };
        for (offset, part) in chunks(&doc.text, CHUNK_BYTES) {
            let mut x = self.process_text(doc, part);
            x.shift(offset);
            out.events.append(&mut x.events);
            out.actors.append(&mut x.actors);
            out.persons.append(&mut x.persons);
            out.places.append(&mut x.places);
            out.times.append(&mut x.times);
        }
        out
    }

    fn process_text(&self, doc: &Document, text: &str) -> Extraction {
        let lang = doc.lang.or_else(|| detect_lang(text));
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let actors = self.actors.find_on(text, &tokens, doc.published);
        // A word that is both an actor and a place (روسيا, أنقرة) is the actor; a place inside
        // a longer actor name (مجلس الرقة المدني) stays a place of the document.
        let places: Vec<PlaceMention> = {
            let all = self.gazetteer.find(text, &tokens);
            let mut spans: Vec<Span> = actors.iter().map(|a| a.mention.span).collect();
            spans.sort();
            all.into_iter()
                .filter(|p| {
                    let s = p.mention.span;
                    let i = spans.partition_point(|a| a.end <= s.start);
                    let inside = spans[i..]
                        .iter()
                        .take_while(|a| a.start < s.end)
                        .find(|a| a.contains(s));
                    match inside {
                        None => true,
                        // "روسيا" the actor, not the country
                        Some(a) if a.len() <= s.len() + 4 => false,
                        // a town in a name ("مجلس الرقة المدني") still says where the story is;
                        // a country or region in one ("هيئة تحرير الشام") does not
                        Some(_) => p.place.feature.fineness() >= 5,
                    }
                })
                .collect()
        };
        // officials ("رئيس الوزراء") speak for the country the story is about
        let actors = {
            let country = story_country(text, &places);
            let mut spans: Vec<Span> = actors.iter().map(|a| a.mention.span).collect();
            spans.sort();
            let officials = self
                .actors
                .find_officials(text, &tokens, country.as_deref(), &spans);
            let mut all = actors;
            all.extend(officials);
            all.sort_by_key(|a| a.mention.span.start);
            all
        };
        let times = self.time.find(text, &tokens, doc.published);
        let mut taken: Vec<Span> = actors.iter().map(|a| a.mention.span).collect();
        taken.sort();
        // villages and neighbourhoods often share a person's name (طلال، عبد الكريم، المالكي):
        // a name may run through them; larger places end a name
        let village = |p: &PlaceMention| {
            matches!(
                p.place.feature,
                rasid_core::Feature::Village | rasid_core::Feature::Neighbourhood
            )
        };
        let mut place_spans: Vec<Span> = places
            .iter()
            .filter(|p| !village(p))
            .map(|p| p.mention.span)
            .collect();
        place_spans.sort();
        let mut persons = find_persons(text, &tokens, &taken, &place_spans);
        // "في منطقتين هما الشعفة و أبو الخاطر": a bare name that is exactly a village, listed
        // after another place, is that village
        persons.retain(|q| {
            q.role.is_some() || !places.iter().any(|p| listed_place(&tokens, &places, p, q))
        });
        self.describe_persons(&mut persons, &tokens, &actors);
        // a family name that is also a place ("نوري المالكي") is part of the name
        let places: Vec<PlaceMention> = places
            .into_iter()
            .filter(|p| {
                !persons.iter().any(|q| {
                    let first = q.name.split_whitespace().next().unwrap_or("");
                    let family_name = q.mention.span.end == p.mention.span.end
                        && !rasid_text::is_common_word(&rasid_text::match_key(first));
                    q.mention.span.contains(p.mention.span) && (village(p) || family_name)
                })
            })
            .collect();
        let analysis = Analysis {
            text,
            published: doc.published,
            lang: lang.unwrap_or(Lang::Ar),
            tokens: &tokens,
            sentences: &sentences,
            actors: &actors,
            persons: &persons,
            places: &places,
            times: &times,
        };
        let events = self.coder.code(&analysis);
        Extraction {
            lang,
            events,
            actors,
            persons,
            places,
            times,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_at_line_breaks() {
        let text = "سطر أول فيه كلام.\n".repeat(1000);
        let parts: Vec<(usize, &str)> = chunks(&text, 4096).collect();
        assert!(parts.len() > 5);
        let mut pos = 0;
        for (off, p) in &parts {
            assert_eq!(*off, pos);
            assert!(p.ends_with('\n'));
            pos += p.len();
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Pipeline>();
    }
}
