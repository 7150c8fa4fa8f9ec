//! # rasid-extract — who did what to whom, according to whom
//!
//! The [`EventCoder`] reads a document that earlier stages have annotated (tokens,
//! sentences, actors, persons, places, times: an [`Analysis`]) and codes events:
//!
//! 1. **Triggers.** Words and phrases from the [`TriggerLexicon`] (`data/triggers.tsv`) mark
//!    a PLOVER category and a mode (اشتباكات → FIGHT armed_clash, غارات → FIGHT air_strike,
//!    اعتقلت → COERCE arrest). Blocker rows (category `-`) stop idioms; triggers inside actor or
//!    place names ("غرفة عمليات", "الدفاع المدني") or inside short quoted labels («ردع العدوان»)
//!    are not events.
//! 2. **Scope.** Each trigger's arguments come from its segment of the sentence: segments end
//!    at contrastive connectives (فيما، بينما، في حين، while) and at the next trigger's
//!    territory.
//! 3. **Roles.** actor1/actor2 from markers around each actor: بين X و Y (both sides), على/ضد X
//!    and مواقع لـX (target), غارات لـX / بنيران X / على يد X / by X (agent), من X after a
//!    casualty count (victims), the VSO subject after an Arabic verb, the SVO subject before.
//!    A killing with civilian victims is ASSAULT; with armed victims, FIGHT.
//! 4. **Place** = the finest place of the segment (not an origin after من), else of the
//!    sentence, else the narrative's last place, else the document's main place. A list of
//!    towns ("في الشعفة وأبو الخاطر") gives one event per town, as ACLED codes them.
//! 5. **Date** = the nearest time expression of the segment or sentence, else the story's news
//!    peg (its first dated day or week), else the last date told, else the publication date.
//! 6. **Status** from cues before the trigger: negated (لم، لن، نفى، دون، not, denied),
//!    planned (من المقرر، تعتزم، بهدف، سـ، will, a future date), hypothetical (ربما، قد، إذا،
//!    may, could), claimed (تبنى، زعم, or the source is the acting party itself).
//! 7. **Attribution** from reporting cues (وفق، بحسب، قال، أفاد، أعلن، according to, said).
//! 8. **Fatalities** from numbers in digits or words next to قتل/مقتل/killed, summed over
//!    lists ("مقتل 14 عنصراً من قوات النظام و31 من مقاتلي التنظيم" = 45).
//! 9. Events of one document with the same category, actors, place and dates are merged.
#![forbid(unsafe_code)]

mod coder;
mod cues;
mod triggers;

pub use coder::{Analysis, EventCoder};
pub use triggers::{Trigger, TriggerFlags, TriggerLexicon, TriggersError};
