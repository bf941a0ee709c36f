//! Strangers at the door of `thidua serve` (issue 10): connections that never
//! log in, and logins that keep failing, must not keep anyone else out.
//!
//! The rules of the gate (`thidua::serve::gate`) are tested first, with the
//! clock and the dice passed in. Then the real server, on 127.0.0.1, meets a
//! stranger at 127.0.0.3 (any 127.0.0.0/8 address is this machine, seen as
//! another one) while an admin logs in from 127.0.0.2. Every loop here is
//! bounded in count and time.

mod common;

use common::rt;

use common::server::{Server, stranger};
use common::ssh_client::{Attempt, Client, dial, try_login};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use thidua::serve::gate::{
    FORGET_AFTER, Gate, Limits, MAX_BLOCK, MAX_REMEMBERED, Refusal, Startups, Verdict,
};
use tokio::io::AsyncReadExt;

const ADMIN_AT: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
const STRANGER_AT: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));

fn ip(n: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n))
}

/// A roll that never drops.
const NO_DROP: u32 = 99;

// ---------------------------------------------------------------- the gate

#[test]
fn max_startups_parses_like_openssh() {
    let s: Startups = "10:30:100".parse().expect("parse");
    assert_eq!((s.start, s.rate, s.full), (10, 30, 100));
    assert_eq!(s.to_string(), "10:30:100");
    let one: Startups = "50".parse().expect("one number");
    assert_eq!((one.start, one.rate, one.full), (50, 100, 50));
    for bad in [
        "",
        "10:30",
        "a:b:c",
        "20:30:10",
        "10:130:100",
        "0",
        "1:2:3:4",
    ] {
        assert!(bad.parse::<Startups>().is_err(), "{bad:?} accepted");
    }
}

#[test]
fn random_early_drop_rises_from_rate_to_certain() {
    let s: Startups = "10:30:100".parse().expect("parse");
    assert_eq!(s.drop_chance(0), 0);
    assert_eq!(s.drop_chance(9), 0);
    assert_eq!(s.drop_chance(10), 30);
    assert_eq!(s.drop_chance(55), 65);
    assert_eq!(s.drop_chance(99), 99);
    assert_eq!(s.drop_chance(100), 100);

    // Through the gate: ten waiting from ten addresses, then the dice decide.
    let gate = Gate::new(Limits::default());
    let now = Instant::now();
    let passes: Vec<_> = (0..10)
        .map(|n| gate.admit(ip(n), now, NO_DROP).expect("below start"))
        .collect();
    assert_eq!(gate.admit(ip(100), now, 29).err(), Some(Refusal::Dropped));
    let eleventh = gate.admit(ip(100), now, 30).expect("roll above the chance");
    assert_eq!(gate.waiting(ip(100)), (11, 1));
    drop(eleventh);
    drop(passes);
    assert_eq!(gate.waiting(ip(100)), (0, 0));
    assert_eq!(gate.remembered(), 0, "nothing to remember");
}

#[test]
fn past_full_every_new_connection_is_refused() {
    let limits = Limits {
        startups: "2:30:4".parse().expect("parse"),
        ..Limits::default()
    };
    let gate = Gate::new(limits);
    let now = Instant::now();
    let _held: Vec<_> = (0..4)
        .map(|n| gate.admit(ip(n), now, NO_DROP).expect("let in"))
        .collect();
    assert_eq!(gate.admit(ip(9), now, NO_DROP).err(), Some(Refusal::Full));
}

#[test]
fn one_address_holds_at_most_its_share_and_cannot_start_the_drops() {
    let limits = Limits::default();
    assert!(
        limits.per_source < limits.startups.start,
        "one address alone must not reach random early drop"
    );
    let gate = Gate::new(limits);
    let now = Instant::now();
    let stranger: Vec<_> = (0..limits.per_source)
        .map(|_| gate.admit(ip(1), now, NO_DROP).expect("let in"))
        .collect();
    assert_eq!(
        gate.admit(ip(1), now, NO_DROP).err(),
        Some(Refusal::PerSource)
    );
    // Another address, even with the worst roll, still gets in.
    let admin = gate.admit(ip(2), now, 0).expect("another address");
    admin.logged_in(now);
    drop(stranger);
    assert_eq!(gate.waiting(ip(1)), (0, 0));
}

