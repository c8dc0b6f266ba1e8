//! Long runs of number words and digits finish and read as many short figures, not one
//! long one: the scanner never backtracks over what it has read.

use countercheck_grammar::figures;

#[test]
fn long_run_of_number_words() {
    let text = "one hundred and ".repeat(65_536);
    let found = figures(&text).count();
    // "one hundred and one" takes two rounds, then the next starts at "hundred".
    assert!(found > 30_000, "{found} figures");
}

#[test]
fn long_run_of_digits_and_commas() {
    let text = "1,000,".repeat(170_000);
    let n = figures(&text).count();
    assert!(n > 100_000, "{n} figures");
    let digits = "9".repeat(1 << 20);
    assert_eq!(
        figures(&digits).count(),
        0,
        "an overflowing number is no figure"
    );
}
