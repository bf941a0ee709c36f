//! The criteria-table form: the table's rows (groups, criteria, bonus and
//! penalty items), one field each, typed `code; name; maximum; step`, then
//! the rules. A row's kind is its label; rows are added, deleted, moved and
//! re-kinded by named actions. Read back, the table is checked by the same
//! rules as a CSV import ([`criteria_rules::validate`]) and each problem is
//! put beside the row or rule it concerns; the store checks it again inside
//! the write.

use super::{Field, FieldKind, Form, options, with_choice};
use crate::app::data::Data;
use crate::domain::criteria_rules::{self, TableProblem};
use crate::domain::*;
use crate::i18n::{Lang, Msg, criteria::table_problem, tr, trf};
use crate::text::clean_line;

/// What a row of the table form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A group heading: `code; name`.
    Group,
    /// A criterion of the group above it.
    Criterion,
    /// A bonus item.
    Bonus,
    /// A penalty item.
    Penalty,
}

impl RowKind {
    /// The row's label.
    pub fn label(self) -> Msg {
        match self {
            RowKind::Group => Msg::RowGroup,
            RowKind::Criterion => Msg::RowCriterion,
            RowKind::Bonus => Msg::RowBonus,
            RowKind::Penalty => Msg::RowPenalty,
        }
    }

    /// The kind after this one (Ctrl-T).
    fn next(self) -> RowKind {
        match self {
            RowKind::Group => RowKind::Criterion,
            RowKind::Criterion => RowKind::Bonus,
            RowKind::Bonus => RowKind::Penalty,
            RowKind::Penalty => RowKind::Group,
        }
    }
}

fn row(kind: RowKind, text: &str) -> Field {
    Field::new("row", kind.label(), FieldKind::Row(kind), text)
}

fn item_text(c: &Criterion) -> String {
    format!("{}; {}; {}; {}", c.code, c.name, c.max, c.step)
}

/// The words of the tie-breaks as the form shows them; the CSV file's
/// words (`group:`, `more_bonus`, …) are read too.
const TIE_WORDS: [(&str, &str); 3] = [
    ("thưởng nhiều hơn", "more_bonus"),
    ("trừ ít hơn", "fewer_penalties"),
    ("tự chấm cao hơn", "self_total"),
];

/// The awards' words in the quota field, with the CSV file's.
const AWARD_WORDS: [(&str, &str); 3] = [
    ("cờ thi đua", "flag"),
    ("bằng khen", "certificate"),
    ("tập thể xuất sắc", "excellent"),
];

fn tie_text(t: &TieBreak) -> String {
    let word = |i: usize| TIE_WORDS.get(i).map_or("", |w| w.0).to_string();
    match t {
        TieBreak::GroupScore(g) => format!("nhóm:{g}"),
        TieBreak::CriterionScore(c) => format!("tiêu chí:{c}"),
        TieBreak::MoreBonus => word(0),
        TieBreak::FewerPenalties => word(1),
        TieBreak::SelfTotal => word(2),
    }
}

fn quota_text(q: &AwardQuota) -> String {
    let word = |i: usize| AWARD_WORDS.get(i).map_or("", |w| w.0);
    let kind = match &q.kind {
        AwardKind::AcademyFlag => word(0),
        AwardKind::AcademyCertificate => word(1),
        AwardKind::ExcellentCollective => word(2),
        AwardKind::Other(name) => name,
    };
    format!("{kind}={}", q.max)
}

/// A tie-break as typed, in the form's words or the CSV file's.
fn tie_step(w: &str) -> Option<TieBreak> {
    if let Some((k, code)) = w.split_once(':') {
        let code = clean_line(code);
        return match clean_line(k).as_str() {
            "nhóm" | "group" => Some(TieBreak::GroupScore(code)),
            "tiêu chí" | "criterion" => Some(TieBreak::CriterionScore(code)),
            _ => None,
        };
    }
    let i = TIE_WORDS
        .iter()
        .position(|(vi, csv)| w == *vi || w == *csv)?;
    [
        TieBreak::MoreBonus,
        TieBreak::FewerPenalties,
        TieBreak::SelfTotal,
    ]
    .get(i)
    .cloned()
}

