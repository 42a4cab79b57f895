//! Layout: the rich document in, positioned boxes on pages out. Pure: no
//! I/O and no PDF here; the renderer draws what this module decides.
//!
//! A paragraph goes: [`inline`] turns styled runs into measured words
//! (with [`ties`] where a line must not break), [`collect`] cuts them into
//! fragments, [`linebreak`] chooses the line ends and [`line`] sets each
//! line to the measure ([`paragraph`] runs the three; [`frag`] holds what
//! they share). The block builders ([`masthead`], [`figures`] with
//! [`chart`], [`sections`], [`recommendations`], [`notes`]) use the
//! shared context in [`ctx`] to stack lines and boxes into the vertical
//! items of [`vbox`]; [`flow`] stacks the briefing's blocks in order,
//! [`paginate`] cuts them into columns and pages, [`chrome`] adds the
//! running header, footer and markings, and [`budget`] searches for the
//! size that meets a page budget. [`page`] and [`report`] are what comes
//! out.
//!
//! Files import one another in one direction only (a test in
//! `tests/architecture.rs` keeps it so): the builders use [`ctx`] and
//! [`vbox`], and only [`flow`] knows every builder.

pub mod budget;
pub mod chart;
pub mod chrome;
pub mod collect;
pub mod ctx;
pub mod figures;
pub mod flow;
pub mod frag;
pub mod geometry;
pub mod inline;
pub mod line;
pub mod linebreak;
pub mod masthead;
pub mod notes;
pub mod page;
pub mod paginate;
pub mod paragraph;
pub mod recommendations;
pub mod report;
pub mod sections;
pub mod structure;
pub mod theme;
pub mod ties;
pub mod vbox;
pub mod warm;

pub use budget::{layout, BudgetError};
pub use page::{Bookmark, GlyphRun, GlyphText, Item, Laidout, LinkTarget, Page, PlacedGlyph};
pub use report::{LineStat, Report};
pub use structure::{Artifact, NodeId, Role as StructRole, Scope, Tag, Tree};
pub use warm::warm;
