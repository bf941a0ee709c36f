//! Who may start a login: the limits a connection meets before its SSH
//! handshake, modelled on OpenSSH's `MaxStartups`, `PerSourceMaxStartups` and
//! `PerSourcePenalties`.
//!
//! A connection that has not logged in yet costs the server a socket and a
//! handshake, and proves nothing. Such connections are counted, in all and
//! per address, and an address whose logins keep failing is turned away for
//! a while. Logged-in sessions are not counted here (the hub bounds them),
//! so nothing a stranger does reaches a session already open.
//!
//! Time and chance are parameters, so the rules can be tested without
//! waiting or guessing; the accept loop passes the clock and a random roll.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The longest an address is turned away for, however often it fails
/// (OpenSSH's `PerSourcePenalties max:600`).
pub const MAX_BLOCK: Duration = Duration::from_secs(600);

/// An address's failed logins and blocks are forgotten once it has had none
/// for this long; until then each new block lasts twice the one before.
pub const FORGET_AFTER: Duration = Duration::from_secs(3600);

/// Above this many remembered addresses, those with nothing under way and no
/// block in force are forgotten, so a stranger with many addresses cannot
/// grow the table without end.
pub const MAX_REMEMBERED: usize = 10_000;

/// The limits on connections that have not logged in yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A connection not logged in, with its session started, by then is closed.
    pub grace: Duration,
    /// Connections not logged in yet, in all.
    pub startups: Startups,
    /// Connections not logged in yet, from one address.
    pub per_source: usize,
    /// Failed logins from one address before it is turned away; 0 never.
    pub block_after: u32,
    /// How long the first block lasts; each further one lasts twice as long,
    /// up to [`MAX_BLOCK`].
    pub block_for: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            grace: Duration::from_secs(30),
            startups: Startups {
                start: 10,
                rate: 30,
                full: 100,
            },
            per_source: 5,
            block_after: 5,
            block_for: Duration::from_secs(15),
        }
    }
}

/// `start:rate:full`, as OpenSSH's `MaxStartups`: below `start` connections
/// not logged in, every new one is let in; from `start` on, a new one is
/// dropped with a chance that grows from `rate` % to 100 % at `full`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Startups {
    /// Where random early drop begins.
    pub start: usize,
    /// The chance of a drop at `start`, in percent.
    pub rate: u32,
    /// Where every new connection is dropped.
    pub full: usize,
}

impl FromStr for Startups {
    type Err = String;

    /// `10:30:100`, or a single number `N` for `N:100:N` (no random drop).
    fn from_str(s: &str) -> Result<Startups, String> {
        let number = |part: &str| -> Result<usize, String> {
            part.trim()
                .parse::<usize>()
                .map_err(|_| format!("{part:?} is not a whole number"))
        };
        let parts: Vec<&str> = s.split(':').collect();
        let startups = match parts.as_slice() {
            [full] => {
                let full = number(full)?;
                Startups {
                    start: full,
                    rate: 100,
                    full,
                }
            }
            [start, rate, full] => Startups {
                start: number(start)?,
                rate: u32::try_from(number(rate)?).unwrap_or(u32::MAX),
                full: number(full)?,
            },
            _ => return Err("write START:RATE:FULL (e.g. 10:30:100) or one number".into()),
        };
        if startups.full == 0 || startups.start > startups.full || startups.rate > 100 {
            return Err(
                "need 0 < START ≤ FULL and a RATE of at most 100 (percent), e.g. 10:30:100".into(),
            );
        }
        Ok(startups)
    }
}

impl fmt::Display for Startups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.start, self.rate, self.full)
    }
}

impl Startups {
    /// The chance, in percent, that a new connection is dropped when
    /// `waiting` are not logged in yet.
    pub fn drop_chance(&self, waiting: usize) -> u32 {
        if waiting >= self.full {
            return 100;
        }
        if waiting < self.start {
            return 0;
        }
        // OpenSSH's formula: rate at start, rising in a line to 100 at full.
        let span = (self.full - self.start).max(1);
        let over = waiting - self.start;
        let rate = self.rate.min(100);
        let rise = u64::from(100 - rate) * over as u64 / span as u64;
        rate.saturating_add(u32::try_from(rise).unwrap_or(100))
    }
}

/// Why a connection was closed before its handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The address failed to log in too often; it is turned away for this
    /// much longer.
    Blocked(Duration),
    /// The address already has as many connections not logged in as it may.
    PerSource,
    /// As many connections as may are not logged in yet.
    Full,
    /// Random early drop: many connections are not logged in yet.
    Dropped,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Blocked(left) => write!(
                f,
                "its address failed to log in too often ({} s of its block left)",
                left.as_secs().max(1)
            ),
            Refusal::PerSource => {
                f.write_str("too many connections from its address not logged in")
            }
            Refusal::Full => f.write_str("too many connections not logged in"),
            Refusal::Dropped => f.write_str("many connections not logged in (random early drop)"),
        }
    }
}

/// What happened to an address as a connection from it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing new.
    Nothing,
    /// The address is now turned away for this long, after this many failed
    /// logins.
    Blocked(Duration, u32),
}

/// The gate every new connection passes.
pub struct Gate {
    limits: Limits,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Connections let in and not logged in yet, in all.
    waiting: usize,
    by_addr: HashMap<IpAddr, Source>,
}

/// What is known about one address.
#[derive(Debug, Clone, Copy)]
struct Source {
    /// Its connections let in and not logged in yet.
    waiting: usize,
    /// Failed logins since its last block (or since it was last forgiven).
    failures: u32,
    /// Blocks so far: the next lasts `block_for × 2^blocks`.
    blocks: u32,
    /// Turned away until then.
    blocked_until: Option<Instant>,
    /// The last failure or block, from which [`FORGET_AFTER`] counts.
    last_event: Instant,
}

