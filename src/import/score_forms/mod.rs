//! Score forms read back in: each file read with calamine ([`read`]),
//! checked against the database ([`check`]: identity, membership, lock,
//! every value by the criteria table), and planned as old → new per school
//! ([`plan`]). The CLI (`thidua import scores`) and the TUI show the plan
//! and write each school's scores in one transaction
//! ([`crate::store::Store::set_scores`]). Layout and rules: docs/score-forms.md.

pub mod check;
pub mod plan;
pub mod problem;
pub mod read;

pub use plan::{SchoolPlan, expand, prepare, shown_name};
pub use problem::{FileProblems, FormProblem, Problem};
