//! Decoding random, truncated or bit-flipped bytes never panics and never
//! succeeds by accident; a corrupt record is reported with its tree and key.

mod common;

use proptest::prelude::*;
use thidua::domain::*;
use thidua::store::codec::{self, CodecError, MAX_VALUE};
use thidua::store::{AuditEntry, Kind, Store, StoreError};

fn envelope(payload: &[u8]) -> Vec<u8> {
    let mut out = vec![codec::ENVELOPE_VERSION];
    out.extend_from_slice(&crc32fast::hash(payload).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

fn decode_every_type(bytes: &[u8]) {
    let _ = codec::decode::<School>(bytes);
    let _ = codec::decode::<Cluster>(bytes);
    let _ = codec::decode::<Term>(bytes);
    let _ = codec::decode::<Meeting>(bytes);
    let _ = codec::decode::<Person>(bytes);
    let _ = codec::decode::<CriteriaTable>(bytes);
    let _ = codec::decode::<ScoreSheet>(bytes);
    let _ = codec::decode::<Ballot>(bytes);
    let _ = codec::decode::<Award>(bytes);
    let _ = codec::decode::<AuditEntry>(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_every_type(&bytes);
    }

    #[test]
    fn random_payloads_with_a_valid_envelope_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..512)) {
        // A right checksum gets past the envelope, so bincode itself meets the garbage.
        decode_every_type(&envelope(&payload));
    }

    #[test]
    fn truncation_is_always_detected(cut in 0usize..10_000) {
        let bytes = codec::encode(&common::meeting()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cut = cut % bytes.len();
        prop_assert!(codec::decode::<Meeting>(&bytes[..cut]).is_err());
    }

    #[test]
    fn any_bit_flip_is_detected(bit in 0usize..100_000) {
        let mut bytes = codec::encode(&common::school()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let bit = bit % (bytes.len() * 8);
        bytes[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(codec::decode::<School>(&bytes).is_err());
    }
}

#[test]
fn trailing_bytes_are_refused() {
    let good = codec::encode(&common::person()).expect("encode");
    let mut payload = codec::payload(&good).expect("payload").to_vec();
    payload.extend_from_slice(&[0, 0, 0]);
    assert_eq!(
        codec::decode::<Person>(&envelope(&payload)),
        Err(CodecError::Trailing(3))
    );
}

#[test]
fn wrong_version_and_short_and_huge_values_are_refused() {
    let mut bytes = codec::encode(&common::person()).expect("encode");
    bytes[0] = 99;
    assert_eq!(
        codec::decode::<Person>(&bytes),
        Err(CodecError::Version(99))
    );
    assert_eq!(
        codec::decode::<Person>(&[1, 2]),
        Err(CodecError::TooShort(2))
    );
    let huge = vec![1u8; MAX_VALUE + 1];
    assert_eq!(
        codec::decode::<Person>(&huge),
        Err(CodecError::TooLarge(MAX_VALUE + 1))
    );
}

#[test]
fn a_huge_length_prefix_is_refused_without_allocating_it() {
    // A Person starts with its name: a varint length. 0xFD + u64 claims 2^62 bytes.
    let mut payload = vec![0xFD];
    payload.extend_from_slice(&(1u64 << 62).to_le_bytes());
    let err = codec::decode::<Person>(&envelope(&payload)).expect_err("must refuse");
    assert!(matches!(err, CodecError::Decode(_)), "{err:?}");
}

#[test]
fn a_corrupt_record_is_reported_with_its_tree_and_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = {
        let store = Store::open(dir.path()).expect("open");
        let mut school = common::school();
        school.lineage.clear();
        store.insert("t", school).expect("insert")
    };
    let mut bytes = codec::encode(&common::school()).expect("encode");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xFF;
    common::raw_put(dir.path(), Kind::School.tree(), &codec::id_key(42), &bytes);
    let store = common::reopen(dir.path());

    let err = store
        .get::<School>(SchoolId(42))
        .expect_err("must be corrupt");
    assert_eq!(
        err,
        StoreError::Corrupt {
            tree: "schools".into(),
            key: "000000000000002a".into(),
            reason: "checksum mismatch".into(),
        }
    );
    assert!(err.to_string().contains("schools") && err.to_string().contains("000000000000002a"));
    assert!(matches!(
        store.all::<School>(),
        Err(StoreError::Corrupt { .. })
    ));
    // The good record still reads.
    assert!(store.get::<School>(good).expect("good one").is_some());
    let listed = store.corrupt_records().expect("scan");
    assert_eq!(listed.len(), 1);
    assert!(listed[0].contains("000000000000002a"), "{listed:?}");
}

#[test]
fn the_cli_reports_a_corrupt_record_by_key_without_panicking() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(dir.path()).expect("open");
        thidua::demo::load(&store).expect("demo");
    }
    common::raw_put(
        dir.path(),
        Kind::School.tree(),
        &codec::id_key(7),
        b"\x01garbage",
    );
    let bin = env!("CARGO_BIN_EXE_thidua");
    for args in [vec!["check"], vec!["history"], vec!["lookup", "ha nam"]] {
        let out = common::cli::output(
            std::process::Command::new(bin)
                .arg("--db")
                .arg(dir.path())
                .args(&args),
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}: {all}");
        assert!(all.contains("0000000000000007"), "{args:?}: {all}");
        assert!(!all.contains("panicked"), "{args:?}: {all}");
    }
}
