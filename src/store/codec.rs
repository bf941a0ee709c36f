//! The one place that knows the on-disk encoding of values.
//!
//! A stored value is an envelope:
//!
//! ```text
//! byte 0      envelope version (currently 1)
//! bytes 1..5  CRC-32 (IEEE) of the payload, big-endian
//! bytes 5..   payload: the record in bincode 2 "standard" configuration
//! ```
//!
//! Decoding refuses values larger than [`MAX_VALUE`], a wrong version, a bad
//! checksum, and payloads with bytes left over after the record, so a torn or
//! bit-flipped value is reported instead of being half-read. Swapping bincode
//! for another codec is a change to this file only.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The envelope version written by this build.
pub const ENVELOPE_VERSION: u8 = 1;

/// The largest value accepted, in bytes. Records are small; a larger value is
/// corruption or an attack, and must not make us allocate without bound.
pub const MAX_VALUE: usize = 4 * 1024 * 1024;

const HEADER: usize = 5;

/// Why a stored value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    /// Shorter than the envelope header.
    #[error("value too short ({0} bytes)")]
    TooShort(usize),
    /// Larger than [`MAX_VALUE`].
    #[error("value too large ({0} bytes)")]
    TooLarge(usize),
    /// Written by a different envelope version.
    #[error("unknown envelope version {0}")]
    Version(u8),
    /// The payload does not match its checksum.
    #[error("checksum mismatch")]
    Checksum,
    /// bincode could not decode the payload.
    #[error("cannot decode: {0}")]
    Decode(String),
    /// The payload has bytes after the record.
    #[error("{0} trailing bytes after the record")]
    Trailing(usize),
    /// bincode could not encode the value.
    #[error("cannot encode: {0}")]
    Encode(String),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_VALUE>()
}

/// Encodes a value into an envelope.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let payload = bincode::serde::encode_to_vec(value, config())
        .map_err(|e| CodecError::Encode(e.to_string()))?;
    seal(&payload)
}

/// Wraps a payload in an envelope: version, checksum, payload.
fn seal(payload: &[u8]) -> Result<Vec<u8>, CodecError> {
    if payload.len() + HEADER > MAX_VALUE {
        return Err(CodecError::TooLarge(payload.len() + HEADER));
    }
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.push(ENVELOPE_VERSION);
    out.extend_from_slice(&crc32fast::hash(payload).to_be_bytes());
    out.extend_from_slice(payload);
    Ok(out)
}

/// Checks an envelope and returns its payload, without decoding it.
pub fn payload(bytes: &[u8]) -> Result<&[u8], CodecError> {
    if bytes.len() > MAX_VALUE {
        return Err(CodecError::TooLarge(bytes.len()));
    }
    let (Some(&version), Some(crc), Some(payload)) =
        (bytes.first(), bytes.get(1..HEADER), bytes.get(HEADER..))
    else {
        return Err(CodecError::TooShort(bytes.len()));
    };
    if version != ENVELOPE_VERSION {
        return Err(CodecError::Version(version));
    }
    let mut want = [0u8; 4];
    want.copy_from_slice(crc);
    if crc32fast::hash(payload) != u32::from_be_bytes(want) {
        return Err(CodecError::Checksum);
    }
    Ok(payload)
}

/// Decodes an envelope into a value.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let payload = payload(bytes)?;
    let (value, read) = bincode::serde::decode_from_slice(payload, config())
        .map_err(|e| CodecError::Decode(e.to_string()))?;
    if read != payload.len() {
        return Err(CodecError::Trailing(payload.len() - read));
    }
    Ok(value)
}

/// Appends one field's encoding to a stored value's payload and re-seals the
/// envelope: the migration of a record type whose newest field was added
/// last, as bincode writes a struct's fields in order with nothing between.
pub fn append_field<T: Serialize>(bytes: &[u8], field: &T) -> Result<Vec<u8>, CodecError> {
    let mut payload = payload(bytes)?.to_vec();
    let extra = bincode::serde::encode_to_vec(field, config())
        .map_err(|e| CodecError::Encode(e.to_string()))?;
    payload.extend_from_slice(&extra);
    seal(&payload)
}

/// The key of a record id: big-endian, so that key order is id order.
pub fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// Reads a big-endian `u64` from the first eight bytes of a key.
pub fn read_u64(bytes: &[u8]) -> Option<u64> {
    let b: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
    Some(u64::from_be_bytes(b))
}