#[test]
fn failed_logins_block_their_address_for_longer_each_time() {
    let limits = Limits::default();
    let gate = Gate::new(limits);
    let t0 = Instant::now();
    let fail = |at: Instant| gate.admit(ip(1), at, NO_DROP).expect("let in").failed(at);
    for _ in 1..limits.block_after {
        assert_eq!(fail(t0), Verdict::Nothing);
    }
    assert_eq!(
        fail(t0),
        Verdict::Blocked(limits.block_for, limits.block_after)
    );
    assert_eq!(
        gate.admit(ip(1), t0 + Duration::from_secs(1), NO_DROP)
            .err(),
        Some(Refusal::Blocked(limits.block_for - Duration::from_secs(1)))
    );
    // Others are not affected.
    assert!(gate.admit(ip(2), t0, NO_DROP).is_ok());

    // After the block: as many failures again, and twice as long a block.
    let t1 = t0 + limits.block_for;
    for _ in 1..limits.block_after {
        assert_eq!(fail(t1), Verdict::Nothing);
    }
    assert_eq!(
        fail(t1),
        Verdict::Blocked(limits.block_for * 2, limits.block_after)
    );
    // … and so on, up to the cap.
    let mut t = t1;
    let mut last = limits.block_for * 2;
    for _ in 0..12 {
        t += last;
        for _ in 1..limits.block_after {
            fail(t);
        }
        match fail(t) {
            Verdict::Blocked(d, _) => {
                assert!(d >= last && d <= MAX_BLOCK, "{d:?} after {last:?}");
                last = d;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(last, MAX_BLOCK);

    // Quiet for long enough, the address starts over with the first block.
    let later = t + last + FORGET_AFTER;
    for _ in 1..limits.block_after {
        assert_eq!(fail(later), Verdict::Nothing);
    }
    assert_eq!(
        fail(later),
        Verdict::Blocked(limits.block_for, limits.block_after)
    );
}

#[test]
fn a_login_from_the_address_forgives_its_failures_so_far() {
    let limits = Limits::default();
    let gate = Gate::new(limits);
    let now = Instant::now();
    for _ in 1..limits.block_after {
        gate.admit(ip(1), now, NO_DROP).expect("in").failed(now);
    }
    // A colleague behind the same router logs in.
    gate.admit(ip(1), now, NO_DROP).expect("in").logged_in(now);
    for _ in 1..limits.block_after {
        assert_eq!(
            gate.admit(ip(1), now, NO_DROP).expect("in").failed(now),
            Verdict::Nothing
        );
    }
}

#[test]
fn leaving_without_trying_costs_nothing_and_blocks_can_be_turned_off() {
    let gate = Gate::new(Limits::default());
    let now = Instant::now();
    for _ in 0..100 {
        drop(gate.admit(ip(1), now, NO_DROP).expect("in"));
    }
    assert_eq!(gate.remembered(), 0);

    let never = Gate::new(Limits {
        block_after: 0,
        ..Limits::default()
    });
    for _ in 0..100 {
        assert_eq!(
            never.admit(ip(1), now, NO_DROP).expect("in").failed(now),
            Verdict::Nothing
        );
    }
}

#[test]
fn the_table_of_addresses_stays_bounded() {
    let gate = Gate::new(Limits::default());
    let t0 = Instant::now();
    // Each address fails once, an hour apart in all: nothing to keep.
    let n = u32::try_from(MAX_REMEMBERED).expect("fits") + 500;
    for a in 0..n {
        gate.admit(ip(a), t0, NO_DROP).expect("in").failed(t0);
    }
    let later = t0 + FORGET_AFTER;
    gate.admit(ip(n + 1), later, NO_DROP)
        .expect("in")
        .failed(later);
    assert!(gate.remembered() <= MAX_REMEMBERED, "{}", gate.remembered());
    // Even when none is old enough to forget, the table does not grow
    // without end: past failures go, blocks in force stay.
    let gate = Gate::new(Limits::default());
    let blocked = ip(n + 2);
    for _ in 0..Limits::default().block_after {
        gate.admit(blocked, t0, NO_DROP).expect("in").failed(t0);
    }
    for a in 0..n {
        gate.admit(ip(a), t0, NO_DROP).expect("in").failed(t0);
    }
    assert!(gate.remembered() <= MAX_REMEMBERED, "{}", gate.remembered());
    assert!(matches!(
        gate.admit(blocked, t0, NO_DROP).err(),
        Some(Refusal::Blocked(_))
    ));
}

// ------------------------------------------------------------ the server

/// Logs `user` in from `from` and waits for the first screen; returns how
/// long that took.
async fn log_in(server: &Server, from: IpAddr, user: &str) -> Result<Duration, String> {
    let start = Instant::now();
    let key = Arc::clone(&server.user(user).key);
    let c = Client::connect_from(from, server.addr, user, key, None).await?;
    c.first_screen().await?;
    let took = start.elapsed();
    c.hang_up().await;
    Ok(took)
}

/// One silent socket of the stranger: when it was opened, whether the
/// server let it in (it sent its version line), and when it closed.
#[derive(Debug, Clone, Copy)]
struct Silent {
    opened: Duration,
    let_in: bool,
    closed: Duration,
}

/// The attack: 21 TCP connections that say nothing locked every
/// login out. Here 200 of them, from one address, are held for 40 s (each
/// reopened a second after the server closes it), while an admin logs in
/// from another address every 2 seconds, and the admin's session opened
/// before the stranger came keeps working.
#[test]
fn two_hundred_silent_sockets_keep_no_one_out() {
    const SOCKETS: usize = 200;
    const HOLD: Duration = Duration::from_secs(40);
    let server = Server::start(&[("lan", "role = \"admin\"")], &[]);
    let limits = Limits::default();
    let (logins, silent) = rt().block_on(async {
        // The admin's own session, open before the stranger comes.
        let open = Client::connect(server.addr, "lan", Arc::clone(&server.user("lan").key))
            .await
            .expect("admin connects");
        open.first_screen().await.expect("admin's first screen");

        let start = Instant::now();
        let end = start + HOLD;
        let silent = Arc::new(Mutex::new(Vec::new()));
        let mut stranger = tokio::task::JoinSet::new();
        for _ in 0..SOCKETS {
            let silent = Arc::clone(&silent);
            let addr = server.addr;
            stranger.spawn(async move {
                while Instant::now() < end {
                    let opened = start.elapsed();
                    let Ok(mut socket) = dial(STRANGER_AT, addr).await else {
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        continue;
                    };
                    let mut buf = [0u8; 256];
                    let left = end.saturating_duration_since(Instant::now());
                    let first = tokio::time::timeout(left, socket.read(&mut buf)).await;
                    let let_in = matches!(first, Ok(Ok(n)) if n > 0);
                    if let_in {
                        // Say nothing; wait to be closed, or for the end.
                        loop {
                            let left = end.saturating_duration_since(Instant::now());
                            match tokio::time::timeout(left, socket.read(&mut buf)).await {
                                Ok(Ok(n)) if n > 0 => continue,
                                _ => break,
                            }
                        }
                    }
                    silent.lock().expect("log").push(Silent {
                        opened,
                        let_in,
                        closed: start.elapsed(),
                    });
                    drop(socket);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            });
        }
        // Let the stranger fill what it can first.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let mut logins = Vec::new();
        while Instant::now() + Duration::from_secs(3) < end {
            let tick = Instant::now();
            logins.push(log_in(&server, ADMIN_AT, "lan").await);
            let next = tick + Duration::from_secs(2);
            tokio::time::sleep(next.saturating_duration_since(Instant::now())).await;
        }
        while stranger.join_next().await.is_some() {}
        open.key(b"5", Duration::from_secs(5), |s| {
            s.contents().contains("Người (")
        })
        .await
        .expect("the admin's session open all along still answers");
        let silent = silent.lock().expect("log").clone();
        (logins, silent)
    });

    let times: Vec<Duration> = logins
        .iter()
        .map(|l| *l.as_ref().unwrap_or_else(|e| panic!("a login failed: {e}")))
        .collect();
    eprintln!(
        "admin logins under {SOCKETS} silent sockets: {} logins, slowest {:?}, median {:?}",
        times.len(),
        times.iter().max().expect("some"),
        {
            let mut t = times.clone();
            t.sort();
            t[t.len() / 2]
        }
    );
    assert!(times.len() >= 15, "only {} logins", times.len());
    for t in &times {
        assert!(*t <= Duration::from_secs(2), "a login took {t:?}");
    }

    // The stranger never had more than its share of places at once…
    let let_in: Vec<&Silent> = silent.iter().filter(|s| s.let_in).collect();
    assert!(!let_in.is_empty(), "the stranger got no place at all");
    let most = let_in
        .iter()
        .map(|a| {
            let_in
                .iter()
                .filter(|b| b.opened <= a.opened && a.opened < b.closed)
                .count()
        })
        .max()
        .unwrap_or(0);
    assert!(
        most <= limits.per_source,
        "the stranger held {most} places at once"
    );
    // … and those it had were closed when the grace time ran out.
    let early: Vec<&&Silent> = let_in
        .iter()
        .filter(|s| s.opened < Duration::from_secs(5))
        .collect();
    assert!(!early.is_empty());
    for s in early {
        let held = s.closed - s.opened;
        assert!(
            held >= limits.grace - Duration::from_secs(1)
                && held <= limits.grace + Duration::from_secs(6),
            "a silent socket was held {held:?}"
        );
    }
    assert!(
        server.log().contains("did not log in within 30 s"),
        "{}",
        server.log()
    );
}

/// 100 logins with a key nobody has, from one address, ten at a time: after
/// a few, that address is refused before it can try another key, while an
/// admin at another address logs in as fast as ever.
#[test]
fn a_hundred_failed_logins_slow_their_address_only() {
    const ATTEMPTS: usize = 100;
    let server = Server::start(&[("lan", "role = \"admin\"")], &[]);
    let limits = Limits::default();
    let bad = Arc::clone(&stranger(server.dir.path()).key);
    let (attempts, logins, blocked_admin, other_admin) = rt().block_on(async {
        let addr = server.addr;
        let flood = tokio::spawn(async move {
            let ten = Arc::new(tokio::sync::Semaphore::new(10));
            let mut tries = tokio::task::JoinSet::new();
            for _ in 0..ATTEMPTS {
                let permit = Arc::clone(&ten).acquire_owned().await.expect("permit");
                let bad = Arc::clone(&bad);
                tries.spawn(async move {
                    let attempt = tokio::time::timeout(
                        Duration::from_secs(10),
                        try_login(STRANGER_AT, addr, bad),
                    )
                    .await
                    .unwrap_or_else(|_| Attempt::Closed("timed out".into()));
                    drop(permit);
                    attempt
                });
            }
            let mut all = Vec::new();
            while let Some(a) = tries.join_next().await {
                all.push(a.expect("attempt"));
            }
            all
        });
        let mut logins = Vec::new();
        while !flood.is_finished() && logins.len() < 30 {
            logins.push(log_in(&server, ADMIN_AT, "lan").await);
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        let attempts = flood.await.expect("flood");
        // The block is on the address, not the key: the admin's own key is
        // turned away there, and welcome anywhere else.
        let lan = Arc::clone(&server.user("lan").key);
        let blocked_admin = try_login(STRANGER_AT, addr, Arc::clone(&lan)).await;
        let other_admin = try_login(ADMIN_AT, addr, lan).await;
        (attempts, logins, blocked_admin, other_admin)
    });

    let refused_keys = attempts
        .iter()
        .filter(|a| **a == Attempt::KeyRefused)
        .count();
    let closed = attempts
        .iter()
        .filter(|a| matches!(a, Attempt::Closed(_)))
        .count();
    eprintln!(
        "{ATTEMPTS} failed logins from one address: {refused_keys} had a key judged, {closed} were turned away; {} admin logins meanwhile",
        logins.len()
    );
    assert_eq!(refused_keys + closed, ATTEMPTS, "{attempts:?}");
    // The first few failures are judged; then the address is turned away.
    // Up to per_source were under way when the block fell.
    let most = limits.block_after as usize + limits.per_source;
    assert!(
        refused_keys >= limits.block_after as usize && refused_keys <= most,
        "{refused_keys} keys judged"
    );
    assert!(
        matches!(blocked_admin, Attempt::Closed(_)),
        "{blocked_admin:?}"
    );
    assert_eq!(other_admin, Attempt::LoggedIn);
    assert!(!logins.is_empty());
    for l in &logins {
        let t = l.as_ref().unwrap_or_else(|e| panic!("a login failed: {e}"));
        assert!(*t <= Duration::from_secs(2), "a login took {t:?}");
    }
    assert!(
        server.log().contains(&format!(
            "{STRANGER_AT}: {} failed logins; new connections from it are refused for {} s",
            limits.block_after,
            limits.block_for.as_secs()
        )),
        "{}",
        server.log()
    );
}
