//! `briefing` turns one TOML content file into a print-ready briefing PDF.
//!
//! The pipeline, one module per stage, each taking plain data and giving
//! plain data: [`model`] (TOML → checked briefing) → [`markup`] (markdown
//! → styled runs, notes numbered) → [`text`] (fonts, shaping,
//! hyphenation) → [`layout`] (lines, blocks, pages; pure) → [`render`]
//! (boxes → PDF bytes). [`pipeline`] runs them in order; [`cli`] is the
//! command line around it.

pub mod cli;
pub mod diag;
pub mod diff;
pub mod export;
pub mod layout;
pub mod markup;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod safe_read;
pub mod text;
