//! Where each line of the score grid goes. The three grid sheets share one
//! layout, so the difference sheet's formulas can name the same cell on the
//! other two, and the outcomes sheet can name each school's total.

use crate::domain::ItemKind;
use crate::export::report::SheetReport;

/// The first school's column (A code, B criterion, C maximum).
pub(super) const FIRST_SCHOOL: u16 = 3;
/// The maximum's column.
pub(super) const MAX_COL: u16 = 2;

/// The column of the school at index `i` (past Excel's last column, the
/// write is refused with an error, not a panic).
pub(super) fn school_col(i: usize) -> u16 {
    u16::try_from(i).map_or(u16::MAX, |i| FIRST_SCHOOL.saturating_add(i))
}

/// A line of the grid below the column headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Line {
    /// A group's heading with its subtotal over `items` (first and last row).
    Group {
        /// Index into the report's groups.
        group: usize,
        /// The rows of its criteria, if it has any.
        items: Option<(u32, u32)>,
    },
    /// An item: index into the report's rows.
    Item(usize),
    /// The criteria's subtotal over every group and criterion row.
    CriteriaSum(Option<(u32, u32)>),
    /// The bonus counted, capped, over its item rows.
    Bonus(Option<(u32, u32)>),
    /// The penalties deducted, over their item rows.
    Penalties(Option<(u32, u32)>),
    /// criteria + bonus − penalties.
    Total,
}

/// The rows of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    /// The column headings' row; the rows above it are the title's.
    pub head: u32,
    /// Every line below the headings, with its row.
    pub lines: Vec<(u32, Line)>,
    /// The criteria subtotal's row.
    pub criteria: u32,
    /// The bonus row, whose maximum cell holds the cap.
    pub bonus: u32,
    /// The penalties row.
    pub penalties: u32,
    /// The total's row.
    pub total: u32,
    /// The first row after the total.
    pub after: u32,
}

fn span(rows: &[u32]) -> Option<(u32, u32)> {
    Some((*rows.first()?, *rows.last()?))
}

impl Layout {
    /// The layout of a report's grid.
    pub(super) fn of(r: &SheetReport) -> Layout {
        // Mark (practice data only), title, cluster line, then the headings.
        let head = u32::from(r.illustrative) + 2;
        let mut row = head;
        let mut lines = Vec::new();
        let mut next = |line: Line, lines: &mut Vec<(u32, Line)>| {
            row += 1;
            lines.push((row, line));
            row
        };
        let of_kind = |kind: ItemKind| {
            r.rows
                .iter()
                .enumerate()
                .filter(move |(_, item)| item.kind == kind)
                .map(|(i, _)| i)
        };
        let mut criteria = of_kind(ItemKind::Criterion);
        let mut criteria_rows = Vec::new();
        for (g, group) in r.groups.iter().enumerate() {
            let at = lines.len();
            criteria_rows.push(next(
                Line::Group {
                    group: g,
                    items: None,
                },
                &mut lines,
            ));
            let rows: Vec<u32> = criteria
                .by_ref()
                .take(group.len)
                .map(|i| next(Line::Item(i), &mut lines))
                .collect();
            if let Some((_, Line::Group { items, .. })) = lines.get_mut(at) {
                *items = span(&rows);
            }
            criteria_rows.extend(rows);
        }
        // Criteria no group claims (none in a valid table) still count.
        for i in criteria {
            criteria_rows.push(next(Line::Item(i), &mut lines));
        }
        let criteria = next(Line::CriteriaSum(span(&criteria_rows)), &mut lines);
        let mut block = |kind: ItemKind, make: fn(Option<(u32, u32)>) -> Line| {
            let at = lines.len();
            let own = next(make(None), &mut lines);
            let rows: Vec<u32> = of_kind(kind)
                .map(|i| next(Line::Item(i), &mut lines))
                .collect();
            if let Some((_, line)) = lines.get_mut(at) {
                *line = make(span(&rows));
            }
            own
        };
        let bonus = block(ItemKind::Bonus, Line::Bonus);
        let penalties = block(ItemKind::Penalty, Line::Penalties);
        let total = next(Line::Total, &mut lines);
        Layout {
            head,
            lines,
            criteria,
            bonus,
            penalties,
            total,
            after: total + 1,
        }
    }
}
