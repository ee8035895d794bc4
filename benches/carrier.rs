//! How long the carrier language takes: translating one scan, writing its sentence, and reading
//! one raw response. Run with `cargo bench -p wismo --bench carrier`.

// Tests and benches read the shared reference data; only the core itself does no I/O.
#![allow(clippy::disallowed_methods)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use wismo::carrier::parse::{parse, Format};
use wismo::carrier::{recognise, translate, translate_plain, Carrier, Lang};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/carriers");

/// Every (carrier, code, description) row of the reference data, cycled through one per call.
fn rows() -> Vec<(Carrier, String, String)> {
    let data =
        std::fs::read_to_string(format!("{DATA}/carrier_codes.tsv")).expect("reference data");
    data.lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((
                Carrier::parse(cols.next()?),
                cols.next()?.to_owned(),
                cols.next()?.to_owned(),
            ))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = rows();
    let mut i = 0;
    c.bench_function("translate one event (code and description)", |b| {
        b.iter(|| {
            let (carrier, code, text) = &rows[i % rows.len()];
            i += 1;
            black_box(translate(carrier, code, text))
        })
    });
    let mut i = 0;
    c.bench_function("translate one event, text only", |b| {
        b.iter(|| {
            let (carrier, _, text) = &rows[i % rows.len()];
            i += 1;
            black_box(translate(carrier, "", text))
        })
    });
    let mut i = 0;
    c.bench_function("translate one event with its German sentence", |b| {
        b.iter(|| {
            let (carrier, code, text) = &rows[i % rows.len()];
            i += 1;
            black_box(translate_plain(
                carrier,
                code,
                text,
                Some("Leipzig"),
                Lang::De,
            ))
        })
    });
    let fedex = std::fs::read_to_string(format!("{DATA}/fixtures/fedex_delivered_front_door.xml"))
        .expect("fixture");
    c.bench_function("parse fedex-xml fixture (10 events)", |b| {
        b.iter(|| black_box(parse(Format::FedexXml, &fedex)))
    });
    let ups = std::fs::read_to_string(format!("{DATA}/fixtures/ups_customs_released.json"))
        .expect("fixture");
    c.bench_function("parse ups-json fixture", |b| {
        b.iter(|| black_box(parse(Format::UpsJson, &ups)))
    });
    c.bench_function("recognise a tracking number", |b| {
        b.iter(|| black_box(recognise(black_box("1Z999AA10123456784"))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
