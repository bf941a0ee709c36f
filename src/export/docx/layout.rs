//! The parts every document shares, laid out after Nghị định 30/2020/NĐ-CP
//! (Phụ lục I) and, for the Party heading, Hướng dẫn 36-HD/VPTW: the
//! two-column heading, the title, body lines, signatures and "Nơi nhận".

use super::facts::{DOTS, Facts, GAP};
use super::package::TEXT_W;
use super::xml::{Align, Cell, Para, Rule, Run, Table};
use crate::domain::{Date, HeadingStyle, Paper};
use crate::i18n::Msg;

/// The heading's left column: a third of the text width and a little more.
const LEFT_W: u32 = 3686;

/// A document being written: its body XML and its facts.
pub struct Sheet<'f, 'a> {
    /// The facts it prints.
    pub facts: &'f Facts<'a>,
    /// The body so far.
    pub out: String,
}

/// A paper's kind, for the blank number: its symbol after Nghị định 30
/// (Phụ lục III): BB for minutes, TTr for a proposal.
#[derive(Debug, Clone, Copy)]
pub enum Symbol {
    /// Biên bản.
    Minutes,
    /// Tờ trình.
    Proposal,
}

impl<'f, 'a> Sheet<'f, 'a> {
    /// An empty document over facts.
    pub fn new(facts: &'f Facts<'a>) -> Sheet<'f, 'a> {
        Sheet {
            facts,
            out: String::new(),
        }
    }

    /// The heading style the cluster chose.
    fn style(&self) -> HeadingStyle {
        self.facts.cluster.heading
    }

    /// A paragraph.
    pub fn p(&mut self, para: Para, runs: &[Run]) {
        para.write(&mut self.out, runs);
    }

    /// A table.
    pub fn table(&mut self, t: &Table) {
        t.write(&mut self.out);
    }

    /// The two-column heading: issuer and number on the left, the Party's
    /// or the State's heading on the right, with the place and date under
    /// it when `dated` (a tờ trình is dated there; a biên bản in its text).
    pub fn heading(
        &mut self,
        paper: &Paper,
        number: &str,
        symbol: Symbol,
        dated: Option<Option<Date>>,
        page_break: bool,
    ) {
        let f = self.facts;
        let line = |text: String| Run::new(text).pt(13);
        let upper = |s: &str| {
            if s.trim().is_empty() {
                DOTS.to_string()
            } else {
                s.to_uppercase()
            }
        };
        let mut left = vec![
            (Para::center(), vec![line(upper(&paper.parent))]),
            (Para::center(), vec![line(upper(&paper.issuer)).b()]),
        ];
        let sym = match symbol {
            Symbol::Minutes => "BB",
            Symbol::Proposal => "TTr",
        };
        let number = match (self.style(), number.trim().is_empty()) {
            (HeadingStyle::Party, true) => {
                f.f(Msg::PpNumberParty, &[&format!("{GAP}-{sym}/{GAP}")])
            }
            (HeadingStyle::Party, false) => f.f(Msg::PpNumberParty, &[&number.trim()]),
            (HeadingStyle::State, true) => {
                f.f(Msg::PpNumberState, &[&format!("{GAP}/{sym}-{GAP}")])
            }
            (HeadingStyle::State, false) => f.f(Msg::PpNumberState, &[&number.trim()]),
        };
        match self.style() {
            // A Party body's name is followed by a star, a State body's by
            // a short rule (a third of the column, centred).
            HeadingStyle::Party => left.push((Para::center(), vec![line("*".into())])),
            HeadingStyle::State => left.push((
                Para {
                    rule: Some(Rule::Solid),
                    left: LEFT_W / 3,
                    right: LEFT_W / 3,
                    size: Some(8),
                    after: 120,
                    ..Para::center()
                },
                vec![],
            )),
        }
        left.push((Para::center(), vec![line(number)]));
        let mut right = match self.style() {
            HeadingStyle::Party => vec![(
                Para::center().after_pt(6),
                vec![Run::new(f.t(Msg::PpPartyHeading)).b().u().pt(15)],
            )],
            HeadingStyle::State => vec![
                (
                    Para::center(),
                    vec![Run::new(f.t(Msg::PpStateHeading)).b().pt(12)],
                ),
                (
                    Para::center().after_pt(6),
                    vec![Run::new(f.t(Msg::PpStateMotto)).b().u().pt(13)],
                ),
            ],
        };
        if let Some(date) = dated {
            let text = match date {
                Some(d) => f.f(
                    Msg::PpPlaceDate,
                    &[
                        &f.place(),
                        &format!("{:02}", d.day),
                        &format!("{:02}", d.month),
                        &d.year,
                    ],
                ),
                None => f.f(Msg::PpPlaceDate, &[&f.place(), &GAP, &GAP, &GAP]),
            };
            right.push((Para::center(), vec![Run::new(text).i()]));
        }
        let cell = |paras| Cell {
            paras,
            span: 1,
            middle: false,
        };
        let t = Table {
            widths: vec![LEFT_W, TEXT_W - LEFT_W],
            rows: vec![vec![cell(left), cell(right)]],
            borders: false,
            header_rows: 0,
            keep_rows: true,
        };
        if page_break {
            self.p(
                Para {
                    page_break: true,
                    size: Some(2),
                    ..Para::default()
                },
                &[],
            );
        }
        self.table(&t);
    }

