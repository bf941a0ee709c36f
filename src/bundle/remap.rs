//! Moving a record from the ids of the database it was exported from to
//! the ids of the one it is imported into: every reference it holds (the
//! same ones `store::refs` lists) is looked up in the import's map.

use crate::domain::*;
use crate::store::Kind;
use std::collections::BTreeMap;

/// Source (kind, id) → target id.
pub type IdMap = BTreeMap<(Kind, u64), u64>;

/// A reference the map does not hold: (kind, source id).
pub type Unmapped = (Kind, u64);

fn id(map: &IdMap, kind: Kind, from: u64) -> Result<u64, Unmapped> {
    map.get(&(kind, from)).copied().ok_or((kind, from))
}

fn school(map: &IdMap, s: &mut SchoolId) -> Result<(), Unmapped> {
    s.0 = id(map, Kind::School, s.0)?;
    Ok(())
}

fn cluster(map: &IdMap, c: &mut ClusterId) -> Result<(), Unmapped> {
    c.0 = id(map, Kind::Cluster, c.0)?;
    Ok(())
}

fn meeting(map: &IdMap, m: &mut MeetingId) -> Result<(), Unmapped> {
    m.0 = id(map, Kind::Meeting, m.0)?;
    Ok(())
}

fn participant(map: &IdMap, p: &mut Participant) -> Result<(), Unmapped> {
    if let Some(person) = &mut p.person {
        person.0 = id(map, Kind::Person, person.0)?;
    }
    Ok(())
}

/// A record whose references can be moved to another database's ids.
pub trait Remap {
    /// Replaces every reference by its target id; the first one the map
    /// lacks is the error.
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped>;
}

impl Remap for Term {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        cluster(map, &mut self.cluster)?;
        for s in self
            .head
            .iter_mut()
            .chain(self.deputies.iter_mut())
            .chain(self.flag_holder.iter_mut())
        {
            school(map, s)?;
        }
        if let Some(m) = &mut self.elected_at {
            meeting(map, m)?;
        }
        Ok(())
    }
}

impl Remap for Meeting {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        if let Some(c) = &mut self.cluster {
            cluster(map, c)?;
        }
        if let Some(h) = &mut self.host {
            school(map, h)?;
        }
        for d in &mut self.proceedings.delegations {
            school(map, &mut d.school)?;
        }
        for p in self.chairs.iter_mut().chain(self.guests.iter_mut()) {
            participant(map, p)?;
        }
        for p in self.proceedings.participants_mut() {
            participant(map, p)?;
        }
        Ok(())
    }
}

impl Remap for Person {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        if let Some(s) = &mut self.school {
            school(map, s)?;
        }
        Ok(())
    }
}

impl Remap for CriteriaTable {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        if let Some(c) = &mut self.cluster {
            cluster(map, c)?;
        }
        Ok(())
    }
}

impl Remap for ScoreSheet {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        cluster(map, &mut self.cluster)?;
        self.table.0 = id(map, Kind::Table, self.table.0)?;
        for s in &mut self.schools {
            school(map, s)?;
        }
        for c in &mut self.cells {
            school(map, &mut c.school)?;
        }
        Ok(())
    }
}

impl Remap for Ballot {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        cluster(map, &mut self.cluster)?;
        if let Some(m) = &mut self.meeting {
            meeting(map, m)?;
        }
        for v in &mut self.votes {
            school(map, &mut v.candidate)?;
        }
        Ok(())
    }
}

impl Remap for Award {
    fn remap(&mut self, map: &IdMap) -> Result<(), Unmapped> {
        school(map, &mut self.recipient)?;
        if let Some(c) = &mut self.cluster {
            cluster(map, c)?;
        }
        if let Some(m) = &mut self.proposed_at {
            meeting(map, m)?;
        }
        Ok(())
    }
}
