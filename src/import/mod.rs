//! Files read back in: score forms (phiếu tự chấm) filled by the schools.
//! Each reader checks everything before anything is written, and says
//! what is wrong with the cell it is in.

pub mod score_forms;
