//! # rasid-gazetteer — where did it happen?
//!
//! A [`Gazetteer`] knows places (names in Arabic and English with variants, feature type,
//! admin1/admin2, coordinates) and finds them in text: clitic-aware (بريف، وبلدة، لـ),
//! spacing-aware (ديرالزور), and careful with names that are common words (كان, حديثة,
//! النصر): those count as places only next to a place cue (مدينة، بلدة، قرية، ريف، قرب…).
//! Ambiguous names (جديدة names many villages) are resolved with the context of the
//! document: the cue word's feature, the governorate named next to it ("الشعفة بريف دير
//! الزور"), the governorates of the other places in the document, then prominence.
//! "ريف X الشرقي" and "بادية X" become derived regions of X.
//!
//! The default gazetteer (`data/places/*.tsv`) is embedded; more can be added at run time
//! in the same TSV format, e.g. the 32k-place Syria/Iraq gazetteer:
//!
//! Big gazetteers load faster compiled (`rasid gazetteer import`, see [`compiled`]).
//!
//! ```no_run
//! use rasid_gazetteer::GazetteerBuilder;
//! let mut b = GazetteerBuilder::embedded();
//! b.add_tsv_file("places_sy_iq.tsv".as_ref()).unwrap();
//! let gazetteer = b.build();
//! ```
#![forbid(unsafe_code)]

pub mod compiled;
pub mod geonames;
mod load;
mod resolve;

pub use load::{GazetteerBuilder, GazetteerError};
pub use resolve::Gazetteer;
