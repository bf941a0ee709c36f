//! What a successor school inherited in a cluster's history: for each
//! school named in the years that has since merged, one note per seat or
//! award under its successor's name ("kế thừa từ"), so the history of a
//! cluster reads right after the 2025 mergers.

use super::history::YearReport;
use super::names::SchoolRef;
use crate::domain::history::current_successor;
use crate::domain::{AwardKind, School, SchoolId};
use crate::i18n::{Lang, Msg, names, tr};
use std::collections::HashMap;

/// The notes `* Ninh Bình kế thừa từ Hà Nam: Cụm trưởng Cụm 4 năm 2021`,
/// in the years' order, for every merged school the years name.
pub fn notes(
    years: &[YearReport],
    label: &str,
    schools: &HashMap<SchoolId, School>,
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut note = |s: &SchoolRef, fact: String| {
        if s.now.is_none() {
            return;
        }
        let Some((to, _)) = current_successor(SchoolId(s.id), schools) else {
            return;
        };
        let Some(successor) = schools.get(&to) else {
            return;
        };
        let line = format!(
            "* {} {} {}: {fact}",
            successor.name,
            tr(lang, Msg::InheritedFromLower),
            s.name
        );
        if !out.contains(&line) {
            out.push(line);
        }
    };
    let in_year = tr(lang, Msg::InYear);
    for y in years {
        let seat = |m: Msg| format!("{} {label} {in_year} {}", tr(lang, m), y.year);
        if let Some(h) = &y.head {
            note(h, seat(Msg::HeadIn));
        }
        for d in &y.deputies {
            note(d, seat(Msg::DeputyIn));
        }
        if let Some(f) = &y.flag_holder {
            note(f, seat(Msg::FlagHolderIn));
        }
        let awards = [
            (&y.flag, AwardKind::AcademyFlag),
            (&y.certificates, AwardKind::AcademyCertificate),
        ];
        for (list, kind) in awards {
            for a in list {
                let status = match a.status {
                    "decided" => tr(lang, Msg::Decided),
                    _ => tr(lang, Msg::Proposed),
                };
                let fact = format!("{} {} ({status})", names::award(lang, &kind), y.year);
                note(&a.school, fact);
            }
        }
    }
    out
}
