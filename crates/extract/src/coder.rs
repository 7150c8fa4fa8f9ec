//! The event coder.

use std::ops::Range;

use rasid_core::{
    ActorKind, ActorMention, Attribution, Category, Date, DateRange, Event, Lang, Mention, Person,
    PlaceMention, Precision, Span, Status, TimeExpr,
};
use rasid_text::{Sentence, Token, TokenKind};

use crate::cues::{self, base, casualty_count, status_cue, victim_noun};
use crate::{Trigger, TriggerLexicon};

/// A document as the earlier stages annotated it. All spans point into `text`.
#[derive(Clone, Copy, Debug)]
pub struct Analysis<'a> {
    pub text: &'a str,
    pub published: Option<Date>,
    pub lang: Lang,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub actors: &'a [ActorMention],
    pub persons: &'a [Person],
    pub places: &'a [PlaceMention],
    pub times: &'a [TimeExpr],
}

/// Codes events from an [`Analysis`]. Immutable; share it across threads.
#[derive(Clone, Debug, Default)]
pub struct EventCoder {
    triggers: TriggerLexicon,
    civilians: Option<std::sync::Arc<rasid_core::Actor>>,
    /// Each country's armed forces (ISO alpha-2 → actor): who acts when a ministry says
    /// "قواتنا" or "its forces".
    forces: std::collections::HashMap<String, std::sync::Arc<rasid_core::Actor>>,
}

/// How an actor relates to the trigger it stands near.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Agent,
    Target,
    Victim,
    Partner,
    /// "انسحب لصالح X": who gains from the act.
    Beneficiary,
    PairFirst,
    /// "اقتتال ضمن تنظيم داعش": both sides belong to the actor.
    Internal,
    Plain,
    Ignore,
}

/// A trigger (or a run of same-category triggers) with its argument scope.
#[derive(Clone, Debug)]
struct Cand<'t> {
    trigger: &'t Trigger,
    category: Category,
    /// Token range of the first trigger of the run.
    head: Range<usize>,
    /// Token range of the whole run.
    at: Range<usize>,
    span: Span,
    clitic: String,
    /// Token range whose mentions may be its arguments.
    scope: Range<usize>,
    segment: usize,
    /// Written with the article (الهجوم، الغارات): may refer back to an event told before.
    definite: bool,
    /// The content of a demand or threat before it ("طالبت ... بإدانتها").
    demanded: bool,
    /// A protest's slogans: the demand of a protest told just before ("تظاهر … للمطالبة
    /// بإسقاط النظام") and what it demands. They are the protest's, no events of their own.
    chanted: bool,
}

impl Cand<'_> {
    /// Reports casualties rather than an act (قُتل، أصيب، killed, wounded).
    fn casualty(&self) -> bool {
        self.trigger.flags.fatal || self.trigger.flags.passive
    }
}

fn token_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.end <= byte)
}

fn tok_range(tokens: &[Token], span: Span) -> Range<usize> {
    let a = token_at(tokens, span.start);
    let b = tokens
        .partition_point(|t| t.span.start < span.end)
        .max(a + 1);
    a..b
}

fn key(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map(|t| t.key.as_str()).unwrap_or("")
}

fn is_victim_kind(k: ActorKind) -> bool {
    matches!(k, ActorKind::Civilians)
}

/// One coded event while its sentence is being worked on.
struct Draft {
    ev: Event,
    segment: usize,
    casualty: bool,
    /// Whether the scope named a place, a time or an actor of its own.
    own_place: bool,
    own_time: bool,
    /// Its trigger is definite ("القتلى", "the dead"): it may tell of an event told before.
    definite: bool,
}

impl EventCoder {
    pub fn new(triggers: TriggerLexicon) -> EventCoder {
        EventCoder {
            triggers,
            civilians: None,
            forces: Default::default(),
        }
    }

    /// The armed forces of each country (ISO alpha-2 → actor), for a government speaker's
    /// "قواتها".
    pub fn with_forces(
        mut self,
        forces: impl IntoIterator<Item = (String, std::sync::Arc<rasid_core::Actor>)>,
    ) -> EventCoder {
        self.forces = forces.into_iter().collect();
        self
    }

    /// The actor that stands for unnamed civilian victims ("قُتل خمسة أشخاص").
    pub fn with_civilians(
        mut self,
        civilians: Option<std::sync::Arc<rasid_core::Actor>>,
    ) -> EventCoder {
        self.civilians = civilians;
        self
    }

    pub fn triggers(&self) -> &TriggerLexicon {
        &self.triggers
    }

