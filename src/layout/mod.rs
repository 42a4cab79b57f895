//! Layout: the rich document in, positioned boxes on pages out. Pure: no
//! I/O and no PDF here; the renderer draws what this module decides.
//!
//! The folders are the steps, as in Typst's typst-layout:
//! - [`paragraph`]: a paragraph's steps, from styled runs to set lines
//!   (words, ties, fragments, line breaking, setting each line);
//! - [`blocks`]: the block builders (masthead, key figures with their
//!   charts, sections, recommendations, notes), which stack lines and
//!   boxes into the vertical items of [`vbox`] through the shared
//!   context in [`blocks::ctx`];
//! - [`pages`]: the flow of the briefing's blocks in order, their
//!   pagination into columns and pages, the running header, footer and
//!   markings, and the search for the size that meets a page budget.
//!
//! Beside them sit what every step shares: [`geometry`], [`theme`],
//! [`structure`] (the logical structure tree), [`vbox`], and what comes
//! out, [`page`] and [`report`]; [`warm`] shapes words ahead of layout.
//!
//! Imports go one way only (a test in `tests/architecture.rs` keeps it
//! so): `paragraph` uses neither `blocks` nor `pages`, `blocks` does not
//! use `pages`, and no file's imports close a circle.

pub mod blocks;
pub mod geometry;
pub mod marks;
pub mod page;
pub mod pages;
pub mod paragraph;
pub mod report;
pub mod structure;
pub mod theme;
pub mod vbox;
pub mod warm;

pub use blocks::chart;
pub use page::{Bookmark, GlyphRun, GlyphText, Item, Laidout, LinkTarget, Page, PlacedGlyph};
pub use pages::budget::{layout, BudgetError};
pub use report::{LineStat, Report};
pub use structure::{Artifact, NodeId, Numbering, Role as StructRole, Scope, Tag, Tree};
pub use warm::warm;
