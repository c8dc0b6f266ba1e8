//! Bench input made from the project's own text files. Shared by the benches of the
//! grammar and of the graph (the latter includes this file by path).

use std::fs;
use std::path::Path;

/// The `.txt` files of `dir` (under `data/`), in path order.
pub(crate) fn texts(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(dir);
    let mut paths: Vec<_> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| fs::read_to_string(p).expect("readable text file"))
        .collect()
}

/// About `size` bytes made of the `.txt` files of `dir` (under `data/`), repeated.
pub(crate) fn corpus(dir: &str, size: usize) -> String {
    repeat_to(&texts(dir).concat(), size)
}

/// `unit` repeated to at least `size` bytes.
pub(crate) fn repeat_to(unit: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + unit.len());
    while out.len() < size {
        out.push_str(unit);
    }
    out
}
