//! The year's rulebook: the criteria table with maxima and steps, bonus and
//! penalty items, the tie-break order, the voting rule and the award quotas.
//! All of it changes between years and clusters, so all of it is data.

use super::{AwardKind, ClusterId, Points, Source};
use serde::{Deserialize, Serialize};

/// One scored item: a criterion, a bonus item or a penalty item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// A code unique within the table, e.g. `1.2`; cells refer to it.
    pub code: String,
    /// What is scored.
    pub name: String,
    /// The maximum (for a penalty, the largest deduction).
    pub max: Points,
    /// Scores must be a multiple of this (e.g. 0,5); zero allows any value.
    pub step: Points,
}

/// A group of criteria, e.g. `I. Công tác đào tạo, bồi dưỡng`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaGroup {
    /// A code unique within the table, e.g. `I`.
    pub code: String,
    /// The group's title.
    pub name: String,
    /// Its criteria.
    pub criteria: Vec<Criterion>,
}

/// One step of the tie-break order, applied after the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieBreak {
    /// Higher cluster score in the group with this code.
    GroupScore(String),
    /// Higher cluster score on the criterion with this code.
    CriterionScore(String),
    /// Higher bonus (after its cap).
    MoreBonus,
    /// Fewer penalty points.
    FewerPenalties,
    /// Higher self-score total.
    SelfTotal,
}

/// What a vote share is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteBase {
    /// The valid ballots cast.
    ValidBallots,
    /// The members present at the conference.
    MembersPresent,
    /// All members of the cluster.
    AllMembers,
}

/// The rule a candidate must meet to pass a ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRule {
    /// Share numerator, e.g. 1 for "1/2".
    pub share_num: u32,
    /// Share denominator, e.g. 2 for "1/2".
    pub share_den: u32,
    /// `true`: more than the share; `false`: at least the share.
    pub strictly_more: bool,
    /// What the share is of.
    pub base: VoteBase,
    /// Quorum as numerator/denominator of all members present (0/1 for none).
    pub quorum_num: u32,
    /// Quorum denominator.
    pub quorum_den: u32,
}

impl Default for VoteRule {
    /// More than half of the valid ballots, quorum two thirds: a common rule,
    /// and only a starting point for the year's own.
    fn default() -> VoteRule {
        VoteRule {
            share_num: 1,
            share_den: 2,
            strictly_more: true,
            base: VoteBase::ValidBallots,
            quorum_num: 2,
            quorum_den: 3,
        }
    }
}

/// How many of an award kind a cluster may propose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardQuota {
    /// The award.
    pub kind: AwardKind,
    /// The most that may be proposed.
    pub max: u32,
}

/// A criteria table for one year, optionally for one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaTable {
    /// The year it applies to.
    pub year: u16,
    /// The cluster, or `None` for the Academy-wide table.
    pub cluster: Option<ClusterId>,
    /// Title, e.g. `Bảng tiêu chí thi đua năm 2024`.
    pub title: String,
    /// Groups of criteria.
    pub groups: Vec<CriteriaGroup>,
    /// Bonus items (điểm thưởng).
    pub bonus: Vec<Criterion>,
    /// The most bonus that counts towards the total.
    pub bonus_cap: Points,
    /// Penalty items (điểm trừ).
    pub penalties: Vec<Criterion>,
    /// Tie-break order after the total.
    pub tie_break: Vec<TieBreak>,
    /// The ballot rule.
    pub vote_rule: VoteRule,
    /// Award quotas.
    pub award_quotas: Vec<AwardQuota>,
    /// The legal basis printed on documents.
    pub legal_basis: String,
    /// Practice data, not history.
    pub illustrative: bool,
    /// Where the table comes from.
    pub sources: Vec<Source>,
    /// Whether a school's self-scores may stay empty when the sheet is
    /// locked (the cluster's scores never may). Added in schema 2, last so
    /// older tables migrate by appending it.
    pub self_scores_optional: bool,
}

/// Which part of the table a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A criterion in a group.
    Criterion,
    /// A bonus item.
    Bonus,
    /// A penalty item.
    Penalty,
}

impl CriteriaTable {
    /// Every criterion in group order.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.groups.iter().flat_map(|g| g.criteria.iter())
    }

    /// Every scored item with its kind: criteria, then bonus, then penalties.
    pub fn items(&self) -> impl Iterator<Item = (ItemKind, &Criterion)> {
        self.criteria()
            .map(|c| (ItemKind::Criterion, c))
            .chain(self.bonus.iter().map(|c| (ItemKind::Bonus, c)))
            .chain(self.penalties.iter().map(|c| (ItemKind::Penalty, c)))
    }

    /// The item with a code.
    pub fn item(&self, code: &str) -> Option<(ItemKind, &Criterion)> {
        self.items().find(|(_, c)| c.code == code)
    }

    /// The highest total a school can reach: every criterion at its maximum
    /// plus the bonus cap.
    pub fn max_total(&self) -> Points {
        self.criteria().map(|c| c.max).sum::<Points>() + self.bonus_cap
    }
}
