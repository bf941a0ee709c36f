//! The Academy's decision on proposals: one decision (number, date, issuer)
//! recorded on several proposed awards at once. Pure rules; the store
//! applies them inside the one transaction that writes the whole batch.

use super::{Award, AwardId, AwardStatus, Decision};

/// Who issues the decisions recorded from the Academy's year.
pub const ACADEMY: &str = "Học viện Chính trị quốc gia Hồ Chí Minh";

/// Why a batch of decisions was refused; nothing of it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecideRefusal {
    /// No award was chosen.
    NothingChosen,
    /// The decision has no number.
    NoNumber,
    /// The decision has no date.
    NoDate,
    /// The same award was chosen twice.
    Twice(AwardId),
    /// The award is already decided (or otherwise not a proposal).
    NotProposal(AwardId),
}

/// Checks the batch itself: something chosen, each award once, a number
/// and a date on the decision.
pub fn check_batch(ids: &[AwardId], decision: &Decision) -> Result<(), DecideRefusal> {
    if ids.is_empty() {
        return Err(DecideRefusal::NothingChosen);
    }
    if decision.number.trim().is_empty() {
        return Err(DecideRefusal::NoNumber);
    }
    if decision.date.is_none() {
        return Err(DecideRefusal::NoDate);
    }
    for (i, id) in ids.iter().enumerate() {
        if ids.get(..i).is_some_and(|before| before.contains(id)) {
            return Err(DecideRefusal::Twice(*id));
        }
    }
    Ok(())
}

/// The award once the decision is recorded on it: decided, with the
/// decision. Refused unless it is still a proposal.
pub fn decide(id: AwardId, award: &Award, decision: &Decision) -> Result<Award, DecideRefusal> {
    if award.status != AwardStatus::Proposed || award.decision.is_some() {
        return Err(DecideRefusal::NotProposal(id));
    }
    let mut after = award.clone();
    after.status = AwardStatus::Decided;
    after.decision = Some(decision.clone());
    Ok(after)
}
