//! A backup's table of contents: the format and schema versions, what the
//! database held, and the size and SHA-256 of every other member.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One member of the zip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Its name in the zip.
    pub name: String,
    /// Its length in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
}

impl Member {
    /// The entry for a member's bytes.
    pub fn of(name: &str, bytes: &[u8]) -> Member {
        Member {
            name: name.to_string(),
            size: bytes.len() as u64,
            sha256: crate::store::verify::hex(&Sha256::digest(bytes)),
        }
    }
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `thidua-backup`.
    pub format: String,
    /// The backup format's version (1).
    pub format_version: u32,
    /// The database's schema version.
    pub schema_version: u32,
    /// The thidua that wrote it.
    pub thidua_version: String,
    /// When it was written, in seconds since 1970 (UTC).
    pub created: i64,
    /// How many records.
    pub records: u64,
    /// How many audit entries.
    pub audit_entries: u64,
    /// SHA-256 of the last audit entry's stored bytes, hex: the head
    /// `thidua audit head` prints.
    pub audit_head: String,
    /// Every other member.
    pub members: Vec<Member>,
}
