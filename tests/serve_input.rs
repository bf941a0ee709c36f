//! Behaviour of `thidua::serve::input`: SSH channel bytes to crossterm events.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use proptest::prelude::*;
use thidua::serve::input::{ESC_TIMEOUT, InputDecoder, PASTE_LIMIT};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn chr(c: char) -> Event {
    key(KeyCode::Char(c))
}

fn alt(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::ALT))
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Feeds every packet at `t0` and collects the events.
fn decode(packets: &[&[u8]]) -> Vec<Event> {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    packets.iter().flat_map(|p| d.feed(p, t0)).collect()
}

fn paste(body: &[u8]) -> Vec<u8> {
    [b"\x1b[200~", body, b"\x1b[201~"].concat()
}

#[test]
fn escape_sequence_split_across_three_packets() {
    assert_eq!(decode(&[b"\x1b", b"[", b"A"]), vec![key(KeyCode::Up)]);
}

#[test]
fn escape_sequence_completed_within_the_timeout() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    assert_eq!(d.feed(b"\x1b", t0), vec![]);
    assert_eq!(d.deadline(), Some(t0 + ESC_TIMEOUT));
    assert_eq!(d.tick(t0 + ms(10)), vec![]);
    assert_eq!(d.feed(b"[A", t0 + ms(30)), vec![key(KeyCode::Up)]);
    assert_eq!(d.deadline(), None);
}

#[test]
fn lone_esc_becomes_esc_after_the_timeout() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    assert_eq!(d.feed(b"\x1b", t0), vec![]);
    assert_eq!(d.tick(t0 + ESC_TIMEOUT - ms(1)), vec![]);
    assert_eq!(d.tick(t0 + ESC_TIMEOUT), vec![key(KeyCode::Esc)]);
    assert_eq!(d.deadline(), None);
    assert_eq!(d.tick(t0 + ms(500)), vec![]);
}

#[test]
fn lone_esc_then_tick_before_the_timeout_is_nothing() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    d.feed(b"\x1b", t0);
    assert_eq!(d.tick(t0 + ms(1)), vec![]);
    assert!(d.deadline().is_some());
}

#[test]
fn a_late_tick_does_not_glue_a_stale_esc_to_the_next_key() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    d.feed(b"\x1b", t0);
    assert_eq!(
        d.feed(b"x", t0 + ESC_TIMEOUT + ms(5)),
        vec![key(KeyCode::Esc), chr('x')]
    );
}

#[test]
fn esc_then_letter_is_alt() {
    assert_eq!(decode(&[b"\x1bx"]), vec![alt(KeyCode::Char('x'))]);
    assert_eq!(decode(&[b"\x1b", b"x"]), vec![alt(KeyCode::Char('x'))]);
}

#[test]
fn double_esc_is_two_escs_and_the_second_may_start_a_sequence() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    assert_eq!(d.feed(b"\x1b\x1b", t0), vec![key(KeyCode::Esc)]);
    assert_eq!(d.deadline(), Some(t0 + ESC_TIMEOUT));
    assert_eq!(d.tick(t0 + ESC_TIMEOUT), vec![key(KeyCode::Esc)]);

    assert_eq!(
        decode(&[b"\x1b\x1b[A"]),
        vec![key(KeyCode::Esc), key(KeyCode::Up)]
    );
}

#[test]
fn bracketed_paste_split_mid_char_and_mid_marker() {
    let events = decode(&[b"\x1b[200~xin ch\xC3", b"\xA0o\x1b[20", b"1~"]);
    assert_eq!(events, vec![Event::Paste("xin chào".into())]);
}

#[test]
fn telex_burst_in_one_packet() {
    assert_eq!(
        decode(&[b"\x7f\x7f\xE1\xBA\xBF"]),
        vec![key(KeyCode::Backspace), key(KeyCode::Backspace), chr('ế')]
    );
}

#[test]
fn multibyte_char_split_across_feeds() {
    assert_eq!(decode(&[b"\xE1", b"\xBA", b"\xBF"]), vec![chr('ế')]);
    assert_eq!(decode(&[b"\xE1", b"\xBA\xBF"]), vec![chr('ế')]);
}

