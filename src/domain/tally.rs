//! Counting a secret ballot against the year's voting rule. Pure; the rule
//! (share, strictness, base, quorum) is data from the criteria table.

use super::{Ballot, SchoolId, VoteBase, VoteRule};

/// Why a tally was refused. Each says what does not add up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    /// Valid and invalid ballots do not add up to the ballots issued.
    #[error("valid ({valid}) + invalid ({invalid}) ≠ issued ({issued})")]
    DoesNotAddUp {
        /// Ballots issued.
        issued: u32,
        /// Valid ballots.
        valid: u32,
        /// Invalid ballots.
        invalid: u32,
    },
    /// A candidate has more votes than there are valid ballots.
    #[error("a candidate has {votes} votes but there are only {valid} valid ballots")]
    TooManyVotes {
        /// The candidate.
        candidate: SchoolId,
        /// Their votes.
        votes: u32,
        /// Valid ballots.
        valid: u32,
    },
    /// More ballots were issued than members are present.
    #[error("{issued} ballots issued but only {present} members present")]
    MoreBallotsThanPresent {
        /// Ballots issued.
        issued: u32,
        /// Members present.
        present: u32,
    },
    /// More members present than the cluster has.
    #[error("{present} members present but the cluster has {total}")]
    MorePresentThanMembers {
        /// Members present.
        present: u32,
        /// All members.
        total: u32,
    },
    /// Too few members present for the vote to count.
    #[error("no quorum: {present} of {total} present, {needed} needed")]
    NoQuorum {
        /// Members present.
        present: u32,
        /// All members.
        total: u32,
        /// The least number present for a quorum.
        needed: u32,
    },
    /// The same candidate is listed twice.
    #[error("a candidate is listed twice")]
    DuplicateCandidate(SchoolId),
    /// The rule's share has a zero denominator.
    #[error("the voting rule's share has a zero denominator")]
    BadRule,
    /// More votes in all than the valid ballots can carry: each ballot
    /// marks at most one name per seat.
    #[error("{total} votes in all, but {valid} valid ballots for {seats} seats allow at most {}", u64::from(*valid) * u64::from(*seats))]
    TooManyVotesInAll {
        /// All the votes counted.
        total: u64,
        /// Valid ballots.
        valid: u32,
        /// Seats for the question.
        seats: u32,
    },
}

/// One candidate's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateResult {
    /// The candidate.
    pub candidate: SchoolId,
    /// Their votes.
    pub votes: u32,
    /// Whether they meet the rule.
    pub passes: bool,
}

/// The counted ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// What the share is counted against (valid ballots, present or all members).
    pub base: u32,
    /// The fewest votes that pass.
    pub needed: u32,
    /// Candidates, most votes first (ties keep the ballot's order).
    pub results: Vec<CandidateResult>,
}

