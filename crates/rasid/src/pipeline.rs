//! The whole pipeline, from a document to its events.

use std::path::Path;

use rasid_actors::{find_persons, ActorDictionary, ActorDictionaryBuilder, ActorsError};
use rasid_core::{ActorMention, Document, Event, Lang, Person, PlaceMention, Span, TimeExpr};
use rasid_extract::{Analysis, EventCoder, TriggerLexicon, TriggersError};
use rasid_gazetteer::{Gazetteer, GazetteerBuilder, GazetteerError};
use rasid_text::{detect_lang, split_sentences, tokenize};
use rasid_time::TemporalResolver;

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

impl PipelineBuilder {
    /// Add a gazetteer TSV (the `places_sy_iq.tsv` format).
    pub fn gazetteer_file(&mut self, path: &Path) -> Result<usize, GazetteerError> {
        self.gazetteer.add_tsv_file(path)
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
        Pipeline {
            gazetteer: self.gazetteer.build(),
            actors,
            time: TemporalResolver::default(),
            coder: EventCoder::new(self.triggers).with_civilians(civilians),
        }
    }
}

/// Text in, events out. Immutable and `Send + Sync`: build once, share across threads.
#[derive(Clone, Debug)]
pub struct Pipeline {
    gazetteer: Gazetteer,
    actors: ActorDictionary,
    time: TemporalResolver,
    coder: EventCoder,
}

impl Pipeline {
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

    /// Run every stage on one document.
    pub fn process(&self, doc: &Document) -> Extraction {
        let text = doc.text.as_str();
        let lang = doc.lang.or_else(|| detect_lang(text));
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let actors = self.actors.find(text, &tokens);
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
                    !spans.get(i).is_some_and(|a| a.contains(s) && a.len() <= s.len() + 4)
                })
                .collect()
        };
        let times = self.time.find(text, &tokens, doc.published);
        let mut taken: Vec<Span> = actors.iter().map(|a| a.mention.span).chain(places.iter().map(|p| p.mention.span)).collect();
        taken.sort();
        let persons = find_persons(text, &tokens, &taken);
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
        Extraction { lang, events, actors, persons, places, times }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Pipeline>();
    }
}