    /// The title: the document's kind in capitals, its subject, a short rule.
    pub fn title(&mut self, kind: &str, subject: &str) {
        self.p(Para::center().before_pt(12).keep(), &[Run::new(kind).b()]);
        self.p(Para::center().keep(), &[Run::new(subject).b()]);
        self.p(
            Para {
                rule: Some(Rule::Solid),
                left: TEXT_W * 2 / 5,
                right: TEXT_W * 2 / 5,
                size: Some(8),
                after: 240,
                ..Para::center()
            },
            &[],
        );
    }

    /// A body paragraph: justified, first line indented.
    pub fn body(&mut self, text: &str) {
        self.p(Para::body(), &[Run::new(text)]);
    }

    /// A fact line: the label in bold, then its value (dotted when empty).
    pub fn fact(&mut self, label: &str, value: &str) {
        let value = if value.trim().is_empty() { DOTS } else { value };
        self.p(
            Para::body(),
            &[Run::new(format!("{label}: ")).b(), Run::new(value)],
        );
    }

    /// A numbered section's heading, kept with what follows.
    pub fn section(&mut self, n: usize, text: &str) {
        self.p(
            Para::body().keep().before_pt(6),
            &[Run::new(format!("{n}. {text}")).b()],
        );
    }

    /// Next year's head and deputies as two items, dotted until elected.
    pub fn next_leaders(&mut self, r: &crate::export::report::SheetReport) {
        let f = self.facts;
        let head = r
            .next_head
            .clone()
            .unwrap_or_else(|| super::facts::DOTS.to_string());
        self.item(&format!("{}: {head}", f.t(crate::i18n::Msg::PpHead)));
        let deputies = if r.next_deputies.is_empty() {
            super::facts::DOTS.to_string()
        } else {
            r.next_deputies.join("; ")
        };
        self.item(&format!("{}: {deputies}", f.t(crate::i18n::Msg::PpDeputy)));
    }

    /// An item under a fact or section: indented, with a dash.
    pub fn item(&mut self, text: &str) {
        self.p(Para::body(), &[Run::new(format!("- {text}"))]);
    }

    /// A signature block: its titles in bold capitals, the hint, room to
    /// sign, and the names (dotted when none is recorded, to sign over).
    pub fn sign_cell(&self, titles: &[&str], names: Vec<String>) -> Cell {
        let mut paras: Vec<(Para, Vec<Run>)> = titles
            .iter()
            .map(|t| (Para::center(), vec![Run::new(*t).b()]))
            .collect();
        paras.push((
            Para::center(),
            vec![Run::new(self.facts.t(Msg::PpSignHint)).i().pt(13)],
        ));
        for _ in 0..3 {
            paras.push((Para::center(), vec![]));
        }
        let names = if names.is_empty() {
            vec![DOTS.to_string()]
        } else {
            names
        };
        for n in names {
            paras.push((Para::center(), vec![Run::new(n).b()]));
        }
        Cell {
            paras,
            span: 1,
            middle: false,
        }
    }

    /// Two blocks side by side at the foot of a document, kept together.
    pub fn side_by_side(&mut self, left: Cell, right: Cell) {
        self.p(Para::default().after_pt(12).keep(), &[]);
        self.table(&Table {
            widths: vec![TEXT_W / 2, TEXT_W - TEXT_W / 2],
            rows: vec![vec![left, right]],
            borders: false,
            header_rows: 0,
            keep_rows: true,
        });
    }

    /// Two signature blocks side by side: (title, names) left and right.
    pub fn signatures(&mut self, left: (&str, Vec<String>), right: (&str, Vec<String>)) {
        let (l, r) = (
            self.sign_cell(&[left.0], left.1),
            self.sign_cell(&[right.0], right.1),
        );
        self.side_by_side(l, r);
    }

    /// "Nơi nhận:" with its list: 12 pt bold italic over 11 pt lines.
    pub fn recipient_paras(&self) -> Vec<(Para, Vec<Run>)> {
        let f = self.facts;
        let mut out = vec![(
            Para::default().keep(),
            vec![Run::new(f.t(Msg::PpRecipients)).b().i().pt(12)],
        )];
        for l in [Msg::PpToAcademy, Msg::PpToMembers, Msg::PpFiled] {
            out.push((
                Para::default().keep(),
                vec![Run::new(format!("- {}", f.t(l))).pt(11)],
            ));
        }
        out
    }

    /// The recipients under the signatures.
    pub fn recipients(&mut self) {
        self.p(Para::default().before_pt(12).keep(), &[]);
        for (p, runs) in self.recipient_paras() {
            self.p(p, &runs);
        }
    }
}

/// A cell of one line in a table: small print, aligned, bold if asked.
/// A table's heading row: each label centred and bold.
pub fn head_cells(f: &Facts<'_>, labels: &[Msg]) -> Vec<Cell> {
    labels
        .iter()
        .map(|m| cell(Align::Center, f.t(*m), true))
        .collect()
}

pub fn cell(align: Align, text: impl Into<String>, bold: bool) -> Cell {
    let mut run = Run::new(text).pt(12);
    run.bold = bold;
    let mut c = Cell::one(
        Para {
            align,
            before: 40,
            after: 40,
            ..Para::default()
        },
        vec![run],
    );
    c.middle = true;
    c
}
