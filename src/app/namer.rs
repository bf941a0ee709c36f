//! Names for messages, from the snapshot on screen.

use super::data::Data;
use crate::domain::{ClusterId, SchoolId};
use crate::i18n::errors::Namer;

impl Namer for Data {
    fn school(&self, id: SchoolId) -> String {
        self.school_short(id)
    }

    fn cluster(&self, id: ClusterId) -> String {
        self.cluster_label(id)
    }
}