/// An award as typed in the quota field.
fn award(k: &str) -> Option<AwardKind> {
    let k = clean_line(k);
    if k.is_empty() {
        return None;
    }
    let known = AWARD_WORDS
        .iter()
        .position(|(vi, csv)| k.to_lowercase() == *vi || k == *csv);
    Some(match known {
        Some(0) => AwardKind::AcademyFlag,
        Some(1) => AwardKind::AcademyCertificate,
        Some(_) => AwardKind::ExcellentCollective,
        None => AwardKind::Other(k),
    })
}

/// The rows of a table, in the form's order: each group with its
/// criteria, then bonus, then penalty items.
fn rows(t: &CriteriaTable) -> Vec<Field> {
    let mut out = Vec::new();
    for g in &t.groups {
        out.push(row(RowKind::Group, &format!("{}; {}", g.code, g.name)));
        out.extend(
            g.criteria
                .iter()
                .map(|c| row(RowKind::Criterion, &item_text(c))),
        );
    }
    out.extend(t.bonus.iter().map(|c| row(RowKind::Bonus, &item_text(c))));
    out.extend(
        t.penalties
            .iter()
            .map(|c| row(RowKind::Penalty, &item_text(c))),
    );
    out
}

/// The fields of the table form, filled from a table when there is one.
pub(super) fn fields(
    t: Option<&CriteriaTable>,
    cluster: Option<ClusterId>,
    year: Option<u16>,
) -> Vec<Field> {
    let mut out = vec![
        super::cluster_field(cluster),
        Field::new("year", Msg::FieldYear, FieldKind::Year, &super::opt(year)).required(),
    ];
    out.extend(table_fields(t));
    out.push(Field::new(
        "reason",
        Msg::FieldAmendReason,
        FieldKind::Text,
        "",
    ));
    out
}

/// The fields a table fills: title, rows, rules.
fn table_fields(t: Option<&CriteriaTable>) -> Vec<Field> {
    let rule = t.map(|t| t.vote_rule.clone()).unwrap_or_default();
    let mut out = vec![Field::new(
        "title",
        Msg::FieldTableTitle,
        FieldKind::Text,
        t.map_or("", |t| &t.title),
    )];
    match t {
        Some(t) => out.extend(rows(t)),
        None => {
            out.push(row(RowKind::Group, ""));
            out.push(row(RowKind::Criterion, ""));
        }
    }
    let share = format!("{}/{}", rule.share_num, rule.share_den);
    let quorum = format!("{}/{}", rule.quorum_num, rule.quorum_den);
    let base = match rule.base {
        VoteBase::ValidBallots => 0,
        VoteBase::MembersPresent => 1,
        VoteBase::AllMembers => 2,
    };
    let tie: Vec<String> = t.map_or_else(Vec::new, |t| t.tie_break.iter().map(tie_text).collect());
    let quotas: Vec<String> = t.map_or_else(Vec::new, |t| {
        t.award_quotas.iter().map(quota_text).collect()
    });
    out.extend([
        Field::new(
            "bonus_cap",
            Msg::FieldBonusCap,
            FieldKind::Text,
            &t.map_or_else(|| "0".to_string(), |t| t.bonus_cap.to_string()),
        ),
        Field::new(
            "tie_break",
            Msg::FieldTieBreak,
            FieldKind::TextList,
            &tie.join("; "),
        ),
        Field::new("share", Msg::FieldShare, FieldKind::Text, &share),
        with_choice(
            Field::new(
                "strict",
                Msg::FieldStrict,
                FieldKind::Choice(options(&[
                    ("trên tỷ lệ", "more than the share"),
                    ("từ tỷ lệ trở lên", "at least the share"),
                ])),
                "",
            ),
            usize::from(!rule.strictly_more),
        ),
        with_choice(
            Field::new(
                "base",
                Msg::FieldVoteBase,
                FieldKind::Choice(options(&[
                    ("phiếu hợp lệ", "valid ballots"),
                    ("thành viên có mặt", "members present"),
                    ("tất cả thành viên", "all members"),
                ])),
                "",
            ),
            base,
        ),
        Field::new("quorum", Msg::FieldQuorum, FieldKind::Text, &quorum),
        Field::new(
            "quotas",
            Msg::FieldQuotas,
            FieldKind::TextList,
            &quotas.join("; "),
        ),
        Field::new(
            "legal_basis",
            Msg::FieldLegalBasis,
            FieldKind::Text,
            t.map_or("", |t| &t.legal_basis),
        )
        .note(),
        with_choice(
            Field::new(
                "self_optional",
                Msg::FieldSelfOptional,
                FieldKind::Check,
                "",
            ),
            usize::from(t.is_some_and(|t| t.self_scores_optional)),
        ),
    ]);
    out
}