#[test]
fn enter_and_tab() {
    assert_eq!(
        decode(&[b"\r\t"]),
        vec![key(KeyCode::Enter), key(KeyCode::Tab)]
    );
}

#[test]
fn erase_character_from_the_pty_modes() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    let ctrl_h = Event::Key(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::CONTROL));
    assert_eq!(d.feed(b"\x08", t0), vec![ctrl_h]);
    assert_eq!(d.feed(b"\x7f", t0), vec![key(KeyCode::Backspace)]);

    d.set_erase(0x08);
    assert_eq!(d.feed(b"\x08", t0), vec![key(KeyCode::Backspace)]);
    assert_eq!(d.feed(b"\x7f", t0), vec![key(KeyCode::Backspace)]);
    assert_eq!(d.feed(b"\x1b\x08", t0), vec![alt(KeyCode::Backspace)]);
    // The erase byte inside a paste is text, not a key.
    assert_eq!(
        d.feed(&paste(b"a\x08b"), t0),
        vec![Event::Paste("a\x08b".into())]
    );
}

#[test]
fn a_disabled_or_odd_erase_character_is_ignored() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    d.set_erase(0xFF); // OpenSSH's encoding of a disabled VERASE
    d.set_erase(b'\r');
    d.set_erase(b'a');
    assert_eq!(
        d.feed(b"\ra\xE1\xBA\xBF", t0),
        vec![key(KeyCode::Enter), chr('a'), chr('ế')]
    );
}

#[test]
fn paste_over_the_limit_is_cut_at_a_char_boundary() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    // 'à' is two bytes and PASTE_LIMIT is even, so one 'x' in front makes
    // the limit fall inside a character.
    let text = format!("x{}", "à".repeat(PASTE_LIMIT));
    let bytes = paste(text.as_bytes());
    let mut events = Vec::new();
    for chunk in bytes.chunks(1000) {
        events.extend(d.feed(chunk, t0));
    }
    let [Event::Paste(got)] = events.as_slice() else {
        panic!("expected one paste, got {} events", events.len());
    };
    assert_eq!(got.len(), PASTE_LIMIT - 1);
    assert!(text.starts_with(got.as_str()));
    assert!(d.take_paste_cut());
    assert!(!d.take_paste_cut());

    // Decoding carries on, and the next paste is whole.
    assert_eq!(d.feed(b"\x1b[Ay", t0), vec![key(KeyCode::Up), chr('y')]);
    assert_eq!(d.feed(&paste(b"ok"), t0), vec![Event::Paste("ok".into())]);
    assert!(!d.take_paste_cut());
}

#[test]
fn paste_just_over_the_limit_is_cut_and_exactly_at_it_is_not() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    let exact = "a".repeat(PASTE_LIMIT);
    assert_eq!(
        d.feed(&paste(exact.as_bytes()), t0),
        vec![Event::Paste(exact.clone())]
    );
    assert!(!d.take_paste_cut());

    let over = "a".repeat(PASTE_LIMIT + 3);
    assert_eq!(
        d.feed(&paste(over.as_bytes()), t0),
        vec![Event::Paste(exact)]
    );
    assert!(d.take_paste_cut());
}

#[test]
fn an_endless_paste_does_not_grow_without_bound() {
    // Memory is not observable through the API, so show it indirectly: many
    // megabytes go in and the paste that finally ends is no bigger than the
    // limit. (The decoder keeps at most PASTE_LIMIT + 5 bytes.)
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    d.feed(b"\x1b[200~", t0);
    let chunk = vec![b'z'; 64 * 1024];
    for _ in 0..64 {
        assert_eq!(d.feed(&chunk, t0), vec![]);
    }
    let events = d.feed(b"\x1b[201~", t0);
    assert_eq!(events, vec![Event::Paste("z".repeat(PASTE_LIMIT))]);
    assert!(d.take_paste_cut());
}

#[test]
fn an_unfinished_csi_is_dropped_rather_than_kept_forever() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    // Digits keep a numbered CSI "incomplete" for ever.
    let mut garbage = b"\x1b[1".to_vec();
    garbage.extend(std::iter::repeat_n(b'1', 10_000));
    d.feed(&garbage, t0);
    assert_eq!(d.feed(b"\x1b[Bq", t0), vec![key(KeyCode::Down), chr('q')]);
}