    /// Every event in the document, in text order, duplicates merged.
    pub fn code(&self, a: &Analysis) -> Vec<Event> {
        let tokens = a.tokens;
        let mut taken: Vec<Span> = a
            .actors
            .iter()
            .map(|m| m.mention.span)
            .chain(a.places.iter().map(|p| p.mention.span))
            .chain(a.persons.iter().map(|p| p.mention.span))
            .collect();
        taken.sort();
        // a trigger inside a name ("غرفة عمليات", "الدفاع المدني") is no event; a trigger that
        // contains a name ("تبادل أسرى") keeps the trigger reading
        let inside_name = |s: Span| {
            let i = taken.partition_point(|t| t.end <= s.start);
            taken[i..]
                .iter()
                .take_while(|t| t.start < s.end)
                .any(|t| t.contains(s))
        };
        let quotes = short_quotes(tokens);
        let mut triggers: Vec<(rasid_text::PhraseMatch, &Trigger)> = self
            .triggers
            .find(a.text, tokens)
            .into_iter()
            .filter(|(m, t)| {
                t.category.is_some()
                    && !inside_name(m.span)
                    && !quotes.iter().any(|q| q.contains(&m.tokens.start))
                    && !proper_name(a.text, tokens, m.tokens.start)
                    && !habitual(tokens, m.tokens.start)
                    && !heard(tokens, m.tokens.start)
            })
            .collect();
        triggers.sort_by_key(|(m, _)| m.span.start);

        let main_place = main_place(a);
        let actor_spans: Vec<Span> = {
            let mut v: Vec<Span> = a.actors.iter().map(|m| m.mention.span).collect();
            v.sort();
            v
        };
        let mut narrative_date: Option<DateRange> = None;
        // The news peg: the first dated day or week of the story; sentences without a date of
        // their own most often continue it.
        let lede: Option<&TimeExpr> = a
            .times
            .iter()
            .find(|t| !t.future && matches!(t.range.precision, Precision::Day | Precision::Week));
        let lede_date: Option<DateRange> = lede.map(|t| t.range);
        let lede_at = lede.map_or(usize::MAX, |t| t.mention.span.start);
        let mut narrative_place: Option<PlaceMention> = None;
        let mut events: Vec<Event> = Vec::new();
        // Index in `events` of the last violent event, and the sentence it came from.
        let mut last_violent: Option<(usize, usize)> = None;

        let dateline = rasid_text::dateline(a.text);
        // Mentions as token ranges, sorted by start, so each sentence takes its slice.
        let actors = ranged(tokens, a.actors, |m| m.mention.span);
        let places: Vec<(Range<usize>, &PlaceMention)> =
            ranged(tokens, a.places, |m| m.mention.span)
                .into_iter()
                .filter(|(_, p)| {
                    // a place inside an actor's name (مجلس الرقة المدني) is not where events happen
                    let s = p.mention.span;
                    let i = actor_spans.partition_point(|x| x.end <= s.start);
                    // nor is the dateline ("BAGHDAD —", "درعا –"): where the story was filed
                    !actor_spans.get(i).is_some_and(|x| x.overlaps(s))
                        && dateline.is_none_or(|d| !d.contains(s))
                })
                .collect();
        let times = ranged(tokens, a.times, |m| m.mention.span);
        let persons = ranged(tokens, a.persons, |m| m.mention.span);
        for (sn, s) in a.sentences.iter().enumerate() {
            let in_sentence = slice_by(&triggers, &s.tokens, |(m, _)| m.tokens.start);
            let s_actors = slice_by(&actors, &s.tokens, |(r, _)| r.start);
            let s_places = slice_by(&places, &s.tokens, |(r, _)| r.start);
            let s_times = slice_by(&times, &s.tokens, |(r, _)| r.start);
            let s_persons = slice_by(&persons, &s.tokens, |(r, _)| r.start);
            // "وقصفت", "واختطفوا": a conjoined verb opens a clause; casualty words ("وأصيب")
            // and definite nouns ("والصواريخ") do not
            let clause_starts: Vec<usize> = in_sentence
                .iter()
                .filter(|(m, t)| {
                    let clitic = m.clitic.slice(a.text);
                    clitic.starts_with('و')
                        && !t.flags.fatal
                        && !t.flags.passive
                        && !rasid_text::match_key(m.span.slice(a.text)).starts_with("ال")
                })
                .map(|(m, _)| m.tokens.start)
                .chain(s.tokens.clone().filter(|&i| {
                    let k = key(tokens, i);
                    k.starts_with('و') && base(k, cues::REPORT_CUES).is_some()
                }))
                .collect();
            let segments = segments(tokens, s, &clause_starts);
            let seg_of = |i: usize| segments.iter().position(|r| r.contains(&i)).unwrap_or(0);

            // candidates: merge neighbouring triggers of one category in one segment
            let mut cands: Vec<Cand> = Vec::new();
            for (m, t) in in_sentence.iter() {
                let Some(category) = t.category else { continue };
                let seg = seg_of(m.tokens.start);
                if let Some(last) = cands.last_mut() {
                    let close = m.tokens.start.saturating_sub(last.at.end) <= 3;
                    if last.segment == seg
                        && last.category == category
                        && close
                        && !t.flags.fatal
                        && !t.flags.passive
                        && !last.casualty()
                    {
                        last.at.end = m.tokens.end;
                        continue;
                    }
                }
                let first = &tokens[m.tokens.start];
                let definite = {
                    let w = m.span.slice(a.text);
                    rasid_text::match_key(w)
                        .trim_start_matches('ل')
                        .starts_with("ال")
                        || (m.tokens.start > 0 && key(tokens, m.tokens.start - 1) == "the")
                } && first.kind == TokenKind::Word;
                // "أدانت … عملية الإعدام": the act condemned was told before
                let condemned = definite
                    && cands
                        .iter()
                        .rev()
                        .find(|p| !p.trigger.flags.weak)
                        .is_some_and(|p| {
                            p.category == Category::Disapprove
                                && p.segment == seg
                                && m.tokens.start.saturating_sub(p.at.end) <= 10
                        })
                    && events.iter().any(|e| e.category == category);
                if condemned {
                    continue;
                }
                // "اغتال مسلحون … قيادياً بإطلاق النار عليه": an act introduced by ب after an
                // act of violence in its clause is the means of that act, not another event
                let means = m.clitic.slice(a.text).ends_with('ب')
                    && armed_violence(category)
                    && !t.flags.fatal
                    && !t.flags.passive
                    && cands.last().is_some_and(|p| {
                        p.segment == seg
                            && armed_violence(p.category)
                            && !p.trigger.flags.passive
                            && !p.trigger.flags.weak
                            && (!p.trigger.flags.fatal || active_killing(p.trigger))
                            && m.tokens.start.saturating_sub(p.at.end) <= 12
                    });
                if means {
                    continue;
                }
                // what is demanded or threatened: right after the demand, after its object
                // with ب/إلى ("طالب أبناء القبيلة بمحاصرة …"), and what is joined to it with و
                let clitic = m.clitic.slice(a.text);
                let introduced = clitic.ends_with('ب')
                    || (m.tokens.start > 0
                        && matches!(key(tokens, m.tokens.start - 1), "الي" | "ب" | "to" | "ان"));
                let demanded = cands.last().is_some_and(|p| {
                    let gap = m.tokens.start.saturating_sub(p.at.end);
                    let demand = matches!(p.category, Category::Demand | Category::Threaten);
                    (demand && (gap <= 3 || (introduced && gap <= 10 && p.segment == seg)))
                        || (p.demanded
                            && (gap <= 8 || (clitic.starts_with('و') && p.segment == seg)))
                });
                let chanted = cands.last().is_some_and(|p| {
                    if p.segment != seg {
                        return false;
                    }
                    if category != Category::Demand {
                        return demanded && p.chanted;
                    }
                    // "خرج آلاف المتظاهرين": going out is protesting when protesters do it
                    m.tokens.start.saturating_sub(p.at.end) <= 20
                        && (p.chanted
                            || p.category == Category::Protest
                            || s_actors.iter().any(|(r, x)| {
                                x.actor.kind == ActorKind::Protesters
                                    && r.start + 4 >= p.at.start
                                    && r.start < m.tokens.start
                            }))
                });
                cands.push(Cand {
                    trigger: t,
                    category,
                    head: m.tokens.clone(),
                    at: m.tokens.clone(),
                    span: m.span,
                    clitic: m.clitic.slice(a.text).to_string(),
                    scope: segments[seg].clone(),
                    segment: seg,
                    definite,
                    demanded,
                    chanted,
                });
            }
            // "عملية تسليم", "عملية تبادل": a weak word right before another trigger is part of it
            let starts: Vec<usize> = cands.iter().map(|c| c.at.start).collect();
            cands.retain(|c| !(c.trigger.flags.weak && starts.contains(&c.at.end)));
            // weak triggers need an armed actor in their segment, or a place when nothing
            // clearer in the sentence says what happened
            let strong_elsewhere = cands.iter().any(|c| !c.trigger.flags.weak);

            cands.retain(|c| {
                if !c.trigger.flags.weak {
                    return true;
                }
                let in_seg = |r: &Range<usize>| r.start >= c.scope.start && r.start < c.scope.end;
                // words need a speaker of any kind; acts need someone who can act
                let words = c.category.is_statement();
                let armed = s_actors.iter().any(|(r, m)| {
                    in_seg(r)
                        && (m.actor.kind.is_armed()
                            || m.actor.kind == ActorKind::Protesters
                            || (words && !m.actor.kind.is_reporter()))
                        && !c.span.contains(m.mention.span)
                });
                let place = s_places.iter().any(|(r, _)| in_seg(r));
                // "The strikes hit Ras al-Ain …": a definite word goes on with new towns
                let town = s_places
                    .iter()
                    .any(|(r, p)| in_seg(r) && p.place.feature.fineness() >= 5);
                armed
                    || (place && !c.definite && !strong_elsewhere)
                    || (c.definite && town && !strong_elsewhere)
            });
            // split each segment's scope between its triggers
            for k in 0..cands.len() {
                let seg = cands[k].segment;
                if k > 0 && cands[k - 1].segment == seg {
                    let prev_end = cands[k - 1].at.end;
                    // "…، الأمر الذي رفضته …": what comes before the anaphor is the matter
                    // told, not this event's
                    let from = cues::anaphor_before(tokens, cands[k].at.start)
                        .filter(|&j| j >= prev_end)
                        .unwrap_or(prev_end);
                    cands[k].scope.start = cands[k].scope.start.max(from).min(cands[k].at.start);
                }
                if k + 1 < cands.len() && cands[k + 1].segment == seg {
                    let next = &cands[k + 1];
                    let next_start = cues::anaphor_before(tokens, next.at.start)
                        .filter(|&j| j >= cands[k].at.end)
                        .unwrap_or(next.at.start);
                    cands[k].scope.end = cands[k].scope.end.min(next_start).max(cands[k].at.end);
                }
            }

            // who says so
            let attribution = attribution(a, tokens, s, s_actors, s_persons);
            let source_span = attribution.as_ref().map(|x| x.span);
            let source_actor = attribution.as_ref().and_then(|x| {
                s_actors
                    .iter()
                    .find(|(_, m)| m.mention.span == x.span)
                    .map(|(_, m)| *m)
            });
            // "قالت قسد إنها أعادت القبض": the speaker is the subject of what it reports
            let speaker_subject = attribution.as_ref().is_some_and(|x| x.subject);

            let mut drafts: Vec<Draft> = Vec::new();
            let mut prev_status: Option<(Status, usize)> = None;
            for c in cands.iter().filter(|c| !c.chanted) {
                let in_scope = |r: &Range<usize>| r.start >= c.scope.start && r.start < c.scope.end;
                let scope_actors: Vec<&(Range<usize>, &ActorMention)> = s_actors
                    .iter()
                    .filter(|(r, m)| {
                        in_scope(r)
                            && Some(m.mention.span) != source_span
                            && !m.actor.kind.is_reporter()
                            && !c.span.contains(m.mention.span)
                    })
                    .collect();
                let own_place = s_places.iter().any(|(r, _)| in_scope(r));
                let own_time = s_times.iter().any(|(r, _)| in_scope(r));
                // "الغارات" again, with nothing new: the event told before, not a new one
                let armed_in_scope = scope_actors.iter().any(|(_, m)| m.actor.kind.is_armed());
                // "وتبنت جماعة X الهجوم": a group claims the attack told before
                let claimer = attribution
                    .as_ref()
                    .filter(|x| x.claims && c.definite && c.category.is_violent())
                    .and(source_actor)
                    .filter(|m| m.actor.kind.is_armed());
                if let Some(m) = claimer {
                    let told = events.iter_mut().rev().take(6).find(|e| {
                        e.category.is_violent()
                            && e.actor1.is_none()
                            && e.status == Status::Asserted
                            && e.actor2.as_ref().is_none_or(|t| t.actor.id != m.actor.id)
                    });
                    if let Some(e) = told {
                        e.actor1 = Some(m.clone());
                        e.status = Status::Claimed;
                        // the claim is the claimer's word
                        e.attributed_to = attribution.as_ref().map(|x| x.attribution.clone());
                        continue;
                    }
                }
                if c.definite && !armed_in_scope {
                    // "الحملة" after "حملة دهم": the same word told again, whatever its
                    // category and wherever it is said to reach
                    let bare = rasid_text::match_key(c.span.slice(a.text));
                    let bare = bare
                        .trim_start_matches(['و', 'ب', 'ل'])
                        .trim_start_matches("ال");
                    // the trigger of any event told, or a word of the story told lately
                    let recent = &events[events.len().saturating_sub(8)..];
                    let same_word = events
                        .iter()
                        .chain(drafts.iter().map(|d| &d.ev))
                        .any(|e| rasid_text::match_key(&e.trigger.text).contains(bare))
                        || recent.iter().chain(drafts.iter().map(|d| &d.ev)).any(|e| {
                            rasid_text::match_key(e.evidence.span.slice(a.text))
                                .split(' ')
                                .any(|w| w.trim_start_matches(['و', 'ب', 'ل']) == bare)
                        });
                    if same_word {
                        continue;
                    }
                }
                if c.definite && !own_place && !own_time {
                    let told: Vec<&Event> = events
                        .iter()
                        .chain(drafts.iter().map(|d| &d.ev))
                        .filter(|e| {
                            e.category == c.category
                                || (armed_violence(e.category) && armed_violence(c.category))
                        })
                        .collect();
                    // nothing new unless an armed actor shows up that took no part before
                    let newcomer = scope_actors.iter().any(|(_, m)| {
                        m.actor.kind.is_armed()
                            && !told.iter().any(|e| {
                                e.actor1
                                    .iter()
                                    .chain(&e.actor2)
                                    .any(|x| x.actor.id == m.actor.id)
                            })
                    });
                    let english = tokens[c.at.start].key.is_ascii();
                    if !told.is_empty() && (!newcomer || english || !armed_in_scope) {
                        continue;
                    }
                }
                let casualty = c.casualty();
                let roles: Vec<(Role, usize, &ActorMention)> = scope_actors
                    .iter()
                    .map(|(r, m)| (role_of(a.text, tokens, r.start, m, c), r.start, *m))
                    .collect();
                // "قُتل خمسة"، "مقتل": the dead are the subject; "أعدم التنظيم …": the killer is
                let active_killing = active_killing(c.trigger);
                let (mut actor1, mut actor2) =
                    assign(tokens, &roles, c, casualty && !active_killing);
                let opens_contrast =
                    base(key(tokens, c.scope.start), cues::SEGMENT_BREAKS).is_some();
                let subject_named = roles
                    .iter()
                    .any(|r| r.1 < c.head.start && r.0 == Role::Plain);
                // a government speaks of what its forces did
                let acting_source = source_actor.map(|src| {
                    if src.actor.kind == ActorKind::Government && c.category.is_violent() {
                        if let Some(f) = src.actor.country.as_ref().and_then(|k| self.forces.get(k))
                        {
                            return std::borrow::Cow::Owned(ActorMention {
                                actor: f.clone(),
                                mention: src.mention.clone(),
                            });
                        }
                    }
                    std::borrow::Cow::Borrowed(src)
                });
                let acting_source = acting_source.as_deref();
                // "أعلنت جماعة الحوثي، مساء الخميس، استهداف سفينة": the act it announces right
                // after its name is its own
                let announced_act = attribution.as_ref().is_some_and(|x| {
                    x.announced
                        && c.category.is_violent()
                        && !casualty
                        && c.clitic.is_empty()
                        && token_at(tokens, x.span.end) <= c.at.start
                        && c.at.start - token_at(tokens, x.span.end) <= 8
                }) && acting_source.is_some_and(|m| m.actor.kind.is_armed());
                if announced_act && actor1.is_none() && !subject_named {
                    actor1 = acting_source.cloned();
                }
                if speaker_subject && !opens_contrast && !subject_named {
                    if let Some(src) = acting_source {
                        if actor1.as_ref().map(|m| &m.actor.id) != Some(&src.actor.id) {
                            if actor2.is_none() {
                                actor2 = actor1.take();
                            }
                            actor1 = Some(src.clone());
                        }
                    }
                }
                let lethal = matches!(
                    c.trigger.mode.as_deref(),
                    Some("execution" | "beheading" | "massacre" | "assassination" | "killing")
                );
                let mut count = if c.trigger.flags.fatal {
                    casualty_count(tokens, c.at.start, c.at.end, c.scope.end.max(c.at.end)).or_else(
                        || {
                            lethal
                                .then(|| cues::victims_after(tokens, c.at.end, c.scope.end))
                                .flatten()
                        },
                    )
                } else if lethal {
                    cues::victims_after(tokens, c.at.end, c.scope.end)
                } else {
                    None
                };
                // "قتل مسلحون مجهولون شخصين": an armed subject right after an active verb, then
                // the count of the dead
                if c.trigger.flags.fatal && count.is_none() && !c.trigger.flags.passive {
                    let subject = scope_actors
                        .iter()
                        .find(|(r, m)| r.start == c.at.end && m.actor.kind.is_armed());
                    if let Some((r, m)) = subject {
                        let end = c.scope.end.max(r.end);
                        if let Some(n) = casualty_count(tokens, r.end, r.end, end)
                            .filter(|n| n.start <= r.end + 2)
                        {
                            if actor2.as_ref().is_some_and(|x| x.actor.id == m.actor.id) {
                                actor2 = None;
                            }
                            actor1 = Some((*m).clone());
                            count = Some(n);
                        }
                    }
                }
                if count.is_none() && (c.trigger.flags.fatal || lethal) {
                    count = cues::pronoun_deaths(tokens, c.at.end, s.tokens.end);
                }
                // unnamed civilian victims: "قُتل خمسة أشخاص"
                if actor2.is_none() && count.as_ref().is_some_and(|n| n.civilians == Some(true)) {
                    if let (Some(civ), Some(n)) = (&self.civilians, &count) {
                        let span = Span::new(
                            tokens[n.start].span.start,
                            tokens[n.end.saturating_sub(1).max(n.start)].span.end,
                        );
                        actor2 = Some(ActorMention {
                            actor: civ.clone(),
                            mention: Mention::from_text(a.text, span),
                        });
                    }
                }
                // a named civilian harmed: "أعدم التنظيم عالم الآثار خالد الأسعد"
                if actor2.is_none() && matches!(c.category, Category::Assault | Category::Coerce) {
                    if let (Some(civ), Some((_, person))) = (
                        &self.civilians,
                        s_persons.iter().find(|(r, p)| {
                            p.civilian && r.start >= c.at.end && r.start < c.scope.end
                        }),
                    ) {
                        actor2 = Some(ActorMention {
                            actor: civ.clone(),
                            mention: person.mention.clone(),
                        });
                    }
                }
                // victims are never the ones acting
                if actor1
                    .as_ref()
                    .is_some_and(|m| is_victim_kind(m.actor.kind))
                    && matches!(
                        c.category,
                        Category::Assault
                            | Category::Coerce
                            | Category::Retreat
                            | Category::Aid
                            | Category::Fight
                    )
                {
                    let v = actor1.take();
                    if actor2.is_none()
                        || actor2.as_ref().map(|m| &m.actor.id) == v.as_ref().map(|m| &m.actor.id)
                    {
                        actor2 = v;
                    } else {
                        actor1 = None;
                    }
                }
                let mut category = c.category;
                let armed =
                    |m: &Option<ActorMention>| m.as_ref().is_some_and(|m| m.actor.kind.is_armed());
                let civilian = |m: &Option<ActorMention>| {
                    m.as_ref().is_some_and(|m| {
                        matches!(m.actor.kind, ActorKind::Civilians | ActorKind::Protesters)
                    })
                };
                if c.trigger.flags.fatal && active_killing {
                    // an execution is one-sided whoever is killed
                    category = Category::Assault;
                } else if c.trigger.flags.fatal {
                    let victims_civil = count
                        .as_ref()
                        .and_then(|n| n.civilians)
                        .or(civilian(&actor2).then_some(true));
                    category = if victims_civil == Some(false) || armed(&actor2) {
                        Category::Fight
                    } else {
                        Category::Assault
                    };
                } else if category == Category::Fight && civilian(&actor2) {
                    category = Category::Assault;
                } else if category == Category::Assault
                    && armed(&actor2)
                    && matches!(
                        c.trigger.mode.as_deref(),
                        Some("bombing" | "suicide_bombing" | "shooting" | "killing" | "attack")
                            | None
                    )
                {
                    category = Category::Fight;
                }
                // one-sided violence with no victim named ("أقدم مسلحون على إحراق منازل"): its
                // victims are civilians, as ACLED codes violence against civilians; the trigger
                // is the evidence
                if category == Category::Assault && actor2.is_none() && actor1.is_some() {
                    if let Some(civ) = &self.civilians {
                        actor2 = Some(ActorMention {
                            actor: civ.clone(),
                            mention: Mention::from_text(
                                a.text,
                                Span::new(
                                    tokens[c.at.start].span.start,
                                    tokens[c.at.end - 1].span.end,
                                ),
                            ),
                        });
                    }
                }
                // "دخلت ... دون قتال", "took control ... without a fight": a takeover, not a battle
                let mut mode = c.trigger.mode.clone();
                if category == Category::Fight
                    && mode.as_deref() == Some("capture")
                    && without_fight(tokens, c, s.tokens.end)
                {
                    category = Category::Coerce;
                    mode = Some("seizure".into());
                }
                // protesters who "go out" or "demand" are protesting
                if actor1
                    .as_ref()
                    .is_some_and(|m| m.actor.kind == ActorKind::Protesters)
                    && matches!(
                        category,
                        Category::Retreat | Category::Demand | Category::Mobilize | Category::Fight
                    )
                {
                    category = Category::Protest;
                }
                // words are the speaker's: "the Iraqi government spokesman said … and condemned"
                let verbal = category.is_statement()
                    || matches!(category, Category::Agree | Category::Consult);
                if verbal && actor1.is_none() {
                    if let Some(src) = source_actor {
                        if actor2.as_ref().map(|m| &m.actor.id) != Some(&src.actor.id) {
                            actor1 = Some(src.clone());
                        }
                    }
                }
                // "بعد انسحابه": the owner of a verbal noun is the armed actor named before it
                if actor1.is_none() && possessed(c.span.slice(a.text)) {
                    actor1 = s_actors
                        .iter()
                        .rev()
                        .filter(|(r, m)| r.end <= c.at.start && m.actor.kind.is_armed())
                        .map(|(_, m)| *m)
                        .find(|m| actor2.as_ref().is_none_or(|t| t.actor.id != m.actor.id))
                        .cloned();
                }
                // "…، الأمر الذي رفضته هيئة تحرير الشام": the reaction is to who did the matter
                if actor2.is_none() && cues::anaphor_before(tokens, c.at.start).is_some() {
                    actor2 = drafts
                        .last()
                        .and_then(|d| d.ev.actor1.clone())
                        .filter(|m| actor1.as_ref().is_none_or(|x| x.actor.id != m.actor.id));
                }
                // a clause without its own subject shares the sentence's first subject
                if actor1.is_none() && !casualty && !c.trigger.flags.passive {
                    if let Some(first) = drafts.iter().find_map(|d| d.ev.actor1.clone()) {
                        if actor2.as_ref().map(|m| &m.actor.id) != Some(&first.actor.id) {
                            actor1 = Some(first);
                        }
                    }
                }
                let pair = roles
                    .iter()
                    .any(|r| matches!(r.0, Role::PairFirst | Role::Internal));
                if actor1.as_ref().map(|m| &m.actor.id) == actor2.as_ref().map(|m| &m.actor.id)
                    && !pair
                {
                    actor2 = None;
                }
                // date
                let near_time = nearest(s_times, c).map(|(_, t)| *t);
                let inherited = near_time.is_none();
                let (mut date, date_mention, future) = match near_time {
                    Some(t) => (Some(t.range), Some(t.mention.clone()), t.future),
                    // the news peg if the story has told it by now, else the last date told
                    None => (
                        if lede_at < s.span.start {
                            lede_date.or(narrative_date)
                        } else {
                            narrative_date.or(lede_date)
                        }
                        .or(a.published.map(DateRange::day)),
                        None,
                        false,
                    ),
                };
                // status
                let mut status = status_before(tokens, c, segments[c.segment].start);
                if c.demanded && status == Status::Asserted {
                    status = Status::Planned;
                }
                // "يقضي بوقف إطلاق النار وتسليم السلاح": a conjoined event shares the modality
                if status == Status::Asserted && c.clitic.starts_with('و') {
                    if let Some((st, end)) = prev_status {
                        if c.at.start.saturating_sub(end) <= 6 && st != Status::Claimed {
                            status = st;
                        }
                    }
                }
                prev_status = Some((status, c.at.end));
                if status == Status::Asserted && (c.clitic.ends_with('س') || future) {
                    status = Status::Planned;
                }
                // a party's report of its own act is a claim; its own words are simply said
                if status == Status::Asserted && !verbal {
                    if let Some(src) = source_actor {
                        if is_party(src, actor1.as_ref()) || is_party(src, actor2.as_ref()) {
                            status = Status::Claimed;
                        }
                    }
                }
                // Reactions without a date of their own (condemnations, warnings, sending
                // reinforcements, a side's claimed retaliation) come after the news peg, by
                // publication at the latest: the peg's day and the next.
                if inherited
                    && (category.is_statement()
                        || category == Category::Mobilize
                        || status == Status::Claimed && category.is_violent())
                {
                    if let (Some(d), Some(p)) = (date, a.published) {
                        if d.precision == Precision::Day && d.end < p {
                            if let Ok(next) = d.end.tomorrow() {
                                date = Some(DateRange {
                                    start: d.start,
                                    end: next.min(p),
                                    precision: Precision::Day,
                                });
                            }
                        }
                    }
                }
                let mut places = event_places(tokens, s_places, c, &cands, category);
                // "في المنطقة ذاتها", "in the same area": where the last attack happened
                if places.is_empty() && same_area(tokens, c) {
                    if let Some((i, _)) = last_violent {
                        places.extend(events[i].location.clone());
                    }
                }
                let evidence_span = Span::new(
                    tokens[c.scope.start.min(c.at.start)].span.start,
                    tokens[c.scope.end.max(c.at.end) - 1].span.end,
                );
                let mut confidence: f32 = 0.45;
                for (ok, w) in [
                    (actor1.is_some(), 0.2),
                    (actor2.is_some(), 0.1),
                    (!places.is_empty(), 0.1),
                    (date_mention.is_some(), 0.1),
                ] {
                    if ok {
                        confidence += w;
                    }
                }
                if c.trigger.flags.weak {
                    confidence -= 0.2;
                }
                let place_list: Vec<Option<PlaceMention>> = if places.is_empty() {
                    let in_sentence = drafts
                        .iter()
                        .rev()
                        .find(|d| d.own_place)
                        .and_then(|d| d.ev.location.clone());
                    vec![in_sentence
                        .or_else(|| narrative_place.clone())
                        .or_else(|| main_place.clone())]
                } else {
                    places.into_iter().map(Some).collect()
                };
                // "شنها التحالف الدولي من جهة والروس والإيرانيين من الجهة الأخرى": attackers
                // named side by side each carry out the attack
                let mut agents = vec![actor1.clone()];
                let mut targets = vec![actor2.clone()];
                if matches!(category, Category::Fight | Category::Assault) && actor2.is_some() {
                    agents.extend(coordinated(
                        tokens,
                        s_actors,
                        c,
                        actor1.as_ref(),
                        actor2.as_ref(),
                    ));
                }
                // "ضد قوات الأسد والمليشيات الإيرانية", "لصالح الأمريكان والروس": one event
                // per side acted upon, as for agents
                if matches!(category, Category::Fight | Category::Retreat) && actor1.is_some() {
                    targets.extend(coordinated(
                        tokens,
                        s_actors,
                        c,
                        actor2.as_ref(),
                        actor1.as_ref(),
                    ));
                }
                let pairs: Vec<(&Option<ActorMention>, &Option<ActorMention>)> = agents
                    .iter()
                    .flat_map(|a| targets.iter().map(move |t| (a, t)))
                    .collect();
                for ((agent, target), (k, place)) in pairs
                    .iter()
                    .flat_map(|a| place_list.iter().cloned().enumerate().map(move |p| (a, p)))
                {
                    let ev = Event {
                        category,
                        mode: mode.clone(),
                        actor1: (*agent).clone(),
                        actor2: (*target).clone(),
                        location: place,
                        date,
                        date_mention: date_mention.clone(),
                        fatalities: if k == 0 {
                            count.as_ref().map(|c| c.value)
                        } else {
                            None
                        },
                        fatalities_mention: count.as_ref().filter(|_| k == 0).map(|c| {
                            Mention::from_text(
                                a.text,
                                Span::new(tokens[c.start].span.start, tokens[c.end - 1].span.end),
                            )
                        }),
                        status,
                        attributed_to: attribution.as_ref().map(|x| x.attribution.clone()),
                        trigger: Mention::from_text(
                            a.text,
                            Span::new(c.span.start, tokens[c.at.end - 1].span.end),
                        ),
                        evidence: Mention::from_text(a.text, evidence_span),
                        confidence: confidence.clamp(0.05, 0.99),
                    };
                    drafts.push(Draft {
                        ev,
                        segment: c.segment,
                        casualty,
                        own_place,
                        own_time,
                        definite: c.definite,
                    });
                }
            }
            // casualty reports join the attack they belong to; same-clause duplicates merge
            let mut merged: Vec<Draft> = Vec::new();
            for d in drafts {
                let found = merged.iter_mut().rev().find(|h| {
                    h.segment == d.segment
                        && mergeable(
                            &h.ev,
                            &d.ev,
                            h.casualty || d.casualty,
                            !(h.own_place && d.own_place),
                        )
                });
                if let Some(host) = found {
                    let d_status = d.ev.status;
                    let (own_place, own_time) =
                        (host.own_place || d.own_place, host.own_time || d.own_time);
                    // both name a place ("أعلنت الخلية في العراق مقتل … بضربة في وادي حوران"):
                    // the finer one is where it happened
                    let fineness = |e: &Event| {
                        e.location
                            .as_ref()
                            .map_or(0, |p| p.place.feature.fineness())
                    };
                    let location = if host.own_place && d.own_place {
                        if fineness(&d.ev) > fineness(&host.ev) {
                            d.ev.location.clone()
                        } else {
                            host.ev.location.clone()
                        }
                    } else if host.own_place || !d.own_place {
                        host.ev.location.clone()
                    } else {
                        d.ev.location.clone()
                    };
                    if host.casualty && !d.casualty {
                        // the act arrives after its casualty report: the act is the host
                        let old = std::mem::replace(&mut host.ev, d.ev);
                        absorb(&mut host.ev, old);
                        host.casualty = false;
                    } else {
                        absorb(&mut host.ev, d.ev);
                    }
                    host.ev.location = location;
                    if d_status == Status::Claimed {
                        host.ev.status = Status::Claimed;
                    }
                    host.own_place = own_place;
                    host.own_time = own_time;
                    continue;
                }
                merged.push(d);
            }
            // who reports is no side of what it reports
            let side_actors: Vec<(Range<usize>, &ActorMention)> = s_actors
                .iter()
                .filter(|(_, m)| Some(m.mention.span) != source_span)
                .cloned()
                .collect();
            let seized = merged
                .iter()
                .any(|d| d.ev.mode.as_deref() == Some("seizure"));
            for d in merged {
                if seized && d.ev.status == Status::Negated && d.ev.category == Category::Fight {
                    continue;
                }
                // injuries alone are no event; a death toll with nothing new belongs to the
                // fighting told just before ("خلال أيام المعركة")
                if d.casualty && d.ev.fatalities.is_none() && d.ev.actor1.is_none() {
                    continue;
                }
                if d.casualty {
                    let definite = d.definite;
                    if let Some((i, at)) = last_violent {
                        let same_place = d.own_place
                            && events[i].location.as_ref().map(|p| &p.place.id)
                                == d.ev.location.as_ref().map(|p| &p.place.id);
                        // "16 people were killed in Iraq": a country or province says nothing new
                        let coarse =
                            d.ev.location
                                .as_ref()
                                .is_none_or(|p| p.place.feature.fineness() <= 2);
                        if sn - at <= 2
                            && (((!d.own_place || coarse) && !d.own_time)
                                || same_place
                                || (definite && !d.own_time))
                        {
                            let host = &mut events[i];
                            if host.fatalities.is_none() {
                                host.fatalities = d.ev.fatalities;
                                host.fatalities_mention = d.ev.fatalities_mention;
                            }
                            continue;
                        }
                    }
                }
                let mut ev = d.ev;
                complete_sides(&mut ev, &events, &side_actors);
                internal_sides(&mut ev, a.actors);
                // words without a speaker ("وسط تحذيرات من تدهور الأوضاع") code nothing
                if ev.category.is_statement() && ev.actor1.is_none() && ev.actor2.is_none() {
                    continue;
                }
                if ev.date_mention.is_some() && ev.status == Status::Asserted {
                    narrative_date = ev.date;
                }
                if ev.location.is_some() && d.own_place {
                    narrative_place = ev.location.clone();
                }
                if matches!(ev.category, Category::Fight | Category::Assault)
                    && ev.status == Status::Asserted
                    || ev.status == Status::Claimed
                {
                    last_violent = Some((events.len(), sn));
                }
                events.push(ev);
            }
            if let Some((_, t)) = s_times.iter().rev().find(|(_, t)| !t.future) {
                narrative_date = Some(t.range);
            }
        }
        let mut events = dedupe(events);
        for ev in &mut events {
            ev.evidence = Mention::from_text(a.text, ev.evidence.span);
        }
        events
    }
}