impl Source {
    fn new(now: Instant) -> Source {
        Source {
            waiting: 0,
            failures: 0,
            blocks: 0,
            blocked_until: None,
            last_event: now,
        }
    }

    fn blocked_at(&self, now: Instant) -> Option<Duration> {
        self.blocked_until
            .and_then(|until| until.checked_duration_since(now))
            .filter(|left| !left.is_zero())
    }

    /// Forgets failures and blocks once the address has been quiet for
    /// [`FORGET_AFTER`] with no block in force.
    fn age(&mut self, now: Instant) {
        if self.blocked_at(now).is_none()
            && now.saturating_duration_since(self.last_event) >= FORGET_AFTER
        {
            self.failures = 0;
            self.blocks = 0;
            self.blocked_until = None;
        }
    }

    /// Whether there is nothing left to remember.
    fn is_empty(&self) -> bool {
        self.waiting == 0 && self.failures == 0 && self.blocks == 0
    }
}

impl Gate {
    /// A gate with these limits.
    pub fn new(limits: Limits) -> Arc<Gate> {
        Arc::new(Gate {
            limits,
            state: Mutex::new(State::default()),
        })
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Lets a new connection from `addr` in, or says why not. `roll` is a
    /// random number in 0..100, for random early drop.
    pub fn admit(self: &Arc<Gate>, addr: IpAddr, now: Instant, roll: u32) -> Result<Pass, Refusal> {
        // A poisoned lock means a panic while holding it; every change below
        // is a few counters, never left half-made.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let from_addr = match state.by_addr.get_mut(&addr) {
            Some(source) => {
                source.age(now);
                if let Some(left) = source.blocked_at(now) {
                    return Err(Refusal::Blocked(left));
                }
                source.waiting
            }
            None => 0,
        };
        if from_addr >= self.limits.per_source {
            return Err(Refusal::PerSource);
        }
        if state.waiting >= self.limits.startups.full {
            return Err(Refusal::Full);
        }
        if roll < self.limits.startups.drop_chance(state.waiting) {
            return Err(Refusal::Dropped);
        }
        if state.by_addr.len() >= MAX_REMEMBERED && !state.by_addr.contains_key(&addr) {
            // Forget the addresses with nothing under way and no block in
            // force; their failures are the one thing lost.
            state.by_addr.retain(|_, s| {
                s.age(now);
                s.waiting > 0 || s.blocked_at(now).is_some()
            });
        }
        state.waiting += 1;
        state
            .by_addr
            .entry(addr)
            .or_insert_with(|| Source::new(now))
            .waiting += 1;
        Ok(Pass {
            gate: Arc::clone(self),
            addr,
            done: false,
        })
    }

    /// Connections let in and not logged in yet: in all, and from `addr`.
    pub fn waiting(&self, addr: IpAddr) -> (usize, usize) {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let one = state.by_addr.get(&addr).map_or(0, |s| s.waiting);
        (state.waiting, one)
    }

    /// How many addresses are remembered.
    pub fn remembered(&self) -> usize {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.by_addr.len()
    }

    /// A connection from `addr` stops counting as not logged in.
    fn leave(&self, addr: IpAddr, now: Instant, outcome: Outcome) -> Verdict {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.waiting = state.waiting.saturating_sub(1);
        let Some(source) = state.by_addr.get_mut(&addr) else {
            return Verdict::Nothing;
        };
        source.waiting = source.waiting.saturating_sub(1);
        source.age(now);
        let verdict = match outcome {
            Outcome::Quit => Verdict::Nothing,
            // Someone at this address holds a key: the failures so far were
            // most likely a colleague's mistake behind the same router, not
            // an attack. A block already given stands.
            Outcome::LoggedIn => {
                source.failures = 0;
                Verdict::Nothing
            }
            Outcome::Failed => {
                source.failures = source.failures.saturating_add(1);
                source.last_event = now;
                let after = self.limits.block_after;
                if after > 0 && source.failures >= after {
                    let doubled = 1u32.checked_shl(source.blocks).unwrap_or(u32::MAX);
                    let block = self.limits.block_for.saturating_mul(doubled).min(MAX_BLOCK);
                    let failures = source.failures;
                    source.blocked_until = Some(now + block);
                    source.blocks = source.blocks.saturating_add(1);
                    source.failures = 0;
                    Verdict::Blocked(block, failures)
                } else {
                    Verdict::Nothing
                }
            }
        };
        if source.is_empty() {
            state.by_addr.remove(&addr);
        }
        verdict
    }
}

/// How a connection that was let in stopped counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    LoggedIn,
    Failed,
    Quit,
}

/// A connection's place among those not logged in yet. Dropping it (the
/// client left without trying to log in) frees the place without counting
/// a failure.
pub struct Pass {
    gate: Arc<Gate>,
    addr: IpAddr,
    done: bool,
}

impl Pass {
    /// The address the connection came from.
    pub fn addr(&self) -> IpAddr {
        self.addr
    }

    /// The connection logged in: it no longer counts, and its address's
    /// failures are forgiven.
    pub fn logged_in(mut self, now: Instant) {
        self.done = true;
        self.gate.leave(self.addr, now, Outcome::LoggedIn);
    }

    /// The connection ended without logging in after a key was refused, or
    /// was closed when its grace time ran out: one failure for its address.
    pub fn failed(mut self, now: Instant) -> Verdict {
        self.done = true;
        self.gate.leave(self.addr, now, Outcome::Failed)
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        if !self.done {
            self.gate.leave(self.addr, Instant::now(), Outcome::Quit);
        }
    }
}