#[test]
fn garbage_is_dropped_and_decoding_recovers() {
    assert_eq!(decode(&[b"\xFFa"]), vec![chr('a')]);
    assert_eq!(decode(&[b"\xC3", b"a"]), vec![chr('a')]);
    assert_eq!(decode(&[b"\x80\xBF\xF8b"]), vec![chr('b')]);
    // A broken sequence gives the byte that broke it its own chance.
    assert_eq!(decode(&[b"\x1b[\x1b[A"]), vec![key(KeyCode::Up)]);
    assert_eq!(decode(&[b"\x1bOx"]), vec![chr('x')]);
}

#[test]
fn vietnamese_typed_char_by_char() {
    let t0 = Instant::now();
    let mut d = InputDecoder::new();
    let mut events = Vec::new();
    for c in "Tô Hiệu".chars() {
        let mut buf = [0; 4];
        events.extend(d.feed(c.encode_utf8(&mut buf).as_bytes(), t0));
    }
    let typed: String = events
        .iter()
        .map(|e| match e {
            Event::Key(KeyEvent {
                code: KeyCode::Char(c),
                kind: KeyEventKind::Press,
                ..
            }) => *c,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(typed, "Tô Hiệu");
    assert_eq!(events[0], chr('T'));
}

#[test]
fn mouse_and_focus_events_come_through() {
    let events = decode(&[b"\x1b[<0;10;5M", b"\x1b[I"]);
    assert_eq!(events.len(), 2);
    assert!(matches!(events[0], Event::Mouse(m) if m.column == 9 && m.row == 4));
    assert_eq!(events[1], Event::FocusGained);
}

#[test]
fn default_is_new() {
    let t0 = Instant::now();
    let mut d = InputDecoder::default();
    assert_eq!(d.deadline(), None);
    assert_eq!(d.feed(b"a", t0), vec![chr('a')]);
    assert!(!d.take_paste_cut());
}

/// Splits `bytes` at the given points (taken modulo its length).
fn split_at<'a>(bytes: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    points.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for p in points {
        out.push(&bytes[start..p]);
        start = p;
    }
    out.push(&bytes[start..]);
    out
}

/// Byte streams that wander into the interesting states: escape sequences,
/// pastes, UTF-8 and garbage.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(b"\x1b".to_vec()),
        Just(b"\x1b[".to_vec()),
        Just(b"\x1b[200~".to_vec()),
        Just(b"\x1b[201~".to_vec()),
        Just(b"\x1b[<0;3;4M".to_vec()),
        Just(b"\x1b[1;5A".to_vec()),
        Just("ệ".as_bytes().to_vec()),
        Just(b"\xE1\xBA".to_vec()),
        prop::collection::vec(b'0'..=b';', 1..6),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn random_streams_split_anywhere_never_panic_and_decode_the_same(
        bytes in prop_oneof![stream(), prop::collection::vec(any::<u8>(), 0..200)],
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let t0 = Instant::now();
        let whole = InputDecoder::new().feed(&bytes, t0);
        let mut d = InputDecoder::new();
        let mut split = Vec::new();
        for part in split_at(&bytes, &cuts) {
            split.extend(d.feed(part, t0));
        }
        prop_assert_eq!(split, whole);
        // Whatever is left, a later tick settles it without panicking.
        d.tick(t0 + Duration::from_secs(1));
        d.take_paste_cut();
    }

    #[test]
    fn printable_ascii_gives_one_char_per_byte_however_split(
        text in "[ -~]{0,100}",
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let t0 = Instant::now();
        let whole = InputDecoder::new().feed(text.as_bytes(), t0);
        let expected: Vec<Event> = text.chars().map(|c| {
            let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
        }).collect();
        prop_assert_eq!(&whole, &expected);
        let mut d = InputDecoder::new();
        let mut split = Vec::new();
        for part in split_at(text.as_bytes(), &cuts) {
            split.extend(d.feed(part, t0));
        }
        prop_assert_eq!(split, whole);
    }
}