/// Fighting or one-sided violence: the categories whose reports of one happening merge.
fn armed_violence(c: Category) -> bool {
    matches!(c, Category::Fight | Category::Assault)
}

/// "أعدم", "اغتال": a killing whose doer is the subject (its passive names the dead).
fn active_killing(t: &Trigger) -> bool {
    matches!(
        t.mode.as_deref(),
        Some("execution" | "beheading" | "assassination" | "massacre")
    ) && !t.flags.passive
}

/// Whether a trigger word carries a possessive pronoun ("انسحابه", "سيطرتهم"): a verbal noun
/// whose doer was named before.
fn possessed(word: &str) -> bool {
    let w = word.trim_end_matches(|ch: char| !ch.is_alphabetic());
    w.chars().count() > 4 && (w.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم"))
}

/// Fill a missing side from the story: a fight, takeover or withdrawal with one known side
/// is most often with the side it last met ("انسحب الجنود" after "معارك بين التنظيم وقوات
/// النظام"); a condemnation or threat without a named target aims at who did the last attack
/// ("دان الرئيس الهجوم").
fn complete_sides(
    ev: &mut Event,
    before: &[Event],
    sentence_actors: &[(Range<usize>, &ActorMention)],
) {
    let id = |m: &Option<ActorMention>| m.as_ref().map(|m| m.actor.id.clone());
    let dyadic = matches!(
        ev.category,
        Category::Fight
            | Category::Retreat
            | Category::Coerce
            | Category::Consult
            | Category::Agree
    );
    let reaction = matches!(
        ev.category,
        Category::Disapprove | Category::Threaten | Category::Reject
    );
    if dyadic && (ev.actor1.is_some() != ev.actor2.is_some()) && ev.status != Status::Negated {
        let known = id(&ev.actor1).or(id(&ev.actor2)).unwrap_or_default();
        // the victims of abductions and hostage-taking are rarely the enemy the taker fought;
        // allegiance is pledged to a person, not to the other side of a fight
        if matches!(
            ev.mode.as_deref(),
            Some("abduction" | "hostage_taking" | "allegiance")
        ) {
            return;
        }
        let known_kind = ev
            .actor1
            .as_ref()
            .or(ev.actor2.as_ref())
            .map(|m| m.actor.kind);
        if known_kind.is_some_and(|k| {
            !k.is_armed() && !matches!(ev.category, Category::Consult | Category::Agree)
        }) {
            return;
        }
        // the latest event in which the known side met another
        let other = before.iter().rev().take(8).find_map(|e| {
            let (a, b) = (id(&e.actor1), id(&e.actor2));
            if a.as_deref() == Some(known.as_str()) && b.is_some() && b != a {
                e.actor2.clone()
            } else if b.as_deref() == Some(known.as_str()) && a.is_some() && a != b {
                e.actor1.clone()
            } else {
                None
            }
        });
        // else another armed actor of the same sentence
        let other = other.or_else(|| {
            sentence_actors
                .iter()
                .map(|(_, m)| *m)
                .find(|m| m.actor.id != known && m.actor.kind.is_armed())
                .cloned()
        });
        if let Some(o) = other {
            if ev.actor1.is_none() {
                ev.actor1 = Some(o);
            } else {
                ev.actor2 = Some(o);
            }
        }
    } else if reaction && ev.actor2.is_none() && ev.actor1.is_some() {
        // the story's attack: the first one told (the news peg)
        let culprit = before
            .iter()
            .find(|e| {
                matches!(e.category, Category::Fight | Category::Assault) && e.actor1.is_some()
            })
            .and_then(|e| e.actor1.clone());
        if let Some(c) = culprit.filter(|c| id(&ev.actor1).as_deref() != Some(c.actor.id.as_str()))
        {
            ev.actor2 = Some(c);
        }
    } else if dyadic && ev.actor1.is_none() && ev.actor2.is_none() && ev.status == Status::Asserted
    {
        // "Raids hit sites around al-Qaim": the sides of the same kind of event just told
        let same_kind = before
            .iter()
            .rev()
            .take(6)
            .find(|e| e.category == ev.category && e.actor1.is_some());
        // "وتشمل الصفقة التي أُقرت في ختام مشاورات": talks and deals without named sides are
        // between the two sides of the story's last exchange
        let talks = matches!(ev.category, Category::Consult | Category::Agree);
        let last_pair = || {
            before.iter().rev().take(4).find(|e| {
                e.actor1.is_some() && e.actor2.is_some() && id(&e.actor1) != id(&e.actor2)
            })
        };
        if let Some(prev) = same_kind.or_else(|| if talks { last_pair() } else { None }) {
            ev.actor1 = prev.actor1.clone();
            ev.actor2 = prev.actor2.clone();
        }
    } else if ev.category == Category::Protest && ev.actor2.is_none() {
        // "خرج المتظاهرون مطالبين بإسقاط الجولاني، قائد «هيئة تحرير الشام»": a protest is
        // against the organised power its sentence names
        let protesters = id(&ev.actor1);
        ev.actor2 = sentence_actors
            .iter()
            .map(|(_, m)| *m)
            .find(|m| {
                Some(&m.actor.id) != protesters.as_ref()
                    && (m.actor.kind.is_armed()
                        || matches!(
                            m.actor.kind,
                            ActorKind::Government
                                | ActorKind::LocalAuthority
                                | ActorKind::PoliticalParty
                        ))
            })
            .cloned();
    }
}

/// Armed actors coordinated with `agent` in the trigger's scope ("X من جهة و Y وZ من الجهة
/// الأخرى", "X و Y"), other than it and `other` (the other side); an actor "برفقة"
/// (accompanying) another is not one of them. Serves for targets too ("ضد X و Y").
fn coordinated(
    tokens: &[Token],
    actors: &[(Range<usize>, &ActorMention)],
    c: &Cand,
    agent: Option<&ActorMention>,
    target: Option<&ActorMention>,
) -> Vec<Option<ActorMention>> {
    let Some(agent) = agent else {
        return Vec::new();
    };
    let Some(start) = actors
        .iter()
        .position(|(_, m)| m.mention.span == agent.mention.span)
    else {
        return Vec::new();
    };
    let glue = |k: &str| {
        let k = k.strip_prefix('و').filter(|r| !r.is_empty()).unwrap_or(k);
        matches!(
            k,
            "و" | "،" | "," | "من" | "جهه" | "الجهه" | "الاخري" | "اخري" | "and"
        )
    };
    let mut out: Vec<Option<ActorMention>> = Vec::new();
    let mut prev_end = actors[start].0.end;
    for (r, m) in &actors[start + 1..] {
        if r.start >= c.scope.end || target.is_some_and(|t| t.mention.span == m.mention.span) {
            break;
        }
        // only glue words between the previous name and this one
        let between = &tokens[prev_end.min(r.start)..r.start];
        let clitic_and = tokens[r.start].key.starts_with('و');
        if !(between.iter().all(|t| glue(&t.key)) && (!between.is_empty() || clitic_and)) {
            break;
        }
        if m.actor.kind.is_armed()
            && m.actor.id != agent.actor.id
            && !out.iter().flatten().any(|o| o.actor.id == m.actor.id)
        {
            out.push(Some((*m).clone()));
        }
        prev_end = r.end;
    }
    out
}

/// Infighting ("اقتتال داخل التنظيم", "clashes between factions of the group"): a fight whose
/// two sides are one group or its own factions is between the group's two factions the story
/// names most (first named first when counts tie).
fn internal_sides(ev: &mut Event, actors: &[ActorMention]) {
    if ev.category != Category::Fight {
        return;
    }
    let root = |m: &ActorMention| m.actor.parent.clone().unwrap_or_else(|| m.actor.id.clone());
    let (Some(a1), Some(a2)) = (&ev.actor1, &ev.actor2) else {
        return;
    };
    let group = root(a1);
    if root(a2) != group {
        return;
    }
    // factions of the group, by how often they are named, then by first mention
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (k, m) in actors.iter().enumerate() {
        if m.actor.parent.as_deref() != Some(group.as_str()) {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == m.actor.id) {
            Some(c) => c.1 += 1,
            None => counts.push((&m.actor.id, 1, k)),
        }
    }
    if counts.len() < 2 {
        return;
    }
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)));
    let mut top = [counts[0], counts[1]];
    top.sort_by_key(|c| c.2);
    let pick = |id: &str| actors.iter().find(|m| m.actor.id == id).cloned();
    // keep a side already a faction of the two; otherwise name both
    let (f1, f2) = (pick(top[0].0), pick(top[1].0));
    if let (Some(f1), Some(f2)) = (f1, f2) {
        ev.actor1 = Some(f1);
        ev.actor2 = Some(f2);
    }
}

