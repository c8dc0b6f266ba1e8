//! Integration tests of the figure grammar, one module per area.

mod allocation;
mod cases;
mod fuzz_regressions;
mod properties;
mod scaling;

#[global_allocator]
static ALLOCATOR: allocation::Counting = allocation::Counting;

/// insta settings shared by the snapshot tests: snapshots live in the top-level
/// `snapshots/countercheck-grammar/` folder.
pub(crate) fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../snapshots/countercheck-grammar"
    ));
    s.set_prepend_module_to_snapshot(false);
    s
}
