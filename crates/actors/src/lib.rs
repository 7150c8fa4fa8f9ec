//! # rasid-actors — who is who
//!
//! An [`ActorDictionary`] maps the many names of an armed group, force, government, tribe or
//! organisation (قسد، قوات سوريا الديمقراطية، SDF) to one canonical actor with its kind,
//! country and parent (a faction's parent group). It finds them in text through the same
//! clitic-aware matcher as places (لـ«قسد»، وعناصر «قسد»), and resolves the definite nouns
//! news uses for an actor already named — "التنظيم" after "تنظيم داعش", "الهيئة" after
//! "هيئة تحرير الشام", "تلك القوات", "the group" — to that actor (coreference across
//! sentences).
//!
//! [`find_persons`] finds people after titles and roles ("رئيس الوزراء حيدر العبادي",
//! "المتحدث باسم «قسد» طلال سلو", "President Joe Biden") and by kunya ("أبو حسام").
//!
//! The dictionary ships as `data/actors.tsv`; users add rows in the same format at run time,
//! and [`ActorSuggester`] lists the organised actors a corpus names that it does not know.
#![forbid(unsafe_code)]

mod dictionary;
mod persons;
pub mod suggest;

pub use dictionary::{ActorDictionary, ActorDictionaryBuilder, ActorsError};
pub use persons::find_persons;
pub use suggest::{ActorSuggester, Candidate};
