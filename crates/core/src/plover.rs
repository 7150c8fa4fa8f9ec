//! The 19 PLOVER event categories and their ACLED-compatible view.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::model::string_enum;

string_enum! {
    /// PLOVER event categories (Open Event Data Alliance), ordered from verbal
    /// cooperation to material conflict.
    Category {
        Agree = "AGREE",
        Consult = "CONSULT",
        Support = "SUPPORT",
        Concede = "CONCEDE",
        Cooperate = "COOPERATE",
        Aid = "AID",
        Retreat = "RETREAT",
        Investigate = "INVESTIGATE",
        Demand = "DEMAND",
        Disapprove = "DISAPPROVE",
        Reject = "REJECT",
        Threaten = "THREATEN",
        Sanction = "SANCTION",
        Protest = "PROTEST",
        Crime = "CRIME",
        Mobilize = "MOBILIZE",
        Coerce = "COERCE",
        Assault = "ASSAULT",
        Fight = "FIGHT",
    }
}

impl Category {
    /// Categories whose two actors play the same role (either order is right).
    pub fn is_symmetric(&self) -> bool {
        matches!(
            self,
            Category::Fight | Category::Consult | Category::Agree | Category::Cooperate
        )
    }
    /// Things said rather than done: condemnations, threats, demands, refusals, support,
    /// concessions. Their actor is whoever speaks.
    pub fn is_statement(&self) -> bool {
        matches!(
            self,
            Category::Disapprove
                | Category::Threaten
                | Category::Demand
                | Category::Reject
                | Category::Support
                | Category::Concede
        )
    }
    /// Material conflict: violence or force.
    pub fn is_violent(&self) -> bool {
        matches!(self, Category::Fight | Category::Assault | Category::Coerce)
    }
}

/// ACLED's event type and sub-event type for a PLOVER category and mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AcledView {
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
}

/// Map a PLOVER category (and the trigger's mode, when known) to ACLED's typology.
///
/// Verbal categories have no ACLED counterpart and return `None`; ACLED codes them, when at
/// all, as "Strategic developments", which rasid leaves to the analyst.
///
/// ```
/// use rasid_core::{acled_view, Category};
/// let v = acled_view(Category::Fight, Some("air_strike")).unwrap();
/// assert_eq!((v.event_type, v.sub_event_type), ("Explosions/Remote violence", "Air/drone strike"));
/// assert!(acled_view(Category::Disapprove, None).is_none());
/// ```
pub fn acled_view(category: Category, mode: Option<&str>) -> Option<AcledView> {
    let v = |event_type, sub_event_type| {
        Some(AcledView {
            event_type,
            sub_event_type,
        })
    };
    let mode = mode.unwrap_or("");
    match category {
        Category::Fight | Category::Assault => match mode {
            "air_strike" | "drone_strike" => v("Explosions/Remote violence", "Air/drone strike"),
            "shelling" | "missile_attack" => v(
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
            "bombing" => v(
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            "suicide_bombing" => v("Explosions/Remote violence", "Suicide bomb"),
            "capture" if category == Category::Fight => {
                v("Battles", "Government regains territory")
            }
            _ if category == Category::Fight => v("Battles", "Armed clash"),
            "abduction" => v(
                "Violence against civilians",
                "Abduction/forced disappearance",
            ),
            _ => v("Violence against civilians", "Attack"),
        },
        Category::Coerce => match mode {
            "abduction" | "hostage_taking" => v(
                "Violence against civilians",
                "Abduction/forced disappearance",
            ),
            "arrest" | "detention" | "raid" => v("Strategic developments", "Arrests"),
            "seizure" | "capture" => v(
                "Strategic developments",
                "Non-violent transfer of territory",
            ),
            _ => v("Strategic developments", "Other"),
        },
        Category::Retreat => match mode {
            "withdrawal" | "handover" | "surrender" | "evacuation" => v(
                "Strategic developments",
                "Non-violent transfer of territory",
            ),
            _ => v("Strategic developments", "Other"),
        },
        Category::Agree => v("Strategic developments", "Agreement"),
        Category::Mobilize => v("Strategic developments", "Headquarters or base established")
            .filter(|_| mode == "base")
            .or(v("Strategic developments", "Other")),
        Category::Protest => match mode {
            "riot" => v("Riots", "Violent demonstration"),
            _ => v("Protests", "Peaceful protest"),
        },
        Category::Crime => v("Strategic developments", "Looting/property destruction")
            .filter(|_| mode == "looting")
            .or(v("Strategic developments", "Other")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_round_trips_through_its_name() {
        assert_eq!(Category::ALL.len(), 19);
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), *c);
        }
        assert!("CLASH".parse::<Category>().is_err());
    }

    #[test]
    fn material_conflict_always_has_an_acled_view() {
        for c in [
            Category::Fight,
            Category::Assault,
            Category::Coerce,
            Category::Protest,
        ] {
            assert!(acled_view(c, None).is_some(), "{c}");
        }
        assert_eq!(
            acled_view(Category::Fight, None).unwrap().event_type,
            "Battles"
        );
        assert_eq!(
            acled_view(Category::Assault, Some("shooting"))
                .unwrap()
                .event_type,
            "Violence against civilians"
        );
    }
}