/// Replaces what the form says of the table (title, rows, rules) with
/// another table's, keeping the cluster, year and reason typed.
pub fn fill_from(form: &mut Form, t: &CriteriaTable) {
    let keep = |key: &str| form.fields.iter().find(|f| f.key == key).cloned();
    let (cluster, year, reason) = (keep("cluster"), keep("year"), keep("reason"));
    let mut fields: Vec<Field> = cluster.into_iter().chain(year).collect();
    fields.extend(table_fields(Some(t)));
    fields.extend(reason);
    form.fields = fields;
    form.focus = form.focus.min(form.fields.len().saturating_sub(1));
    form.dirty = true;
}

/// Where each part of the table read back came from: field indexes, in
/// the table's own order, so a rule broken is shown beside its field.
#[derive(Default)]
struct Layout {
    groups: Vec<usize>,
    criteria: Vec<usize>,
    bonus: Vec<usize>,
    penalties: Vec<usize>,
}

impl Layout {
    fn field_of(&self, form: &Form, p: &TableProblem) -> Option<usize> {
        use TableProblem as P;
        let key = |k: &str| form.fields.iter().position(|f| f.key == k);
        match p {
            P::Year(_) => key("year"),
            P::NoCriteria => None,
            P::EmptyGroupCode { group } | P::DuplicateGroup { group, .. } => {
                self.groups.get(*group).copied()
            }
            P::EmptyCode { kind, index }
            | P::DuplicateCode { kind, index, .. }
            | P::NegativeMax { kind, index, .. }
            | P::NegativeStep { kind, index, .. }
            | P::MaxOffStep { kind, index, .. } => match kind {
                ItemKind::Criterion => &self.criteria,
                ItemKind::Bonus => &self.bonus,
                ItemKind::Penalty => &self.penalties,
            }
            .get(*index)
            .copied(),
            P::NegativeBonusCap(_) => key("bonus_cap"),
            P::Share { .. } | P::ShareUnreachable => key("share"),
            P::Quorum { .. } => key("quorum"),
            P::UnknownGroup { .. } | P::UnknownCriterion { .. } => key("tie_break"),
            P::DuplicateQuota { .. } => key("quotas"),
        }
    }
}

/// A share or quorum written `a/b` with `b` > 0.
fn fraction(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.trim().split_once('/')?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (b > 0).then_some((a, b))
}

/// The `;`-separated parts of a row, cleaned.
fn parts(text: &str) -> Vec<String> {
    text.split(';').map(clean_line).collect()
}