/// Whether two events of one clause code the same happening: both violent (or the same
/// category), actors and places that do not contradict each other.
fn mergeable(h: &Event, d: &Event, casualty: bool, place_free: bool) -> bool {
    let violent = |e: &Event| matches!(e.category, Category::Fight | Category::Assault);
    // deaths in a riot belong to the protest
    let riot = casualty
        && (h.category == Category::Protest || d.category == Category::Protest)
        && (violent(h) || violent(d));
    let same_kind = h.category == d.category || (violent(h) && violent(d)) || riot;
    // a side's claim of its strike covers the toll told with it
    let claimed_toll = casualty
        && matches!(
            (h.status, d.status),
            (Status::Asserted, Status::Claimed) | (Status::Claimed, Status::Asserted)
        );
    if !same_kind || (h.status != d.status && !claimed_toll) {
        return false;
    }
    let id = |m: &Option<ActorMention>| m.as_ref().map(|m| m.actor.id.clone());
    let fits = |x: Option<String>, y: Option<String>| x.is_none() || y.is_none() || x == y;
    let place = |e: &Event| e.location.as_ref().map(|p| p.place.id.clone());
    let actors_fit = fits(id(&h.actor1), id(&d.actor1)) && fits(id(&h.actor2), id(&d.actor2));
    // a casualty report may name the victims the act's target does not
    (actors_fit || casualty)
        && (place(h) == place(d)
            || place(h).is_none()
            || place(d).is_none()
            || casualty
            || place_free)
}

