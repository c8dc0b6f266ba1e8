//! Tests of the `countercheck` binary, run as a user runs it; one module per command.

mod extract;
mod figures;
mod graph;
mod report;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// insta settings: snapshots live in the top-level `snapshots/countercheck-cli/` folder.
pub(crate) fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../snapshots/countercheck-cli"
    ));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The workspace root, where relative paths like `data/samples` resolve.
pub(crate) const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Snapshots what `countercheck COMMAND data/samples --format F` prints, for each
/// (format, snapshot name), run from the workspace root so paths stay relative.
pub(crate) fn snapshot_samples(command: &str, formats: &[(&str, &str)]) {
    for &(format, name) in formats {
        let out = run_in(ROOT, &[command, "data/samples", "--format", format], b"");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        settings().bind(|| insta::assert_snapshot!(name, text));
    }
}

/// Runs `countercheck ARGS` with `stdin` as standard input.
pub(crate) fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_in(".", args, stdin)
}

/// Runs `countercheck ARGS` in the folder `dir`.
pub(crate) fn run_in(dir: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_countercheck"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the countercheck binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin accepts the input");
    child.wait_with_output().expect("countercheck finishes")
}