/// Reads the table back from the fields. Every problem, the fields' own
/// and the rules' (those of a CSV import), is put beside its field; then
/// `None`, with the typing kept.
pub(super) fn build(
    form: &mut Form,
    old: Option<&CriteriaTable>,
    data: &Data,
    lang: Lang,
) -> Option<(CriteriaTable, String)> {
    let mut errors: Vec<(usize, String)> = Vec::new();
    let mut layout = Layout::default();
    let mut groups: Vec<CriteriaGroup> = Vec::new();
    let (mut bonus, mut penalties) = (Vec::new(), Vec::new());
    let text = |k: &str| form.field(k).map(Field::text).unwrap_or_default();
    let at = |k: &str| form.fields.iter().position(|f| f.key == k).unwrap_or(0);
    for (i, f) in form.fields.iter().enumerate() {
        let FieldKind::Row(kind) = f.kind else {
            continue;
        };
        if f.text().is_empty() {
            continue;
        }
        let p = parts(f.input.text());
        if kind == RowKind::Group {
            if p.len() > 2 {
                errors.push((i, tr(lang, Msg::ErrGroupRow).to_string()));
                continue;
            }
            layout.groups.push(i);
            groups.push(CriteriaGroup {
                code: p.first().cloned().unwrap_or_default(),
                name: p.get(1).cloned().unwrap_or_default(),
                criteria: Vec::new(),
            });
            continue;
        }
        let [code, name, max, step] = p.as_slice() else {
            errors.push((i, tr(lang, Msg::ErrItemRow).to_string()));
            continue;
        };
        let (Ok(max), Ok(step)) = (Points::parse(max), Points::parse(step)) else {
            errors.push((i, tr(lang, Msg::ErrNotPoints).to_string()));
            continue;
        };
        let item = Criterion {
            code: code.clone(),
            name: name.clone(),
            max,
            step,
        };
        match kind {
            RowKind::Criterion => match groups.last_mut() {
                Some(g) => {
                    g.criteria.push(item);
                    layout.criteria.push(i);
                }
                None => errors.push((i, tr(lang, Msg::ErrRowNoGroup).to_string())),
            },
            RowKind::Bonus => {
                bonus.push(item);
                layout.bonus.push(i);
            }
            _ => {
                penalties.push(item);
                layout.penalties.push(i);
            }
        }
    }
    let cap = text("bonus_cap");
    let bonus_cap = if cap.is_empty() {
        Points(0)
    } else {
        Points::parse(&cap).unwrap_or_else(|_| {
            errors.push((at("bonus_cap"), tr(lang, Msg::ErrNotPoints).to_string()));
            Points(0)
        })
    };
    let mut tie_break = Vec::new();
    for w in form.field("tie_break").map(Field::list).unwrap_or_default() {
        match tie_step(&w) {
            Some(step) => tie_break.push(step),
            None => errors.push((at("tie_break"), trf(lang, Msg::ErrTieBreakWord, &[&w]))),
        }
    }
    let mut fractions = [(1, 2), (2, 3)];
    for (slot, key) in fractions.iter_mut().zip(["share", "quorum"]) {
        match fraction(&text(key)) {
            Some(f) => *slot = f,
            None => errors.push((at(key), tr(lang, Msg::ErrFraction).to_string())),
        }
    }
    let [(share_num, share_den), (quorum_num, quorum_den)] = fractions;
    let mut award_quotas = Vec::new();
    for q in form.field("quotas").map(Field::list).unwrap_or_default() {
        let read = q.split_once('=').and_then(|(k, n)| {
            Some(AwardQuota {
                kind: award(k)?,
                max: n.trim().parse().ok()?,
            })
        });
        match read {
            Some(q) => award_quotas.push(q),
            None => errors.push((at("quotas"), tr(lang, Msg::ErrQuotaForm).to_string())),
        }
    }
    let cluster = form.field("cluster").and_then(Field::one).map(ClusterId);
    let year = form.field("year").and_then(Field::year).unwrap_or(0);
    let title = text("title");
    let choice = |k: &str| form.field(k).map_or(0, |f| f.choice);
    let table = CriteriaTable {
        year,
        cluster,
        title: if title.is_empty() {
            format!("Bảng tiêu chí thi đua năm {year}")
        } else {
            title
        },
        groups,
        bonus,
        bonus_cap,
        penalties,
        tie_break,
        vote_rule: VoteRule {
            share_num,
            share_den,
            strictly_more: choice("strict") == 0,
            base: match choice("base") {
                1 => VoteBase::MembersPresent,
                2 => VoteBase::AllMembers,
                _ => VoteBase::ValidBallots,
            },
            quorum_num,
            quorum_den,
        },
        award_quotas,
        legal_basis: form
            .field("legal_basis")
            .map(|f| crate::text::clean_block(f.input.text()))
            .unwrap_or_default(),
        // A practice cluster's tables are practice data too.
        illustrative: old.map_or_else(
            || cluster.is_some_and(|c| data.clusters.get(&c).is_some_and(|c| c.illustrative)),
            |o| o.illustrative,
        ),
        sources: old.map(|o| o.sources.clone()).unwrap_or_default(),
        self_scores_optional: choice("self_optional") == 1,
    };
    let reason = text("reason");
    let mut whole = Vec::new();
    if errors.is_empty()
        && let Err(problems) = criteria_rules::validate(&table)
    {
        for p in &problems {
            match layout.field_of(form, p) {
                Some(i) => errors.push((i, table_problem(lang, p))),
                None => whole.push(table_problem(lang, p)),
            }
        }
    }
    if errors.is_empty() && whole.is_empty() {
        return Some((table, reason));
    }
    for (i, e) in errors {
        if let Some(f) = form.fields.get_mut(i) {
            f.error = Some(match f.error.take() {
                Some(before) => format!("{before}; {e}"),
                None => e,
            });
        }
    }
    whole.insert(0, tr(lang, Msg::ErrFixFields).to_string());
    form.message = Some(whole.join(" · "));
    None
}