/// "المنطقة ذاتها/نفسها", "the same area" in the trigger's scope.
fn same_area(tokens: &[Token], c: &Cand) -> bool {
    (c.scope.start..c.scope.end.saturating_sub(1)).any(|i| {
        let (k, n) = (key(tokens, i), key(tokens, i + 1));
        (k.ends_with("المنطقه") || k.ends_with("المكان"))
            && matches!(n, "ذاتها" | "نفسها" | "ذاته" | "نفسه")
            || (k == "same" && matches!(n, "area" | "place" | "village" | "town"))
    })
}

/// "دون قتال" / "without a fight" after the trigger, in its segment.
fn without_fight(tokens: &[Token], c: &Cand, sentence_end: usize) -> bool {
    let end = sentence_end;
    (c.at.end..end).any(|i| {
        let k = key(tokens, i);
        let next = key(tokens, i + 1);
        (matches!(k, "دون" | "بدون") && next.ends_with("قتال"))
            || (k == "without"
                && (next == "a" && key(tokens, i + 2) == "fight"
                    || next == "fighting"
                    || next == "resistance"))
    })
}

/// Directions that place one place relative to another ("غربي الموصل", "شمال شرق").
const DIRECTIONS: &[&str] = &[
    "غرب",
    "غربي",
    "شرق",
    "شرقي",
    "شمال",
    "شمالي",
    "جنوب",
    "جنوبي",
];

/// "أفاد شهود بسماع دوي انفجارات وإطلاق نار", "sounds of gunfire were heard": what was only
/// heard is no event. Looks back over a few words and the و joining a list.
fn heard(tokens: &[Token], i: usize) -> bool {
    (i.saturating_sub(4)..i).any(|k| {
        base(
            key(tokens, k),
            &["سماع", "سمع", "سمعت", "اصوات", "sounds", "heard"],
        )
        .is_some()
    })
}

/// "كانوا يقاتلون": كان with a present-tense verb describes what used to go on, not an event.
fn habitual(tokens: &[Token], i: usize) -> bool {
    let prev = if i > 0 { key(tokens, i - 1) } else { "" };
    let k = key(tokens, i);
    matches!(
        prev,
        "كان"
            | "كانوا"
            | "كانت"
            | "يكون"
            | "تكون"
            | "وكان"
            | "وكانت"
            | "وكانوا"
            | "used"
    ) && (k.starts_with(['ي', 'ت']) || prev == "used")
}

/// An English trigger word written with a capital inside a sentence is part of a name
/// ("Operation Peace Spring").
fn proper_name(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !t.key.is_ascii() || i == 0 {
        return false;
    }
    let prev = &tokens[i - 1];
    let sentence_start = prev.kind == TokenKind::Punct
        && matches!(prev.key.as_str(), "." | "!" | "?" | "—" | "\"" | "“")
        || text[prev.span.end..t.span.start].contains('\n');
    !sentence_start && t.span.slice(text).starts_with(|c: char| c.is_uppercase())
}

/// The status cue that governs candidate `c`: particles (لم، لن، قد، not, may) only right
/// before it, verbs and phrases (نفى، من المقرر، بهدف، ربما، denied) anywhere earlier in its
/// segment.
fn status_before(tokens: &[Token], c: &Cand, segment_start: usize) -> Status {
    const PARTICLES: &[&str] = &[
        "لم", "لن", "لا", "قد", "اذا", "لو", "not", "no", "never", "may", "might", "could", "would",
        "will", "if",
    ];
    // "دون قتال", "عدم الاستقرار", "without a fight": they negate only the next word
    const NOUN_NEGATORS: &[&str] = &["دون", "بدون", "عدم", "without", "no", "حتي", "until"];
    let from = segment_start
        .min(c.at.start)
        .max(c.at.start.saturating_sub(12));
    for i in (from..c.at.start).rev() {
        let k = key(tokens, i);
        let Some(st) = status_cue(k) else { continue };
        let reach = match base(k, PARTICLES) {
            Some("لم" | "لن" | "not" | "never") => 6,
            Some("قد") => 1,
            Some(_) => 2,
            None if base(k, NOUN_NEGATORS).is_some() => 1,
            None => usize::MAX,
        };
        if c.at.start - i > reach {
            continue;
        }
        if base(k, &["قد"]).is_some() {
            // قد + past tense is "had"; only قد + present tense is "may"
            let next = key(tokens, i + 1);
            if !next.starts_with(['ي', 'ت', 'ن']) {
                continue;
            }
        }
        return st;
    }
    // "did not", "has not been": the negation may follow an auxiliary
    if (c.at.end..(c.at.end + 2).min(c.scope.end.max(c.at.end)))
        .any(|i| matches!(key(tokens, i), "not" | "never"))
    {
        return Status::Negated;
    }
    Status::Asserted
}

/// Mentions with their token ranges, sorted by first token.
fn ranged<'m, T>(
    tokens: &[Token],
    items: &'m [T],
    span: impl Fn(&T) -> Span,
) -> Vec<(Range<usize>, &'m T)> {
    let mut v: Vec<(Range<usize>, &T)> = items
        .iter()
        .map(|m| (tok_range(tokens, span(m)), m))
        .collect();
    v.sort_by_key(|(r, _)| r.start);
    v
}

