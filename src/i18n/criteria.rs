//! What is wrong with a criteria table, said in a language.

use std::fmt;

use super::{Lang, Msg, names, tr, trf};
use crate::domain::ItemKind;
use crate::domain::criteria_rules::TableProblem;

/// The word for an item kind.
pub fn item_kind(lang: Lang, kind: ItemKind) -> &'static str {
    tr(
        lang,
        match kind {
            ItemKind::Criterion => Msg::ItemCriterion,
            ItemKind::Bonus => Msg::ItemBonus,
            ItemKind::Penalty => Msg::ItemPenalty,
        },
    )
}

/// One problem as one line.
pub fn table_problem(lang: Lang, p: &TableProblem) -> String {
    use TableProblem as P;
    let kind = |k: &ItemKind| item_kind(lang, *k);
    match p {
        P::Year(y) => trf(lang, Msg::TpYear, &[y]),
        P::NoCriteria => tr(lang, Msg::TpNoCriteria).to_string(),
        P::EmptyGroupCode { group } => trf(lang, Msg::TpEmptyGroupCode, &[&(group + 1)]),
        P::DuplicateGroup { code, .. } => trf(lang, Msg::TpDuplicateGroup, &[code]),
        P::EmptyCode { kind: k, index } => trf(lang, Msg::TpEmptyCode, &[&kind(k), &(index + 1)]),
        P::DuplicateCode { code, .. } => trf(lang, Msg::TpDuplicateCode, &[code]),
        P::NegativeMax {
            kind: k, code, max, ..
        } => trf(lang, Msg::TpNegativeMax, &[&kind(k), code, max]),
        P::NegativeStep {
            kind: k,
            code,
            step,
            ..
        } => trf(lang, Msg::TpNegativeStep, &[&kind(k), code, step]),
        P::MaxOffStep {
            kind: k,
            code,
            max,
            step,
            ..
        } => trf(lang, Msg::TpMaxOffStep, &[&kind(k), code, max, step]),
        P::NegativeBonusCap(cap) => trf(lang, Msg::TpNegativeBonusCap, &[cap]),
        P::Share { num, den } => trf(lang, Msg::TpShare, &[num, den]),
        P::ShareUnreachable => tr(lang, Msg::TpShareUnreachable).to_string(),
        P::Quorum { num, den } => trf(lang, Msg::TpQuorum, &[num, den]),
        P::UnknownGroup { index, code } => trf(lang, Msg::TpUnknownGroup, &[&(index + 1), code]),
        P::UnknownCriterion { index, code } => {
            trf(lang, Msg::TpUnknownCriterion, &[&(index + 1), code])
        }
        P::DuplicateQuota { kind: k, .. } => {
            trf(lang, Msg::TpDuplicateQuota, &[&names::award(lang, k)])
        }
    }
}

/// In English, for logs and errors that have no language of their own.
impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&table_problem(Lang::En, self))
    }
}
