//! Reading the audit log from a point on, for whoever follows it as it grows
//! (a check after each batch of changes) without decoding it all again.

use super::{AUDIT_POS, AuditEntry, Store, StoreError, codec, error::hex};

impl Store {
    /// The audit entries after sequence number `seq`, oldest first.
    pub fn audit_since(&self, seq: u64) -> Result<Vec<AuditEntry>, StoreError> {
        let from = codec::id_key(seq.saturating_add(1));
        let mut out = Vec::new();
        for item in self.tree(AUDIT_POS)?.range(from..) {
            let (k, v) = item?;
            out.push(codec::decode(&v).map_err(|e| StoreError::Corrupt {
                tree: "audit".into(),
                key: hex(&k),
                reason: e.to_string(),
            })?);
        }
        Ok(out)
    }
}