/// The items (sorted by `start`) whose start lies in `range`.
fn slice_by<'v, T>(items: &'v [T], range: &Range<usize>, start: impl Fn(&T) -> usize) -> &'v [T] {
    let a = items.partition_point(|x| start(x) < range.start);
    let b = items.partition_point(|x| start(x) < range.end);
    &items[a..b]
}

/// Fold a casualty report into the attack it belongs to.
fn absorb(host: &mut Event, fatal: Event) {
    host.fatalities = match (host.fatalities, fatal.fatalities) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if host.fatalities_mention.is_none() {
        host.fatalities_mention = fatal.fatalities_mention;
    }
    if host.actor2.is_none() {
        host.actor2 = fatal
            .actor2
            .filter(|v| host.actor1.as_ref().map(|a| &a.actor.id) != Some(&v.actor.id));
    }
    if host.actor1.is_none() {
        host.actor1 = fatal.actor1;
    }
    if host.date_mention.is_none() && fatal.date_mention.is_some() {
        host.date = fatal.date;
        host.date_mention = fatal.date_mention;
    }
    if host.category == Category::Fight
        && host
            .actor2
            .as_ref()
            .is_some_and(|m| matches!(m.actor.kind, ActorKind::Civilians))
    {
        host.category = Category::Assault;
    }
    // a bomb or an attack that killed soldiers is fighting, as when the target is named
    if host.category == Category::Assault
        && host
            .actor2
            .as_ref()
            .is_some_and(|m| m.actor.kind.is_armed())
        && matches!(
            host.mode.as_deref(),
            Some("bombing" | "suicide_bombing" | "shooting" | "attack") | None
        )
    {
        host.category = Category::Fight;
    }
    host.evidence = Mention {
        text: String::new(),
        span: host.evidence.span.cover(fatal.evidence.span),
    };
}

/// Whether `source` is (part of) the actor `party`: the same actor, its parent or child, or a
/// state organ of the same country as a state party.
fn is_party(source: &ActorMention, party: Option<&ActorMention>) -> bool {
    let Some(p) = party else { return false };
    let (s, p) = (&source.actor, &p.actor);
    if s.id == p.id
        || s.parent.as_deref() == Some(p.id.as_str())
        || p.parent.as_deref() == Some(s.id.as_str())
    {
        return true;
    }
    let state = |k: ActorKind| matches!(k, ActorKind::Government | ActorKind::StateForces);
    state(s.kind) && state(p.kind) && s.country.is_some() && s.country == p.country
}

/// Segments of a sentence: token ranges between contrastive connectives (فيما، بينما،
/// إثر، بعد، while) and before clauses that open with و + a trigger or reporting verb.
fn segments(tokens: &[Token], s: &Sentence, clause_starts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = s.tokens.start;
    for i in s.tokens.clone() {
        let k = key(tokens, i);
        let brk = tokens[i].kind == TokenKind::Word && base(k, cues::SEGMENT_BREAKS).is_some()
            || clause_starts.contains(&i);
        if i > start && brk {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..s.tokens.end);
    out
}

/// Token ranges inside short quotes («ردع العدوان», “مجزرة”): labels, not events.
fn short_quotes(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tokens.iter().enumerate() {
        match (t.key.as_str(), open) {
            ("«", _) => open = Some((i, "»")),
            ("“", _) => open = Some((i, "”")),
            (k, Some((o, close))) if k == close => {
                let words = tokens[o + 1..i]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .count();
                if words <= 3 {
                    out.push(o + 1..i);
                }
                open = None;
            }
            (".", _) | ("؟", _) => open = None,
            _ => {}
        }
    }
    out
}

/// Words between a role marker and the actor it marks ("بنيران عناصر من تنظيم الدولة").
const MEMBER_WORDS: &[&str] = &[
    "عناصر",
    "عنصر",
    "عنصرا",
    "من",
    "مقاتلي",
    "مقاتلين",
    "مسلحي",
    "مسلحين",
    "مسلحون",
    "خلايا",
    "خليه",
    "مجموعه",
    "مجموعات",
    "جنود",
    "افراد",
    "قوه",
    "قوات",
    "في",
    "تابعه",
    "التابعه",
    "تابع",
    "التابع",
    "تابعين",
    "التابعين",
    "دوريه",
    "members",
    "of",
    "the",
    "fighters",
];

/// Nouns and verbs of killing and wounding that a count of victims follows ("مقتل أربعة
/// عناصر من …", "حيدت 12 عنصراً من …").
const HARMED: &[&str] = &[
    "مقتل",
    "مصرع",
    "قتل",
    "قتلت",
    "اصابه",
    "جرح",
    "تحييد",
    "حيدت",
    "حيد",
    "اسر",
    "killing",
    "killed",
    "deaths",
    "death",
    "neutralised",
    "neutralized",
    "wounding",
];

/// Words that open an accusation or a pretext.
const ACCUSATION: &[&str] = &[
    "بتهمه",
    "تهمه",
    "بتهم",
    "بحجه",
    "بذريعه",
    "charges",
    "accused",
    "accusing",
    "pretext",
];

/// The role an actor mention plays for candidate `c`, from the words before it.
fn role_of(text: &str, tokens: &[Token], start: usize, m: &ActorMention, c: &Cand) -> Role {
    let tok = &tokens[start];
    let clitic = &text[tok.span.start..m.mention.span.start.max(tok.span.start)];
    // the marker: the first word before the actor that is not a member word
    let mut j = start;
    let mut skipped = 0;
    let mut glued = String::from(clitic);
    // "للجيش": ل before the article is read into the name; it is still the preposition
    if clitic.is_empty() && tok.key.starts_with("لل") {
        glued.push('ل');
    }
    // quotes and a detached clitic ("لـ«قسد»") stand between a marker and its actor
    while j > 0
        && (matches!(key(tokens, j - 1), "«" | "\"" | "“" | "(")
            || matches!(key(tokens, j - 1), "ل" | "ب" | "و"))
    {
        if tokens[j - 1].kind == TokenKind::Word {
            glued.insert_str(0, &tokens[j - 1].key);
        }
        j -= 1;
    }
    let clitic = glued.as_str();
    let direct_at = j;
    while j > c.scope.start.min(c.at.start) && skipped < 3 {
        let k = key(tokens, j - 1);
        if base(k, MEMBER_WORDS).is_some() && !(k == "من" && j >= 2 && key(tokens, j - 2) == "by")
        {
            j -= 1;
            skipped += 1;
        } else {
            break;
        }
    }
    let p1 = if j > 0 { key(tokens, j - 1) } else { "" };
    let p2 = if j > 1 { key(tokens, j - 2) } else { "" };
    let direct = if direct_at > 0 {
        key(tokens, direct_at - 1)
    } else {
        ""
    };
    const SKIP: &[&str] = &[
        "باسم",
        "بقياده",
        "قياده",
        "led",
        "backed",
        "مدعوم",
        "مدعومين",
        "مدعومه",
        "بدعم",
        "دعم",
        "held",
        "controlled",
        "بضمانه",
        "رعايه",
        "برعايه",
        "بوساطه",
        "بحضور",
        "بطلب",
    ];
    const TARGET: &[&str] = &[
        "علي",
        "ضد",
        "استهدف",
        "استهدفت",
        "استهدفوا",
        "against",
        "on",
        "at",
        "targeting",
        "targeted",
        "hit",
        "struck",
        "داخل",
        "مع",
    ];
    const OWNED: &[&str] = &[
        "مواقع",
        "موقع",
        "موقعا",
        "مقر",
        "مقرات",
        "نقاط",
        "نقطه",
        "مراكز",
        "معاقل",
        "معسكرات",
        "تجمعات",
        "سجون",
        "مناطق",
        "سياره",
        "سيارات",
        "اليه",
        "اليات",
        "عربه",
        "عربات",
        "مركبه",
        "رتل",
        "ارتال",
        "حافله",
        "حاجز",
        "حواجز",
        "vehicle",
        "convoy",
        "checkpoint",
        "positions",
        "sites",
        "bases",
    ];
    const AGENT: &[&str] = &[
        "يد",
        "بنيران",
        "نيران",
        "by",
        "شنه",
        "شنته",
        "شنها",
        "نفذه",
        "نفذته",
        "قصف",
    ];
    // "بتهمة التعامل مع النظام": who is named in an accusation takes no part in the act
    let accused = (c.at.end.min(start)..start).any(|i| base(key(tokens, i), ACCUSATION).is_some());
    if accused && start > c.at.end {
        return Role::Ignore;
    }
    if direct == "بين" || direct == "between" || p1 == "بين" || p1 == "between" {
        return Role::PairFirst;
    }
    if base(direct, &["ضمن", "داخل", "صفوف", "within", "inside"]).is_some()
        && start > c.head.end
        && start - c.at.end <= 4
    {
        return Role::Internal;
    }
    if base(direct, SKIP).is_some() || base(p1, SKIP).is_some() && skipped == 0 {
        return Role::Ignore;
    }
    // "تعرضت قاعدة تستضيف قوات أمريكية لهجوم": who or what underwent the act
    if start < c.head.start
        && (c.scope.start.max(start.saturating_sub(10))..start).any(|i| {
            let k = key(tokens, i);
            k.starts_with("تعرض") || k.starts_with("يتعرض") || k.starts_with("تتعرض")
        })
    {
        return Role::Target;
    }
    if base(p1, AGENT).is_some() || (p1 == "قبل" && p2 == "من") {
        return Role::Agent;
    }
    if matches!(p1, "لصالح" | "صالح")
        || (p1 == "of" && p2 == "favour")
        || (p1 == "of" && p2 == "favor")
    {
        return Role::Beneficiary;
    }
    if (direct == "مع" || direct == "with" || direct == "ومع")
        && !matches!(c.category, Category::Fight | Category::Assault)
    {
        return Role::Partner;
    }
    if clitic.ends_with('ل') {
        // غارات لطيران النظام (agent) vs مواقع لتنظيم داعش (target)
        if base(p1, OWNED).is_some() || base(p2, OWNED).is_some() {
            return Role::Target;
        }
        if start >= c.head.end && start <= c.at.end + 2 {
            return Role::Agent;
        }
    }
    // "استهدفت قوات النظام بالمدفعية منازل …": the targeting verb is the event's own verb
    // and opens it, so who follows is its subject (after "غارات استهدفت", the object)
    if j > 0
        && j - 1 == c.head.start
        && matches!(p1, "استهدفت" | "استهدف" | "استهدفوا")
        && (j < 2 || !is_event_noun_before(tokens, j - 1))
    {
        return Role::Agent;
    }
    if base(p1, TARGET).is_some()
        || base(p1, OWNED).is_some()
        || (p1 == "the" && base(p2, TARGET).is_some())
    {
        return Role::Target;
    }
    // "مقتل أربعة عناصر من تنظيم داعش بضربة جوية": the group the dead belong to is hit by
    // the act that follows, whatever the act
    if skipped > 0 && start < c.head.start {
        let from = j.saturating_sub(4);
        let counted = (from..start)
            .any(|i| tokens[i].kind == TokenKind::Number || victim_noun(&tokens[i].key).is_some());
        let harmed = (from.saturating_sub(2)..j).any(|i| base(key(tokens, i), HARMED).is_some());
        if counted && harmed {
            return Role::Victim;
        }
    }
    if skipped > 0 && c.casualty() {
        // "قُتل 14 عنصراً من قوات النظام": the group the dead belong to
        let after_count = (start.saturating_sub(5)..start)
            .any(|i| tokens[i].kind == TokenKind::Number || victim_noun(&tokens[i].key).is_some());
        if after_count {
            return Role::Victim;
        }
    }
    Role::Plain
}

/// Whether the word before token `i` is a noun the targeting verb at `i` tells more of
/// ("غارات استهدفت", "هجوم استهدف", "attack targeted"): a word, not a stop or a conjunction.
fn is_event_noun_before(tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && !matches!(tokens[i - 1].key.as_str(), "و" | "ثم" | "كما" | "فيما")
}

/// actor1 and actor2 from the roles of the actors in scope.
fn assign(
    tokens: &[Token],
    roles: &[(Role, usize, &ActorMention)],
    c: &Cand,
    victim_subject: bool,
) -> (Option<ActorMention>, Option<ActorMention>) {
    let first = |r: Role| roles.iter().find(|x| x.0 == r);
    // "بين X و Y": the next actor after X with a conjunction between them
    if let Some(a) = first(Role::PairFirst) {
        let second = roles
            .iter()
            .filter(|x| x.1 > a.1 && x.2.actor.id != a.2.actor.id)
            .find(|x| {
                (a.1 + 1..=x.1).any(|i| {
                    let k = key(tokens, i);
                    k == "و" || k == "and" || (k.starts_with('و') && k.chars().count() > 2)
                })
            });
        if let Some(b) = second {
            return (Some(a.2.clone()), Some(b.2.clone()));
        }
    }
    if let Some(x) = first(Role::Internal) {
        if matches!(c.category, Category::Fight) {
            return (Some(x.2.clone()), Some(x.2.clone()));
        }
    }
    let mut agent = first(Role::Agent).map(|x| x.2);
    let mut target = first(Role::Target)
        .or(first(Role::Victim))
        .or(first(Role::Partner))
        .or(first(Role::Beneficiary))
        .map(|x| x.2);
    let open = |x: &&(Role, usize, &ActorMention)| matches!(x.0, Role::Plain | Role::PairFirst);
    // "لصالح الأمريكان والروس": a name joined to the target shares its role
    let joined_to_target = |x: &&(Role, usize, &ActorMention)| {
        target.is_some_and(|t| {
            let end = token_at(tokens, t.mention.span.end.saturating_sub(1)) + 1;
            end <= x.1
                && (end..=x.1).all(|i| {
                    let k = key(tokens, i);
                    i == x.1 && k.starts_with('و') || matches!(k, "و" | "،" | "," | "and")
                })
        })
    };
    let after: Vec<&(Role, usize, &ActorMention)> = roles
        .iter()
        .filter(open)
        .filter(|x| x.1 >= c.head.end && !joined_to_target(x))
        .collect();
    let before: Vec<&(Role, usize, &ActorMention)> = roles
        .iter()
        .filter(open)
        .filter(|x| x.1 < c.head.start)
        .collect();
    let differs = |m: &ActorMention, other: Option<&ActorMention>| {
        other.is_none_or(|o| o.actor.id != m.actor.id)
    };
    if victim_subject {
        if target.is_none() {
            // the dead: civilians named next to the verb, else the subject of the passive
            let civil = roles
                .iter()
                .find(|x| open(x) && is_victim_kind(x.2.actor.kind))
                .map(|x| x.2);
            let passive_subject = if c.trigger.flags.passive || is_passive_form(tokens, c) {
                before.last().map(|x| x.2)
            } else {
                None
            };
            target = civil.or(after.first().map(|x| x.2)).or(passive_subject);
        }
        if agent.is_none() {
            agent = before
                .iter()
                .rev()
                .chain(after.iter())
                .map(|x| x.2)
                .find(|m| differs(m, target) && m.actor.kind.is_armed());
        }
    } else {
        // a passive with its agent named ("كان العمال قد خُطفوا على يد مسلحي التنظيم"): the
        // subject before the verb is who suffered it
        if agent.is_some() && target.is_none() {
            target = before
                .last()
                .filter(|x| c.head.start - x.1 <= 4 && differs(x.2, agent))
                .map(|x| x.2);
        }
        // SVO: a subject right before the verb ("مجموعة تابعة للجيش الحر قاتلت تنظيم داعش")
        if agent.is_none() {
            agent = before
                .last()
                .filter(|x| c.head.start - x.1 <= 3 && differs(x.2, target))
                .map(|x| x.2);
        }
        if agent.is_none() {
            // VSO subject right after a verb or genitive after a noun, else SVO subject before
            agent = after
                .first()
                .filter(|x| x.1 <= c.at.end + 3 && differs(x.2, target))
                .map(|x| x.2)
                .or(before.last().map(|x| x.2).filter(|m| differs(m, target)))
                .or(after
                    .iter()
                    .filter(|x| x.1 <= c.at.end + 8)
                    .map(|x| x.2)
                    .find(|m| differs(m, target)));
        }
        if target.is_none() {
            // the object stands close after the verb; an actor far along the clause is not it
            target = after
                .iter()
                .filter(|x| x.1 <= c.at.end + 8)
                .map(|x| x.2)
                .find(|m| differs(m, agent));
        }
    }
    (agent.cloned(), target.cloned())
}

/// Arabic passive verbs are written like actives; a subject before the verb ("ثلاثة مدنيين
/// قُتلوا") or a Latin "were/was/been" before an English participle marks the passive.
fn is_passive_form(tokens: &[Token], c: &Cand) -> bool {
    let prev = if c.at.start > 0 {
        key(tokens, c.at.start - 1)
    } else {
        ""
    };
    matches!(prev, "were" | "was" | "been" | "be") || key(tokens, c.at.start).ends_with("وا")
}

/// The time expression nearest to the trigger: in its scope first, then in the sentence.
fn nearest<'x>(
    times: &'x [(Range<usize>, &'x TimeExpr)],
    c: &Cand,
) -> Option<&'x (Range<usize>, &'x TimeExpr)> {
    let dist = |r: &Range<usize>| {
        if r.start >= c.at.end {
            r.start - c.at.end
        } else {
            c.at.start.saturating_sub(r.end)
        }
    };
    let in_scope = times
        .iter()
        .filter(|(r, _)| r.start >= c.scope.start && r.start < c.scope.end)
        .min_by_key(|(r, _)| dist(r));
    in_scope.or_else(|| times.iter().min_by_key(|(r, _)| dist(r)))
}