/// Puts the problems the store found beside their fields (the table read
/// back then is the one the fields give, so the layout is the same).
pub fn mark_problems(form: &mut Form, problems: &[TableProblem], data: &Data, lang: Lang) {
    // Reading back again rebuilds the layout and marks every field; the
    // store's rules are the same as the form's, so this finds them.
    let _ = build(form, None, data, lang);
    if form.fields.iter().all(|f| f.error.is_none()) {
        form.message = Some(
            problems
                .iter()
                .map(|p| table_problem(lang, p))
                .collect::<Vec<_>>()
                .join("; "),
        );
    }
}

impl Form {
    /// Whether the focused field is a row of a table.
    fn row_kind(&self) -> Option<RowKind> {
        match self.current()?.kind {
            FieldKind::Row(k) => Some(k),
            _ => None,
        }
    }

    /// Adds an empty row after the focused one, of its kind (after the
    /// last row, a criterion, when the focus is not on a row).
    pub fn add_row(&mut self) {
        let (at, kind) = match self.row_kind() {
            Some(k) => (
                self.focus + 1,
                if k == RowKind::Group {
                    RowKind::Criterion
                } else {
                    k
                },
            ),
            None => {
                let last = self
                    .fields
                    .iter()
                    .rposition(|f| matches!(f.kind, FieldKind::Row(_)));
                match last {
                    Some(i) => (i + 1, RowKind::Criterion),
                    None => return,
                }
            }
        };
        self.fields.insert(at, row(kind, ""));
        self.focus = at;
        self.dirty = true;
    }

    /// Deletes the focused row, keeping at least one.
    pub fn delete_row(&mut self) {
        let rows = self
            .fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Row(_)))
            .count();
        if self.row_kind().is_some() && rows > 1 {
            self.fields.remove(self.focus);
            self.focus = self.focus.min(self.fields.len().saturating_sub(1));
            self.dirty = true;
        }
    }

    /// Moves the focused row up (`up`) or down past its neighbouring row.
    pub fn move_row(&mut self, up: bool) {
        if self.row_kind().is_none() {
            return;
        }
        let other = if up {
            self.focus.checked_sub(1)
        } else {
            Some(self.focus + 1)
        };
        let Some(other) = other else { return };
        if self
            .fields
            .get(other)
            .is_some_and(|f| matches!(f.kind, FieldKind::Row(_)))
        {
            self.fields.swap(self.focus, other);
            self.focus = other;
            self.dirty = true;
        }
    }

    /// Turns the focused row into the next kind (group, criterion, bonus,
    /// penalty).
    pub fn cycle_row(&mut self) {
        if let Some(f) = self.current_mut()
            && let FieldKind::Row(k) = f.kind
        {
            let k = k.next();
            f.kind = FieldKind::Row(k);
            f.label = k.label();
            f.error = None;
            self.dirty = true;
        }
    }
}

/// The table "copy from last year" offers for a cluster and year: the
/// latest earlier table of the cluster or the Academy (a cluster's own
/// first), else the latest earlier table of any cluster.
pub fn copy_source(data: &Data, cluster: Option<ClusterId>, year: u16) -> Option<&CriteriaTable> {
    let earlier = data.tables.values().filter(|t| t.year < year);
    earlier
        .clone()
        .filter(|t| t.cluster.is_none() || t.cluster == cluster)
        .max_by_key(|t| (t.year, t.cluster.is_some(), t.title.clone()))
        .or_else(|| earlier.max_by_key(|t| (t.year, t.cluster.map(|c| c.0), t.title.clone())))
}