/// The least whole `n` with `n/base` meeting `num/den` (strictly more, or at least).
fn needed_votes(base: u32, num: u32, den: u32, strictly_more: bool) -> u32 {
    let (base, num, den) = (u64::from(base), u64::from(num), u64::from(den));
    let product = base * num;
    let n = if strictly_more {
        product / den + 1
    } else {
        product.div_ceil(den)
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Checks a ballot for consistency and counts it under a rule.
pub fn tally(ballot: &Ballot, rule: &VoteRule) -> Result<Tally, TallyError> {
    if rule.share_den == 0 || rule.quorum_den == 0 {
        return Err(TallyError::BadRule);
    }
    if u64::from(ballot.valid) + u64::from(ballot.invalid) != u64::from(ballot.issued) {
        return Err(TallyError::DoesNotAddUp {
            issued: ballot.issued,
            valid: ballot.valid,
            invalid: ballot.invalid,
        });
    }
    if ballot.members_present > ballot.members_total {
        return Err(TallyError::MorePresentThanMembers {
            present: ballot.members_present,
            total: ballot.members_total,
        });
    }
    if ballot.issued > ballot.members_present {
        return Err(TallyError::MoreBallotsThanPresent {
            issued: ballot.issued,
            present: ballot.members_present,
        });
    }
    let quorum = needed_votes(
        ballot.members_total,
        rule.quorum_num,
        rule.quorum_den,
        false,
    );
    if ballot.members_present < quorum {
        return Err(TallyError::NoQuorum {
            present: ballot.members_present,
            total: ballot.members_total,
            needed: quorum,
        });
    }
    let mut seen = Vec::new();
    for v in &ballot.votes {
        if seen.contains(&v.candidate) {
            return Err(TallyError::DuplicateCandidate(v.candidate));
        }
        seen.push(v.candidate);
        if v.votes > ballot.valid {
            return Err(TallyError::TooManyVotes {
                candidate: v.candidate,
                votes: v.votes,
                valid: ballot.valid,
            });
        }
    }
    let base = match rule.base {
        VoteBase::ValidBallots => ballot.valid,
        VoteBase::MembersPresent => ballot.members_present,
        VoteBase::AllMembers => ballot.members_total,
    };
    let needed = needed_votes(base, rule.share_num, rule.share_den, rule.strictly_more);
    let mut results: Vec<CandidateResult> = ballot
        .votes
        .iter()
        .map(|v| CandidateResult {
            candidate: v.candidate,
            votes: v.votes,
            passes: v.votes >= needed && base > 0,
        })
        .collect();
    results.sort_by_key(|r| std::cmp::Reverse(r.votes));
    Ok(Tally {
        base,
        needed,
        results,
    })
}

/// Checks a ballot as [`tally`] does, and also that its votes fit the
/// seats of its question (`None`: no seat limit): a valid ballot carries at
/// most one vote per seat.
pub fn tally_seats(
    ballot: &Ballot,
    rule: &VoteRule,
    seats: Option<u32>,
) -> Result<Tally, TallyError> {
    let t = tally(ballot, rule)?;
    if let Some(seats) = seats {
        let total: u64 = ballot.votes.iter().map(|v| u64::from(v.votes)).sum();
        if total > u64::from(ballot.valid) * u64::from(seats) {
            return Err(TallyError::TooManyVotesInAll {
                total,
                valid: ballot.valid,
                seats,
            });
        }
    }
    Ok(t)
}

/// The candidates elected to at most `seats` places: those who pass, most
/// votes first. When the last seat is contested by equal votes, none of the
/// tied are taken and the tie is returned, so people decide, not the order.
pub fn elected(t: &Tally, seats: usize) -> (Vec<SchoolId>, Vec<SchoolId>) {
    let passing: Vec<&CandidateResult> = t.results.iter().filter(|r| r.passes).collect();
    if passing.len() <= seats {
        return (passing.iter().map(|r| r.candidate).collect(), Vec::new());
    }
    let (last_in, first_out) = (
        seats
            .checked_sub(1)
            .and_then(|i| passing.get(i))
            .map_or(u32::MAX, |r| r.votes),
        passing.get(seats).map_or(0, |r| r.votes),
    );
    if last_in > first_out {
        return (
            passing.iter().take(seats).map(|r| r.candidate).collect(),
            Vec::new(),
        );
    }
    let cut = first_out;
    let above: Vec<SchoolId> = passing
        .iter()
        .filter(|r| r.votes > cut)
        .map(|r| r.candidate)
        .collect();
    let tied: Vec<SchoolId> = passing
        .iter()
        .filter(|r| r.votes == cut)
        .map(|r| r.candidate)
        .collect();
    (above, tied)
}

/// Whether each candidate of a tally (in its order) is elected: meets the
/// rule and falls within the seats (`None`: no seat limit). A tie for the
/// last seat elects none of the tied, so no more are marked than seats.
pub fn elected_marks(t: &Tally, seats: Option<u32>) -> Vec<bool> {
    let chosen = match seats {
        Some(n) => elected(t, n as usize).0,
        None => t
            .results
            .iter()
            .filter(|r| r.passes)
            .map(|r| r.candidate)
            .collect(),
    };
    t.results
        .iter()
        .map(|r| chosen.contains(&r.candidate))
        .collect()
}
