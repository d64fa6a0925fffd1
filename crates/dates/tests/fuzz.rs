//! A fuzz of the date reader alone, run by `cargo test`: generated texts (the published forms, their pieces in
//! any order, any characters, long lists past the limits), read against calendar and academic years. Whatever
//! the text, the reader returns: a reading that keeps the model's promises, or an error that points inside the
//! text and says how to fix it. almanac's own fuzz (`tests/fuzz.rs` at the root) feeds the same texts through
//! its files.
//!
//! The seed is fixed and the cases bounded, so a run is repeatable; `ALMANAC_FUZZ_CASES=N` runs more by hand.

mod strategy;

use std::cell::Cell;

use almanac_dates::{Context, Lang, Occurrence, Precision, parse_when_in};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const SEED: [u8; 32] = *b"almanac-dates fuzz: fixed seed 1";

fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("ALMANAC_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 300, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED))
}

#[test]
fn any_text_reads_or_is_an_error() {
    let (read, refused) = (Cell::new(0), Cell::new(0));
    let contexts = [Context::calendar(2023), Context::starting(2024, 9), Context::calendar(i32::MAX)];
    let result = runner(3000).run(&strategy::when_text(2, 4, 1), |text| {
        for context in contexts {
            match parse_when_in(&text, context) {
                Ok(when) => {
                    read.set(read.get() + 1);
                    prop_assert!(when.start <= when.end, "{text:?} reads backwards: {when:?}");
                    prop_assert!(!when.in_words().is_empty());
                    // An English edition's words are English whatever the text: no CJK character.
                    let english = when.words_in(Lang::English);
                    prop_assert!(
                        !english.is_empty() && english.chars().all(|c| c.is_ascii() || c == '–'),
                        "{english:?}"
                    );
                    let all: Vec<Occurrence> = when.occurrences().collect();
                    prop_assert!(all.windows(2).all(|w| w[0].end < w[1].start), "{text:?}");
                    prop_assert!(all.iter().all(|o| when.start <= o.start && o.start <= o.end && o.end <= when.end));
                    prop_assert!(when.list.is_empty() || (when.list.len() >= 2 && when.time.is_none()), "{text:?}");
                    // A time only ever follows an exact day.
                    prop_assert!(when.time.is_none() || when.precision() <= Precision::Day, "{text:?}");
                }
                Err(e) => {
                    refused.set(refused.get() + 1);
                    prop_assert!(text.get(e.span()).is_some(), "{text:?}: {e:?}");
                    prop_assert!(e.len >= 1 || text.is_empty(), "{text:?}: {e:?}");
                    prop_assert!(!e.help().is_empty() && !e.to_string().is_empty());
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The generator must exercise both sides, or it proves little.
    let (read, refused) = (read.get(), refused.get());
    assert!(read >= 500 && refused >= 500, "read {read}, refused {refused}");
}
