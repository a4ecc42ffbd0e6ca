//! Helpers shared by the command-line tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether the tests run in CI: `CI` set, as CI services set it, to anything but `false`,
/// `0` or nothing.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Gives up a test that cannot run without `what`. Under CI the setup provides it (`fix`
/// says how), so its absence is a broken setup and the test fails; elsewhere the test says
/// it skipped and passes.
pub fn absent(what: &str, fix: &str) {
    assert!(
        !in_ci(),
        "{what} is missing under CI={}; {fix}",
        std::env::var("CI").unwrap_or_default()
    );
    println!("SKIPPED: {what} not found ({fix}); the test did not run");
}

/// The seed reports, real published reports kept beside the clone in
/// ../shared/corpus/seeds; `None` (after [`absent`]) when they are not there. The path is
/// relative to the crate (where cargo runs tests), as the recorded seed JSON quotes it.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from("../shared/corpus/seeds");
    if dir.is_dir() {
        return Some(dir);
    }
    absent(
        "the seed folder ../shared/corpus/seeds",
        "lay the shared corpus beside the clone",
    );
    None
}

/// Runs the lawscore binary with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(args)
        .output()
        .expect("run lawscore")
}

/// Runs the binary with `input` on standard input.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn lawscore");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit status.
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Exports the built-in pack into a fresh temp dir.
pub fn exported_pack() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pack");
    let o = run(&["rules", "export", p.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    (dir, p)
}

/// Replaces the first occurrence of `from` in a file, failing if absent.
pub fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(
        s.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

/// A fixture report from tests/fixtures/reports.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
}

/// A small complete-enough report used across tests, written to `dir/name`.
pub fn write_report(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// Parses `--format json` output.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// Status of an element in the first report of a JSON document.
pub fn status(doc: &serde_json::Value, id: &str) -> String {
    doc["reports"][0]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string()
}

pub const SHORT_REPORT: &str = "某某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）党政主要负责人履行推进法治建设第一责任人职责情况\n县长认真履行推进法治建设第一责任人职责，亲自听取法治政府建设工作汇报2次，作出批示5次。\n县政府常务会议会前学法12次。组织年终述法。\n（二）规范性文件\n全年审核规范性文件12件，报送备案12件，开展规范性文件清理1次。\n二、存在的问题\n一是基层执法力量薄弱；二是述法工作不够深入；三是普法形式单一。\n三、2024年工作安排\n一是充实基层执法力量；二是深化述法工作；三是创新普法形式。\n特此报告。\n某某县人民政府\n2024年2月20日\n";
