//! The block builders: each turns one part of the briefing (the
//! masthead, the key figures and their charts, a section, the
//! recommendations, the notes; a section's [`exhibit`] with its
//! [`series_chart`]; an [`image`] placed at its aspect ratio; a
//! [`sidebar`] box)
//! into vertical items through the shared
//! context in [`ctx`]. They use the paragraph steps, never the pages.

pub mod alt;
pub mod changes;
pub mod chart;
pub mod ctx;
pub mod exhibit;
pub mod figures;
pub mod image;
pub mod masthead;
pub mod notes;
pub mod publisher;
pub mod recommendations;
pub mod sections;
pub mod series_chart;
pub mod sidebar;
pub mod table;