/// The places of an event: a list of towns gives several; else the finest place of its
/// scope, else of the sentence outside other events' scopes.
fn event_places(
    tokens: &[Token],
    places: &[(Range<usize>, &PlaceMention)],
    c: &Cand,
    all: &[Cand],
    category: Category,
) -> Vec<PlaceMention> {
    // origins of reinforcements ("من الحسكة والرقة") and destinations of withdrawals
    let mut excluded = vec![false; places.len()];
    for (n, (r, _)) in places.iter().enumerate() {
        let p = if r.start > 0 {
            key(tokens, r.start - 1)
        } else {
            ""
        };
        let own = key(tokens, r.start);
        excluded[n] = match category {
            Category::Mobilize => {
                matches!(p, "من" | "from")
                    || own.starts_with("من") && !own.starts_with("منطق")
                    || (n > 0
                        && excluded[n - 1]
                        && (p == "و" || own.starts_with('و'))
                        && places[n - 1].0.end + 1 >= r.start)
            }
            Category::Retreat => {
                let p = if p == "the" && r.start > 1 {
                    key(tokens, r.start - 2)
                } else {
                    p
                };
                matches!(p, "باتجاه" | "نحو" | "الي" | "towards" | "toward" | "to")
            }
            _ => false,
        };
        // "في قضاء تلعفر غربي الموصل", "near Tarmiyah, north of Baghdad": a place after a
        // direction only locates the place named just before it
        let p2 = if r.start > 1 {
            key(tokens, r.start - 2)
        } else {
            ""
        };
        let direction = |w: &str| {
            base(w, DIRECTIONS).is_some()
                || matches!(
                    w,
                    "north" | "south" | "east" | "west" | "northeast" | "northwest"
                )
                || matches!(w, "southeast" | "southwest")
        };
        if n > 0
            && (direction(p) || (p == "of" && direction(p2)))
            && places[n - 1].0.end + 4 >= r.start
        {
            excluded[n] = true;
        }
        // "الضفة الجنوبية لنهر الفرات في ديرالزور": a place right after a region with في
        // names where the region is, not another place of the event
        if n > 0 && matches!(p, "في" | "in") {
            let (q, prev) = &places[n - 1];
            if prev.place.feature == rasid_core::Feature::Region && q.end + 1 == r.start {
                excluded[n] = true;
            }
        }
    }
    let usable: Vec<&(Range<usize>, &PlaceMention)> = places
        .iter()
        .zip(&excluded)
        .filter(|(_, x)| !**x)
        .map(|(p, _)| p)
        .collect();
    let in_scope: Vec<&(Range<usize>, &PlaceMention)> = usable
        .iter()
        .copied()
        .filter(|(r, _)| r.start >= c.scope.start && r.start < c.scope.end)
        .collect();
    // "الأمر الذي رفضته …": with no place of its own, the reaction is where the matter was
    if in_scope.is_empty() && cues::anaphor_before(tokens, c.at.start).is_some() {
        return Vec::new();
    }
    let pool: Vec<&(Range<usize>, &PlaceMention)> = if in_scope.is_empty() {
        let others = |r: &Range<usize>| {
            all.iter()
                .any(|o| !std::ptr::eq(o, c) && r.start >= o.scope.start && r.start < o.scope.end)
        };
        let free: Vec<&(Range<usize>, &PlaceMention)> =
            usable.iter().copied().filter(|(r, _)| !others(r)).collect();
        if free.is_empty() {
            usable
        } else {
            free
        }
    } else {
        // a province-level place in scope gives way to a town of that province named in the
        // sentence ("انسحاب القوات من مقر قيادة عمليات الأنبار" in a story on Ramadi)
        let finest = in_scope
            .iter()
            .map(|(_, p)| p.place.feature.fineness())
            .max()
            .unwrap_or(0);
        if finest <= 2 {
            let admin1: Vec<Option<&str>> = in_scope
                .iter()
                .map(|(_, p)| p.place.admin1.as_deref())
                .collect();
            let finer: Vec<&(Range<usize>, &PlaceMention)> = usable
                .iter()
                .copied()
                .filter(|(_, p)| {
                    p.place.feature.fineness() >= 5
                        && admin1.contains(&p.place.admin1.as_deref())
                        && p.place.admin1.is_some()
                })
                .collect();
            if finer.is_empty() {
                in_scope
            } else {
                finer
            }
        } else {
            in_scope
        }
    };
    if pool.is_empty() {
        return Vec::new();
    }
    // lists: places joined only by و، commas, quotes, cue words
    let clitic_of = |r: &Range<usize>| {
        let start = pool
            .iter()
            .find(|(q, _)| q == r)
            .map(|(_, m)| m.mention.span.start)
            .unwrap_or(0);
        start > tokens[r.start].span.start && !tokens[r.start].key.starts_with('و')
    };
    // provinces and countries named after a town ("Ras al-Ain in Hasakah province and Tal
    // Abyad", "قرب الميادين بريف دير الزور وهجين") locate it and do not break a list of towns
    let container = |r: &Range<usize>| {
        pool.iter()
            .any(|(q, m)| q == r && m.place.feature.fineness() <= 2)
            && pool.iter().any(|(q, m)| {
                q.end <= r.start && r.start - q.end <= 3 && m.place.feature.fineness() >= 5
            })
    };
    let in_container = |i: usize| pool.iter().any(|(q, _)| q.contains(&i) && container(q));
    let joins = |x: &Range<usize>, y: &Range<usize>| -> bool {
        !clitic_of(y)
            && (x.end..y.start).all(|i| {
                let k = key(tokens, i);
                in_container(i)
                    || matches!(
                        k,
                        "in" | "province"
                            | "governorate"
                            | "s"
                            | "'"
                            | "’"
                            | "في"
                            | "محافظه"
                            | "around"
                    )
                    || tokens[i].kind == TokenKind::Punct
                        && matches!(k, "،" | "," | "«" | "»" | "”" | "“" | "\"")
                    || matches!(
                        k,
                        "و" | "and"
                            | "or"
                            | "او"
                            | "بلدات"
                            | "وبلدات"
                            | "بلده"
                            | "وبلده"
                            | "قريه"
                            | "وقريه"
                            | "قري"
                            | "مدينه"
                            | "ومدينه"
                            | "near"
                            | "قرب"
                            | "وقرب"
                            | "the"
                            | "towns"
                            | "of"
                            | "هما"
                            | "منطقتين"
                            | "مناطق"
                    )
            })
    };
    // groups of joined places, as index ranges into `pool`; keep the one with most fine places
    let fine = |m: &PlaceMention| m.place.feature.fineness() >= 5;
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut g_start = 0;
    let towns: Vec<&(Range<usize>, &PlaceMention)> = {
        let t: Vec<&(Range<usize>, &PlaceMention)> = pool
            .iter()
            .copied()
            .filter(|(r, _)| !container(r))
            .collect();
        if t.is_empty() {
            pool.clone()
        } else {
            t
        }
    };
    for k in 1..=towns.len() {
        if k == towns.len() || !joins(&towns[k - 1].0, &towns[k].0) {
            groups.push(g_start..k);
            g_start = k;
        }
    }
    let best_group: Vec<&PlaceMention> = groups
        .into_iter()
        .map(|g| {
            towns[g]
                .iter()
                .map(|x| x.1)
                .filter(|m| fine(m))
                .collect::<Vec<&PlaceMention>>()
        })
        .max_by_key(|v| v.len())
        .unwrap_or_default();
    let splits = matches!(
        category,
        Category::Fight | Category::Assault | Category::Protest | Category::Coerce
    );
    if splits && best_group.len() >= 2 {
        let mut out: Vec<PlaceMention> = Vec::new();
        for m in best_group {
            if !out.iter().any(|o| o.place.id == m.place.id) {
                out.push(m.clone());
            }
        }
        return out;
    }
    let dist = |r: &Range<usize>| {
        if r.start >= c.at.end {
            r.start - c.at.end
        } else {
            c.at.start.saturating_sub(r.end)
        }
    };
    // the finest place near the trigger ("قاتلت تنظيم داعش في البادية السورية"), else of the scope
    let near: Vec<&(Range<usize>, &PlaceMention)> =
        pool.iter().copied().filter(|(r, _)| dist(r) <= 8).collect();
    // a river runs through many places: never the specific one when others are named
    let specific = |p: &PlaceMention| {
        p.place.feature.fineness() >= 3
            || (p.place.feature.fineness() == 1
                && p.place.country != "XX"
                && p.place.feature != rasid_core::Feature::River)
    };
    let pool = if near.iter().any(|(_, p)| specific(p)) {
        near
    } else {
        pool
    };
    pool.iter()
        .max_by(|x, y| {
            x.1.place
                .feature
                .fineness()
                .cmp(&y.1.place.feature.fineness())
                .then(dist(&y.0).cmp(&dist(&x.0)))
        })
        .map(|x| vec![x.1.clone()])
        .unwrap_or_default()
}

