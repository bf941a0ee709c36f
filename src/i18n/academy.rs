//! The refusals of the Academy's decisions in the user's language.

use super::{Lang, Msg, tr, trf};
use crate::domain::deciding::DecideRefusal;

/// Why a batch of decisions was refused.
pub fn decide_refusal(lang: Lang, r: &DecideRefusal) -> String {
    match r {
        DecideRefusal::NothingChosen => tr(lang, Msg::AyrDecNothing).to_string(),
        DecideRefusal::NoNumber => tr(lang, Msg::AyrDecNoNumber).to_string(),
        DecideRefusal::NoDate => tr(lang, Msg::AyrDecNoDate).to_string(),
        DecideRefusal::Twice(id) => trf(lang, Msg::AyrDecTwice, &[&id.0]),
        DecideRefusal::NotProposal(id) => trf(lang, Msg::AyrDecNotProposal, &[&id.0]),
    }
}
