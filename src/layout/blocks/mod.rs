//! The block builders: each turns one part of the briefing (the
//! masthead, the key figures and their charts, a section, the
//! recommendations, the notes) into vertical items through the shared
//! context in [`ctx`]. They use the paragraph steps, never the pages.

pub mod alt;
pub mod changes;
pub mod chart;
pub mod ctx;
pub mod figures;
pub mod masthead;
pub mod notes;
pub mod recommendations;
pub mod sections;
