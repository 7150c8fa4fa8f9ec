//! The event coder.

use std::ops::Range;

use rasid_core::{
    ActorKind, ActorMention, Attribution, Category, Date, DateRange, Event, Lang, Mention, Person, PlaceMention,
    Span, Status, TimeExpr,
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
}

/// How an actor relates to the trigger it stands near.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Agent,
    Target,
    Victim,
    Partner,
    PairFirst,
    PairSecond,
    Plain,
    Ignore,
}

/// A trigger (or a run of same-category triggers) with its argument scope.
#[derive(Clone, Debug)]
struct Cand<'t> {
    trigger: &'t Trigger,
    category: Category,
    /// Token range of the trigger words.
    at: Range<usize>,
    span: Span,
    clitic: String,
    /// Token range whose mentions may be its arguments.
    scope: Range<usize>,
    segment: usize,
}

fn token_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.end <= byte)
}

fn tok_range(tokens: &[Token], span: Span) -> Range<usize> {
    let a = token_at(tokens, span.start);
    let b = tokens.partition_point(|t| t.span.start < span.end).max(a + 1);
    a..b
}

fn key(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map(|t| t.key.as_str()).unwrap_or("")
}

impl EventCoder {
    pub fn new(triggers: TriggerLexicon) -> EventCoder {
        EventCoder { triggers }
    }

    pub fn triggers(&self) -> &TriggerLexicon {
        &self.triggers
    }

