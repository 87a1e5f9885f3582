//! Every entry of every built-in language pack carries examples: in a `bad`
//! example etiquette flags exactly the words in […], in a `good` one nothing.

use etiquette::packs::Packs;
use etiquette::rules::examples::check_examples;

#[test]
fn every_pack_example_holds() {
    let packs = Packs::builtin();
    let mut examples = 0;
    let mut failures = Vec::new();
    for pack in packs.iter() {
        examples += pack
            .entries
            .iter()
            .map(|e| e.examples.bad.len() + e.examples.good.len())
            .sum::<usize>();
        failures.extend(
            check_examples(pack, &packs, |_| true)
                .iter()
                .map(ToString::to_string),
        );
    }
    assert!(examples > 0);
    assert!(
        failures.is_empty(),
        "{} of {examples} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