/// The dateline place ("ديرالزور – خاص", "KIRKUK, Iraq —"), else the most mentioned place.
fn main_place(a: &Analysis) -> Option<PlaceMention> {
    if let Some(d) = rasid_text::dateline(a.text) {
        if let Some(p) = a.places.iter().find(|p| d.contains(p.mention.span)) {
            return Some(p.clone());
        }
    }
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in a.places {
        *counts.entry(p.place.id.as_str()).or_default() += 1;
    }
    let mut best: Option<(usize, &PlaceMention)> = None;
    for p in a.places {
        let n = counts[p.place.id.as_str()];
        if best.is_none_or(|(b, _)| n > b) {
            best = Some((n, p));
        }
    }
    best.map(|(_, p)| p.clone())
}

/// Who a sentence's report comes from.
struct Source {
    attribution: Attribution,
    span: Span,
    /// "قالت قسد إنها …", "… إن قواتها …": the speaker (or its forces) did what it reports.
    subject: bool,
    /// "أعلنت الجماعة استهداف …": the speaker announces an act it names right after.
    announced: bool,
    /// "تبنت الجماعة الهجوم": the speaker claims responsibility.
    claims: bool,
}

/// Verbs of announcing and claiming: what a party announces of its own acts it claims.
const ANNOUNCE: &[&str] = &[
    "اعلن",
    "اعلنت",
    "اعلنوا",
    "تبني",
    "تبنت",
    "تبنوا",
    "announced",
    "claimed",
];

/// Verbs of claiming responsibility, a subset of [`ANNOUNCE`].
const CLAIMS: &[&str] = &["تبني", "تبنت", "تبنوا", "claimed"];

/// Who reports the events of a sentence, the span of that source's mention, and whether the
/// report goes on with a pronoun for the source ("قالت قسد إنها أعادت ...").
fn attribution(
    a: &Analysis,
    tokens: &[Token],
    s: &Sentence,
    actors: &[(Range<usize>, &ActorMention)],
    persons: &[(Range<usize>, &Person)],
) -> Option<Source> {
    for i in s.tokens.clone() {
        let k = key(tokens, i);
        if base(k, cues::REPORT_CUES).is_none() && base(k, ANNOUNCE).is_none() {
            continue;
        }
        let announced = base(k, ANNOUNCE).is_some();
        let claims = base(k, CLAIMS).is_some();
        let english_verb = k.is_ascii() && k != "according";
        // after the cue (Arabic; "according to X"), or just before an English "said"
        let window: Vec<usize> = if english_verb {
            (i.saturating_sub(6).max(s.tokens.start)..i).rev().collect()
        } else {
            (i + 1..(i + 7).min(s.tokens.end)).collect()
        };
        let pronoun = |from: usize| {
            (from..(from + 6).min(s.tokens.end)).any(|j| {
                matches!(
                    key(tokens, j),
                    "انها"
                        | "انه"
                        | "انهم"
                        | "بانها"
                        | "بانه"
                        | "بانهم"
                        | "it"
                        | "they"
                        | "قواتها"
                        | "قواته"
                        | "قواتنا"
                        | "وحداتها"
                        | "طايراتها"
                        | "مقاتلاتها"
                        | "عناصرها"
                        | "مقاتليها"
                        | "its"
                        | "our"
                )
            })
        };
        for j in window {
            if let Some((r, p)) = persons.iter().find(|(r, _)| r.contains(&j)) {
                return Some(Source {
                    attribution: Attribution {
                        name: p.name.clone(),
                        mention: p.mention.clone(),
                    },
                    span: p.mention.span,
                    subject: pronoun(r.end),
                    announced,
                    claims,
                });
            }
            if let Some((r, m)) = actors.iter().find(|(r, _)| r.contains(&j)) {
                return Some(Source {
                    attribution: Attribution {
                        name: m.actor.name.clone(),
                        mention: m.mention.clone(),
                    },
                    span: m.mention.span,
                    subject: pronoun(r.end),
                    announced,
                    claims,
                });
            }
            let kj = key(tokens, j);
            if let Some((_, label)) = cues::UNNAMED_SOURCES
                .iter()
                .find(|(w, _)| base(kj, &[w]).is_some())
            {
                let end = (j + 2).min(s.tokens.end);
                let span = Span::new(tokens[j].span.start, tokens[end - 1].span.end);
                let mention = Mention::from_text(a.text, span);
                return Some(Source {
                    attribution: Attribution {
                        name: label.to_string(),
                        mention,
                    },
                    span,
                    subject: false,
                    announced: false,
                    claims: false,
                });
            }
        }
    }
    None
}

/// Merge events of one document that code the same happening: same category, status,
/// place and dates, and actors that do not contradict each other (a missing actor fits any).
fn dedupe(events: Vec<Event>) -> Vec<Event> {
    let id = |m: &Option<ActorMention>| m.as_ref().map(|m| m.actor.id.clone());
    let fits = |x: Option<String>, y: Option<String>| x.is_none() || y.is_none() || x == y;
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // events with the same (category, status, place, dates) are few: index them by that key
    type Key = (Category, Status, Option<String>, Option<(Date, Date)>);
    let mut by_key: std::collections::HashMap<Key, Vec<usize>> = std::collections::HashMap::new();
    for ev in events {
        let k: Key = (
            ev.category,
            ev.status,
            ev.location.as_ref().map(|p| p.place.id.clone()),
            ev.date.map(|d| (d.start, d.end)),
        );
        let same = by_key.get(&k).and_then(|v| {
            v.iter().copied().find(|&i| {
                fits(id(&out[i].actor1), id(&ev.actor1)) && fits(id(&out[i].actor2), id(&ev.actor2))
            })
        });
        match same {
            Some(i) => {
                let o = &mut out[i];
                if o.fatalities.is_none() {
                    o.fatalities = ev.fatalities;
                    o.fatalities_mention = ev.fatalities_mention;
                }
                if o.actor1.is_none() {
                    o.actor1 = ev.actor1;
                }
                if o.actor2.is_none() {
                    o.actor2 = ev.actor2;
                }
                o.confidence = o.confidence.max(ev.confidence);
            }
            None => {
                by_key.entry(k).or_default().push(out.len());
                out.push(ev);
            }
        }
    }
    out
}
