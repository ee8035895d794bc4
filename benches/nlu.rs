//! How long understanding one typical message takes (intent, language and entities).

use criterion::{black_box, criterion_group, criterion_main, Criterion};

const MESSAGES: &[&str] = &[
    "where is my order #1020?",
    "wher is my oder",
    "I don't want to cancel, just tell me where it is",
    "¿dónde está mi pedido?",
    "I ordered this for a wedding on Saturday, will it reach my hotel in Chicago in time?",
    "it says delivered but I can't find it anywhere, call me on +1 415 555 0100",
    "I forgot my password",
];

fn bench(c: &mut Criterion) {
    let now = "2026-11-19T15:00:00Z".parse().unwrap();
    let tz: wismo::Zone = chrono_tz::America::New_York.into();
    // Load the model once outside the measurement, as a long-running process would.
    wismo::nlu::classify("warm up");
    c.bench_function("classify_at (7 typical messages, per message)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % MESSAGES.len();
            black_box(wismo::nlu::classify_at(black_box(MESSAGES[i]), now, tz))
        })
    });
    c.bench_function("classify_intent only", |b| {
        b.iter(|| black_box(wismo::nlu::classify_intent(black_box(MESSAGES[4]))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
