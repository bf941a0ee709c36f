//! The outcomes of the conference: the plan (`domain::outcomes`) shown
//! for confirmation; yes writes it through a command.

use crate::app::App;
use crate::app::overlays::OnYes;
use crate::domain::outcomes::{Records, plan};
use crate::domain::rotation::Reason;
use crate::domain::*;
use crate::i18n::Msg;

impl App {
    /// Plans the outcomes of the sheet's cluster-year and asks before
    /// writing them, listing what will be written.
    pub(super) fn ask_outcomes(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((_, sheet, table)) = self.current_sheet() else {
            return;
        };
        let d = &*self.data;
        let records = Records {
            ballots: &d.ballots,
            meetings: &d.meetings,
            awards: &d.awards,
            terms: &d.terms,
            schools: &d.schools,
        };
        let members = crate::app::form::ballot_members(d, sheet.cluster, sheet.year);
        let plan = plan(records, sheet, table, &members);
        let year = sheet.year;
        let mut lines = vec![self.t(Msg::OutcomesTitle).to_string()];
        for a in &plan.awards {
            lines.push(format!(
                "+ {} · {}",
                a.kind.name_vi(),
                d.school_name(a.recipient)
            ));
        }
        if let Some((s, why)) = plan.suggested {
            let reason = match why {
                Reason::NeverHead => self.t(Msg::NeverHead).to_string(),
                Reason::LastHead(y) => format!("{} {y}", self.t(Msg::LastHeadIn)),
            };
            lines.push(format!(
                "{}: {} ({reason})",
                self.t(Msg::Suggested),
                d.school_name(s)
            ));
        }
        if let Some(h) = plan.term.head {
            lines.push(format!(
                "{} {}: {}",
                self.t(Msg::Head),
                year + 1,
                d.school_name(h)
            ));
        }
        let shorts = |ids: &[SchoolId]| {
            ids.iter()
                .map(|s| d.school_short(*s))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !plan.term.deputies.is_empty() {
            lines.push(format!(
                "{} {}: {}",
                self.t(Msg::Deputies),
                year + 1,
                shorts(&plan.term.deputies)
            ));
        }
        if !plan.ties.is_empty() {
            lines.push(format!("{}: {}", self.t(Msg::TieLeft), shorts(&plan.ties)));
        }
        self.ask(lines.join("\n"), OnYes::Outcomes(Box::new(plan)));
    }
}