    /// Every event in the document, in text order, duplicates merged.
    pub fn code(&self, a: &Analysis) -> Vec<Event> {
        let tokens = a.tokens;
        let taken: Vec<Span> = a
            .actors
            .iter()
            .map(|m| m.mention.span)
            .chain(a.places.iter().map(|p| p.mention.span))
            .chain(a.persons.iter().map(|p| p.mention.span))
            .collect();
        let quotes = short_quotes(tokens);
        let mut triggers: Vec<(rasid_text::PhraseMatch, &Trigger)> = self
            .triggers
            .find(a.text, tokens)
            .into_iter()
            .filter(|(m, t)| {
                t.category.is_some()
                    && !taken.iter().any(|s| s.overlaps(m.span))
                    && !quotes.iter().any(|q| q.contains(&m.tokens.start))
            })
            .collect();
        triggers.sort_by_key(|(m, _)| m.span.start);

        let main_place = main_place(a);
        let mut narrative_date: Option<DateRange> = None;
        let mut narrative_place: Option<PlaceMention> = None;
        let mut events: Vec<Event> = Vec::new();

        // Mentions as token ranges, sorted by start, so each sentence takes its slice.
        let actors = ranged(tokens, a.actors, |m| m.mention.span);
        let places = ranged(tokens, a.places, |m| m.mention.span);
        let times = ranged(tokens, a.times, |m| m.mention.span);
        let persons = ranged(tokens, a.persons, |m| m.mention.span);
        for s in a.sentences {
            let in_sentence = slice_by(&triggers, &s.tokens, |(m, _)| m.tokens.start);
            let s_actors = slice_by(&actors, &s.tokens, |(r, _)| r.start);
            let s_places = slice_by(&places, &s.tokens, |(r, _)| r.start);
            let s_times = slice_by(&times, &s.tokens, |(r, _)| r.start);
            let s_persons = slice_by(&persons, &s.tokens, |(r, _)| r.start);
            let has_context = !s_actors.is_empty() || !s_places.is_empty();
            let segments = segments(tokens, s);
            let seg_of = |i: usize| segments.iter().position(|r| r.contains(&i)).unwrap_or(0);

            // candidates: merge neighbouring triggers of one category in one segment
            let mut cands: Vec<Cand> = Vec::new();
            for (m, t) in in_sentence.iter() {
                if t.flags.weak && !has_context {
                    continue;
                }
                let Some(category) = t.category else { continue };
                let seg = seg_of(m.tokens.start);
                if let Some(last) = cands.last_mut() {
                    let close = m.tokens.start.saturating_sub(last.at.end) <= 4;
                    if last.segment == seg && last.category == category && close && !t.flags.fatal && !last.trigger.flags.fatal {
                        last.at.end = m.tokens.end;
                        continue;
                    }
                }
                cands.push(Cand {
                    trigger: t,
                    category,
                    at: m.tokens.clone(),
                    span: m.span,
                    clitic: m.clitic.slice(a.text).to_string(),
                    scope: segments[seg].clone(),
                    segment: seg,
                });
            }
            // split each segment's scope between its triggers
            for k in 0..cands.len() {
                let (seg, start, end) = (cands[k].segment, cands[k].at.start, cands[k].at.end);
                if k > 0 && cands[k - 1].segment == seg {
                    let prev_end = cands[k - 1].at.end;
                    cands[k].scope.start = cands[k].scope.start.max(prev_end);
                }
                if k + 1 < cands.len() && cands[k + 1].segment == seg {
                    let next_start = cands[k + 1].at.start;
                    cands[k].scope.end = cands[k].scope.end.min(next_start.max(end));
                }
                let _ = start;
            }

            // who says so
            let attribution = attribution(a, tokens, s, &s_actors, &s_persons);
            let source_span = attribution.as_ref().map(|(_, sp)| *sp);

            let mut s_events: Vec<(Event, usize, bool)> = Vec::new();
            for c in &cands {
                let fatal = c.trigger.flags.fatal;
                // roles
                let roles: Vec<(Role, usize, &ActorMention)> = s_actors
                    .iter()
                    .filter(|(r, m)| {
                        r.start >= c.scope.start.min(c.at.start)
                            && r.start < c.scope.end.max(c.at.end)
                            && Some(m.mention.span) != source_span
                            && !m.actor.kind.is_reporter()
                    })
                    .map(|(r, m)| (role_of(a.text, tokens, r.start, m, c), r.start, *m))
                    .collect();
                let (mut actor1, mut actor2) = assign(&roles, c, fatal || c.trigger.flags.passive);
                // fatalities
                let count = if fatal { casualty_count(tokens, c.at.start, c.at.end, c.scope.end.max(c.at.end)) } else { None };
                let mut category = c.category;
                if fatal {
                    let victims_civil = count.as_ref().and_then(|c| c.civilians).or_else(|| {
                        actor2.as_ref().map(|m| matches!(m.actor.kind, ActorKind::Civilians | ActorKind::Protesters))
                    });
                    if victims_civil == Some(false) || actor2.as_ref().is_some_and(|m| m.actor.kind.is_armed()) {
                        category = Category::Fight;
                    }
                } else if category == Category::Fight
                    && actor2.as_ref().is_some_and(|m| matches!(m.actor.kind, ActorKind::Civilians | ActorKind::Protesters))
                {
                    category = Category::Assault;
                } else if category == Category::Assault
                    && actor2.as_ref().is_some_and(|m| m.actor.kind.is_armed())
                    && actor1.as_ref().is_some_and(|m| m.actor.kind.is_armed())
                    && matches!(c.trigger.mode.as_deref(), Some("bombing" | "suicide_bombing" | "shooting" | "killing" | "attack") | None)
                {
                    category = Category::Fight;
                }
                // a same-sentence event without an agent shares the subject of the one before
                if actor1.is_none() && !fatal && !c.trigger.flags.passive {
                    if let Some((prev, _, _)) = s_events.last() {
                        actor1 = prev.actor1.clone();
                        if actor2.as_ref().map(|m| &m.actor) == actor1.as_ref().map(|m| &m.actor) {
                            actor2 = None;
                        }
                    }
                }
                if actor1.as_ref().map(|m| &m.actor.id) == actor2.as_ref().map(|m| &m.actor.id)
                    && !(category == Category::Fight && roles.iter().filter(|r| r.0 == Role::PairFirst || r.0 == Role::PairSecond).count() == 2)
                {
                    actor2 = None;
                }
                // date
                let near_time = nearest(&s_times, c).map(|(_, t)| *t);
                let (date, date_mention, future) = match near_time {
                    Some(t) => (Some(t.range), Some(t.mention.clone()), t.future),
                    None => (narrative_date.or(a.published.map(DateRange::day)), None, false),
                };
                // status
                let mut status = Status::Asserted;
                let from = c.scope.start.max(c.at.start.saturating_sub(6));
                for i in (from..c.at.start).rev() {
                    if let Some(st) = status_cue(key(tokens, i)) {
                        status = st;
                        break;
                    }
                }
                if status == Status::Asserted {
                    // English "did not" / "has not" just before the verb, and "dون قتال" after.
                    if (c.at.end..(c.at.end + 2).min(c.scope.end)).any(|i| matches!(key(tokens, i), "not" | "never")) {
                        status = Status::Negated;
                    }
                }
                if status == Status::Asserted && (c.clitic.ends_with('س') || future) {
                    status = Status::Planned;
                }
                // places
                let places = event_places(a, tokens, &s_places, c);
                let attributed = attribution.as_ref().map(|(att, _)| att.clone());
                if status == Status::Asserted {
                    if let Some((_, src_span)) = &attribution {
                        let src = s_actors.iter().find(|(_, m)| m.mention.span == *src_span).map(|(_, m)| *m);
                        if let Some(src) = src {
                            if is_party(src, actor1.as_ref()) || is_party(src, actor2.as_ref()) {
                                status = Status::Claimed;
                            }
                        }
                    }
                }
                let evidence_span = Span::new(
                    tokens[c.scope.start.min(c.at.start)].span.start,
                    tokens[c.scope.end.max(c.at.end) - 1].span.end,
                );
                let mut confidence: f32 = 0.45;
                if actor1.is_some() {
                    confidence += 0.2;
                }
                if actor2.is_some() {
                    confidence += 0.1;
                }
                if !places.is_empty() {
                    confidence += 0.1;
                }
                if date_mention.is_some() {
                    confidence += 0.1;
                }
                if c.trigger.flags.weak {
                    confidence -= 0.2;
                }
                let place_list: Vec<Option<PlaceMention>> = if places.is_empty() {
                    vec![narrative_place.clone().or_else(|| main_place.clone())]
                } else {
                    places.into_iter().map(Some).collect()
                };
                for (k, place) in place_list.into_iter().enumerate() {
                    let ev = Event {
                        category,
                        mode: c.trigger.mode.clone(),
                        actor1: actor1.clone(),
                        actor2: actor2.clone(),
                        location: place,
                        date,
                        date_mention: date_mention.clone(),
                        fatalities: if k == 0 { count.as_ref().map(|c| c.value) } else { None },
                        fatalities_mention: count.as_ref().filter(|_| k == 0).map(|c| {
                            Mention::from_text(a.text, Span::new(tokens[c.start].span.start, tokens[c.end - 1].span.end))
                        }),
                        status,
                        attributed_to: attributed.clone(),
                        trigger: Mention::from_text(a.text, Span::new(c.span.start, tokens[c.at.end - 1].span.end)),
                        evidence: Mention::from_text(a.text, evidence_span),
                        confidence: confidence.clamp(0.05, 0.99),
                    };
                    s_events.push((ev, c.segment, fatal));
                }
            }
            // a killing reported next to an attack in the same segment belongs to it
            let mut merged: Vec<(Event, usize, bool)> = Vec::new();
            for (ev, seg, fatal) in s_events {
                if fatal {
                    if let Some((host, _, _)) = merged
                        .iter_mut()
                        .rev()
                        .find(|(h, hs, hf)| *hs == seg && !hf && h.category.is_violent())
                    {
                        absorb(host, ev);
                        continue;
                    }
                } else if ev.category.is_violent() {
                    if let Some(pos) = merged.iter().rposition(|(h, hs, hf)| *hs == seg && *hf && h.location.is_some() == ev.location.is_some()) {
                        let (fatal_ev, _, _) = merged.remove(pos);
                        let mut host = ev;
                        absorb(&mut host, fatal_ev);
                        merged.push((host, seg, false));
                        continue;
                    }
                }
                merged.push((ev, seg, fatal));
            }
            for (ev, _, _) in merged {
                if ev.date_mention.is_some() && ev.status == Status::Asserted {
                    narrative_date = ev.date;
                }
                if ev.location.is_some() {
                    narrative_place = ev.location.clone();
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

/// Mentions with their token ranges, sorted by first token.
fn ranged<'m, T>(tokens: &[Token], items: &'m [T], span: impl Fn(&T) -> Span) -> Vec<(Range<usize>, &'m T)> {
    let mut v: Vec<(Range<usize>, &T)> = items.iter().map(|m| (tok_range(tokens, span(m)), m)).collect();
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
        host.actor2 = fatal.actor2.filter(|v| host.actor1.as_ref().map(|a| &a.actor.id) != Some(&v.actor.id));
    }
    if host.actor1.is_none() {
        host.actor1 = fatal.actor1;
    }
    if host.date_mention.is_none() && fatal.date_mention.is_some() {
        host.date = fatal.date;
        host.date_mention = fatal.date_mention;
    }
    if host.category == Category::Fight
        && host.actor2.as_ref().is_some_and(|m| matches!(m.actor.kind, ActorKind::Civilians))
    {
        host.category = Category::Assault;
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
    if s.id == p.id || s.parent.as_deref() == Some(p.id.as_str()) || p.parent.as_deref() == Some(s.id.as_str()) {
        return true;
    }
    let state = |k: ActorKind| matches!(k, ActorKind::Government | ActorKind::StateForces);
    state(s.kind) && state(p.kind) && s.country.is_some() && s.country == p.country
}

/// Segments of a sentence: token ranges between contrastive connectives.
fn segments(tokens: &[Token], s: &Sentence) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = s.tokens.start;
    for i in s.tokens.clone() {
        let k = key(tokens, i);
        if i > start && tokens[i].kind == TokenKind::Word && base(k, cues::SEGMENT_BREAKS).is_some() {
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
                let words = tokens[o + 1..i].iter().filter(|t| t.kind == TokenKind::Word).count();
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

/// The role an actor mention plays for candidate `c`, from the words around it.
fn role_of(text: &str, tokens: &[Token], start: usize, m: &ActorMention, c: &Cand) -> Role {
    let tok = &tokens[start];
    let clitic = &text[tok.span.start..m.mention.span.start.max(tok.span.start)];
    let prev = |k: usize| if start >= k { key(tokens, start - k) } else { "" };
    let p1 = prev(1);
    let p2 = prev(2);
    let p1b = p1.trim_start_matches('و');
    const SKIP: &[&str] = &["باسم", "بقياده", "قياده", "led", "backed", "مدعوم", "مدعومين", "مدعومه", "بدعم", "دعم", "held", "controlled", "بين"];
    const TARGET: &[&str] = &["علي", "ضد", "استهدف", "استهدفت", "استهدفوا", "against", "on", "at", "targeting", "targeted", "hit", "struck"];
    const OWNED: &[&str] = &["مواقع", "موقع", "مقر", "مقرات", "نقاط", "نقطه", "مراكز", "معاقل", "معسكرات", "تجمعات", "سجون", "مناطق", "positions", "sites", "bases"];
    const AGENT: &[&str] = &["يد", "بنيران", "نيران", "by"];
    const MEMBERS: &[&str] = &["مقاتلي", "عناصر", "عنصرا", "جنود", "من", "صفوف", "members", "of"];
    if p1 == "بين" || p1 == "between" || (p1.starts_with('ب') && p1 == "ب") {
        return Role::PairFirst;
    }
    if p1b.is_empty() && (p1 == "و" || p1 == "and") || clitic.starts_with('و') {
        // "بين X و Y"
        return Role::PairSecond;
    }
    if base(p1, SKIP).is_some() && p1 != "بين" {
        return Role::Ignore;
    }
    if base(p1, AGENT).is_some() || (p1 == "من" && p2 == "by") || (p1 == "قبل" && p2 == "من") {
        return Role::Agent;
    }
    if p1 == "مع" || p1 == "with" || p1 == "ومع" {
        return Role::Partner;
    }
    if clitic.ends_with('ل') || p1 == "ل" {
        // غارات لطيران النظام (agent) vs مواقع لتنظيم داعش (target)
        if base(p1, OWNED).is_some() || base(p2, OWNED).is_some() {
            return Role::Target;
        }
        if start >= c.at.end && start <= c.at.end + 2 {
            return Role::Agent;
        }
    }
    if base(p1, TARGET).is_some() || base(p1, OWNED).is_some() || (p1 == "the" && base(p2, TARGET).is_some()) {
        return Role::Target;
    }
    if base(p1, MEMBERS).is_some() {
        // "قُتل 14 عنصراً من قوات النظام", "عناصر من تنظيم داعش"
        let after_count = (start.saturating_sub(4)..start).any(|i| tokens[i].kind == TokenKind::Number || victim_noun(&tokens[i].key).is_some());
        if after_count && c.trigger.flags.fatal {
            return Role::Victim;
        }
    }
    Role::Plain
}

/// actor1 and actor2 from the roles of the actors in scope.
fn assign<'m>(roles: &[(Role, usize, &'m ActorMention)], c: &Cand, victim_subject: bool) -> (Option<ActorMention>, Option<ActorMention>) {
    let first = |r: Role| roles.iter().find(|x| x.0 == r);
    if let (Some(a), Some(b)) = (first(Role::PairFirst), first(Role::PairSecond)) {
        return (Some(a.2.clone()), Some(b.2.clone()));
    }
    let mut agent = first(Role::Agent).map(|x| x.2);
    let mut target = first(Role::Target).or(first(Role::Victim)).or(first(Role::Partner)).map(|x| x.2);
    let plain_after: Vec<&(Role, usize, &ActorMention)> =
        roles.iter().filter(|x| matches!(x.0, Role::Plain | Role::PairSecond) && x.1 >= c.at.end).collect();
    let plain_before: Vec<&(Role, usize, &ActorMention)> =
        roles.iter().filter(|x| matches!(x.0, Role::Plain | Role::PairFirst) && x.1 < c.at.start).collect();
    if victim_subject {
        if target.is_none() {
            target = plain_after.first().map(|x| x.2).or(plain_before.last().map(|x| x.2));
        }
    } else {
        if agent.is_none() {
            // VSO subject right after a verb or genitive after a noun, else SVO subject before
            agent = plain_after
                .first()
                .filter(|x| x.1 <= c.at.end + 3)
                .map(|x| x.2)
                .or(plain_before.last().map(|x| x.2))
                .or(plain_after.first().map(|x| x.2));
        }
        if target.is_none() {
            target = plain_after
                .iter()
                .map(|x| x.2)
                .find(|m| agent.is_none_or(|a| !std::ptr::eq(*m, a) && a.actor.id != m.actor.id));
        }
    }
    (agent.cloned(), target.cloned())
}

/// The time expression nearest to the trigger: in its scope first, then in the sentence.
fn nearest<'x>(times: &'x [(Range<usize>, &'x TimeExpr)], c: &Cand) -> Option<&'x (Range<usize>, &'x TimeExpr)> {
    let dist = |r: &Range<usize>| if r.start >= c.at.end { r.start - c.at.end } else { c.at.start.saturating_sub(r.end) };
    let in_scope = times.iter().filter(|(r, _)| r.start >= c.scope.start && r.start < c.scope.end).min_by_key(|(r, _)| dist(r));
    in_scope.or_else(|| times.iter().min_by_key(|(r, _)| dist(r)))
}

/// The places of an event: a list of towns gives several; else the finest place.
fn event_places(a: &Analysis, tokens: &[Token], places: &[(Range<usize>, &PlaceMention)], c: &Cand) -> Vec<PlaceMention> {
    let excluded = |r: &Range<usize>| {
        let p = if r.start > 0 { key(tokens, r.start - 1) } else { "" };
        let clitic_from = tokens[r.start].span.start < places.iter().find(|(x, _)| x == r).map(|(_, m)| m.mention.span.start).unwrap_or(0)
            && tokens[r.start].key.starts_with("من");
        match c.category {
            Category::Mobilize => matches!(p, "من" | "from") || clitic_from,
            Category::Retreat => matches!(p, "باتجاه" | "نحو" | "الي" | "towards" | "toward" | "to"),
            _ => false,
        }
    };
    let in_scope: Vec<&(Range<usize>, &PlaceMention)> = places
        .iter()
        .filter(|(r, _)| r.start >= c.scope.start && r.start < c.scope.end && !excluded(r))
        .collect();
    let pool: Vec<&(Range<usize>, &PlaceMention)> = if in_scope.is_empty() {
        places.iter().filter(|(r, _)| !excluded(r)).collect()
    } else {
        in_scope
    };
    if pool.is_empty() {
        return Vec::new();
    }
    // lists: places joined only by و، commas, quotes, cue words
    let joins = |x: &Range<usize>, y: &Range<usize>| -> bool {
        (x.end..y.start).all(|i| {
            let k = key(tokens, i);
            tokens[i].kind == TokenKind::Punct && matches!(k, "،" | "," | "«" | "»" | "”" | "“" | "\"")
                || matches!(k, "و" | "and" | "or" | "او" | "بلدات" | "وبلدات" | "بلده" | "وبلده" | "قريه" | "وقريه" | "قري" | "مدينه" | "ومدينه" | "near" | "قرب" | "وقرب" | "the" | "towns" | "of")
        })
    };
    let fine = |m: &PlaceMention| m.place.feature.fineness() >= 5;
    let mut best_group: Vec<&PlaceMention> = Vec::new();
    let mut group: Vec<&(Range<usize>, &PlaceMention)> = Vec::new();
    for p in &pool {
        if let Some(last) = group.last() {
            if !joins(&last.0, &p.0) {
                let fines: Vec<&PlaceMention> = group.iter().map(|x| x.1).filter(|m| fine(m)).collect();
                if fines.len() > best_group.len() {
                    best_group = fines;
                }
                group.clear();
            }
        }
        group.push(p);
    }
    let fines: Vec<&PlaceMention> = group.iter().map(|x| x.1).filter(|m| fine(m)).collect();
    if fines.len() > best_group.len() {
        best_group = fines;
    }
    let splits = matches!(c.category, Category::Fight | Category::Assault | Category::Protest | Category::Coerce);
    if splits && best_group.len() >= 2 {
        let mut out: Vec<PlaceMention> = Vec::new();
        for m in best_group {
            if !out.iter().any(|o| o.place.id == m.place.id) {
                out.push(m.clone());
            }
        }
        return out;
    }
    let dist = |r: &Range<usize>| if r.start >= c.at.end { r.start - c.at.end } else { c.at.start.saturating_sub(r.end) };
    let _ = a;
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
    let first_line_end = a.text.find('\n').unwrap_or(a.text.len());
    let first_line = &a.text[..first_line_end];
    let dateline = first_line.contains(['–', '—', '-']) && first_line.split_whitespace().count() <= 8;
    if dateline {
        if let Some(p) = a.places.iter().find(|p| p.mention.span.end <= first_line_end) {
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

/// Who reports the events of a sentence, and the span of that source's mention.
fn attribution(
    a: &Analysis,
    tokens: &[Token],
    s: &Sentence,
    actors: &[(Range<usize>, &ActorMention)],
    persons: &[(Range<usize>, &Person)],
) -> Option<(Attribution, Span)> {
    for i in s.tokens.clone() {
        let k = key(tokens, i);
        if base(k, cues::REPORT_CUES).is_none() {
            continue;
        }
        let english_verb = k.is_ascii() && k != "according";
        // after the cue (Arabic; "according to X"), or just before an English "said"
        let window: Vec<usize> = if english_verb {
            (i.saturating_sub(6).max(s.tokens.start)..i).rev().collect()
        } else {
            (i + 1..(i + 7).min(s.tokens.end)).collect()
        };
        for j in window {
            if let Some((_, p)) = persons.iter().find(|(r, _)| r.contains(&j)) {
                return Some((Attribution { name: p.name.clone(), mention: p.mention.clone() }, p.mention.span));
            }
            if let Some((_, m)) = actors.iter().find(|(r, _)| r.contains(&j)) {
                return Some((Attribution { name: m.actor.name.clone(), mention: m.mention.clone() }, m.mention.span));
            }
            let kj = key(tokens, j);
            if let Some((_, label)) = cues::UNNAMED_SOURCES.iter().find(|(w, _)| base(kj, &[w]).is_some()) {
                let end = (j + 2).min(s.tokens.end);
                let span = Span::new(tokens[j].span.start, tokens[end - 1].span.end);
                let mention = Mention::from_text(a.text, span);
                return Some((Attribution { name: label.to_string(), mention }, span));
            }
        }
    }
    None
}

/// Merge events of one document that code the same happening.
fn dedupe(events: Vec<Event>) -> Vec<Event> {
    type Key = (Category, Status, Option<String>, Option<String>, Option<String>, Option<(Date, Date)>);
    let id = |m: &Option<ActorMention>| m.as_ref().map(|m| m.actor.id.clone());
    let mut seen: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for ev in events {
        let k: Key = (
            ev.category,
            ev.status,
            id(&ev.actor1),
            id(&ev.actor2),
            ev.location.as_ref().map(|p| p.place.id.clone()),
            ev.date.map(|d| (d.start, d.end)),
        );
        match seen.get(&k) {
            Some(&i) => {
                let o = &mut out[i];
                if o.fatalities.is_none() {
                    o.fatalities = ev.fatalities;
                    o.fatalities_mention = ev.fatalities_mention;
                }
                o.confidence = o.confidence.max(ev.confidence);
            }
            None => {
                seen.insert(k, out.len());
                out.push(ev);
            }
        }
    }
    out
}
