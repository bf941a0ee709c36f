//! Reading the SSH server's users file (issue 10): 2,001 and 20,001 users of
//! every role, delegates and secretaries resolved against the demo data. The
//! two sizes show the load is linear (it used to be quadratic: 20,001 users
//! took 9.5 s). See `docs/benchmarks.md`.
//!
//! Run with `cargo bench --bench users`.

use criterion::{Criterion as Bench, criterion_group, criterion_main};
use std::time::Duration;
use thidua::serve::users::Users;
use thidua::store::Store;

#[path = "../tests/common/many_users.rs"]
mod many_users;
use many_users::many_users as users_file;

fn load(c: &mut Bench) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let mut group = c.benchmark_group("users_file");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for n in [2_001, 20_001] {
        let text = users_file(n);
        group.bench_function(format!("parse_{n}_users"), |b| {
            b.iter(|| Users::parse(&text, &store).expect("parse"))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
