//! From blocks to pages: [`flow`] stacks the briefing's blocks in order,
//! [`paginate`] cuts them into columns and pages ([`settle`] places what
//! needs a first try: the contact box, a last page's fragment), [`chrome`] adds the
//! running header, footer and markings, and [`budget`] searches for the
//! size that meets a page budget.

pub mod budget;
pub mod chrome;
pub mod flow;
pub mod paginate;
pub mod settle;
