//! `lawscore score` never destroys a file: an input is never overwritten, a device, FIFO
//! or socket is never replaced, outputs are whole or absent (after a failure or a signal
//! too), and no error passes for done (issue 9).

mod common;
use common::*;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

/// Every file under `dir` (links not followed): its path, bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut v = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let m = e.metadata().unwrap();
            v.push((
                e.path().to_path_buf(),
                fs::read(e.path()).unwrap(),
                m.modified().unwrap(),
            ));
        }
    }
    v
}

/// Names in `dir` that are lawscore temporaries.
fn temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".lawscore-tmp-") || n.ends_with(".tmp"))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A folder `dir/name` holding copies of two fixture reports.
fn reports(dir: &Path, name: &str) -> PathBuf {
    let d = dir.join(name);
    fs::create_dir_all(&d).unwrap();
    fs::copy(fixture("complete.txt"), d.join("a.txt")).unwrap();
    fs::copy(fixture("weak.txt"), d.join("weak.txt")).unwrap();
    d
}

/// Runs lawscore in English: these tests check what its refusals say (tests/messages_zh.rs
/// checks them in Chinese).
fn run(args: &[&str]) -> Output {
    run_to(args, Stdio::piped())
}

/// Runs lawscore (in English) with its standard output sent to `out`.
fn run_to(args: &[&str], out: impl Into<Stdio>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lawscore"))
        .env("LAWSCORE_LANG", "en")
        .args(args)
        .stdout(out)
        .output()
        .expect("run lawscore")
}

fn refused(o: &Output, says: &str) {
    assert_eq!(code(o), 2, "stdout: {}\nstderr: {}", stdout(o), stderr(o));
    assert!(stderr(o).contains(says), "{}", stderr(o));
}

#[test]
fn out_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r.txt");
    fs::copy(fixture("weak.txt"), &r).unwrap();
    let hard = dir.path().join("hard.txt");
    fs::hard_link(&r, &hard).unwrap();
    let soft = dir.path().join("soft.json");
    std::os::unix::fs::symlink("r.txt", &soft).unwrap();
    let before = snapshot(dir.path());
    // The same name, another name for the same inode, a link to it.
    for out in [&r, &hard, &soft] {
        let o = run(&["score", "--format", "json", "--out", s(out), s(&r)]);
        refused(&o, "is the input");
        assert!(stderr(&o).contains("r.txt"), "{}", stderr(&o));
    }
    // An input reached by walking a folder is an input too.
    let o = run(&["score", "--format", "text", "--out", s(&r), s(dir.path())]);
    refused(&o, "is the input");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "byte-identical, mtime unchanged"
    );
    assert!(fs::symlink_metadata(&soft).unwrap().is_symlink());
}

#[test]
fn standard_output_appended_to_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r.txt");
    fs::copy(fixture("weak.txt"), &r).unwrap();
    let before = snapshot(dir.path());
    let append = fs::OpenOptions::new().append(true).open(&r).unwrap();
    let o = run_to(&["score", s(&r)], append);
    refused(&o, "standard output is the input");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn html_out_that_holds_inputs_is_refused_before_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let site = reports(dir.path(), "site");
    fs::write(
        site.join("index.html"),
        "<p>某某县人民政府关于2023年度法治政府建设情况的报告</p>",
    )
    .unwrap();
    let before = snapshot(dir.path());
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&site),
    ]);
    refused(&o, "is the input");
    let index = site.join("index.html");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&index),
    ]);
    refused(&o, "holds the input");
    // Named from above: the walk finds the inputs inside the folder to be replaced.
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(dir.path()),
    ]);
    refused(&o, "holds the input");
    assert_eq!(snapshot(dir.path()), before);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn html_out_holding_other_files_is_refused_before_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), "in");
    let out = dir.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.md"), "my notes").unwrap();
    let before = snapshot(dir.path());
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&out),
        s(&input),
    ]);
    refused(&o, "choose a new or empty folder");
    assert!(stderr(&o).contains("notes.md"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()), before);

    // An empty folder is filled, a file is not a folder.
    fs::remove_file(out.join("notes.md")).unwrap();
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&out),
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(out.join("index.html").is_file() && out.join(".lawscore-scorecards").is_file());
    let file = input.join("a.txt");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&file),
        s(&input),
    ]);
    refused(&o, "a.txt");
}

#[test]
fn a_scorecard_folder_read_as_input_is_refused_as_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), "in");
    let cards = dir.path().join("cards");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&cards),
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = snapshot(&cards);
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&cards),
        s(&cards),
    ]);
    refused(&o, "is the input");
    assert_eq!(snapshot(&cards), before);
}

/// Runs `score --out special` for a path that is no regular file, and checks it is left as
/// it was: same kind of file, nothing beside it.
fn refuses_special(dir: &Path, special: &Path, format: &str) {
    let kind = |p: &Path| fs::symlink_metadata(p).unwrap().file_type();
    let was = kind(special);
    let weak = fixture("weak.txt");
    let o = run(&["score", "--format", format, "--out", s(special), s(&weak)]);
    refused(&o, "not a regular file");
    assert_eq!(kind(special), was, "still the same kind of file");
    assert!(temps(dir).is_empty());
}

#[test]
fn a_device_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    // A device node of our own (like /dev/null: char 1,3), never the machine's.
    let dev = dir.path().join("null");
    let made = Command::new("mknod")
        .args([s(&dev), "c", "1", "3"])
        .status()
        .is_ok_and(|st| st.success());
    if !made {
        return absent(
            "permission to make a device node (mknod)",
            "run the tests as root",
        );
    }
    refuses_special(dir.path(), &dev, "json");
}

#[test]
fn a_fifo_or_socket_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    refuses_special(dir.path(), &fifo, "csv");
    let sock = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    refuses_special(dir.path(), &sock, "text");
}

#[test]
fn an_existing_output_keeps_its_mode_and_a_new_one_gets_the_usual() {
    let dir = tempfile::tempdir().unwrap();
    let weak = fixture("weak.txt");
    let private = dir.path().join("private.json");
    fs::write(&private, "old").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    let o = run(&["score", "--format", "json", "--out", s(&private), s(&weak)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&private), 0o600);
    assert!(fs::read_to_string(&private)
        .unwrap()
        .contains("lawscore.scorecards/1"));
    // A new file gets what any new file gets here: 0666 less the umask.
    let usual = dir.path().join("usual");
    fs::File::create(&usual).unwrap();
    let new = dir.path().join("new.csv");
    let o = run(&["score", "--format", "csv", "--out", s(&new), s(&weak)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(mode(&new), mode(&usual));
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn a_symlinked_out_is_followed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let weak = fixture("weak.txt");
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/cards.json");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("cards.json");
    std::os::unix::fs::symlink("real/cards.json", &link).unwrap();
    let o = run(&["score", "--format", "json", "--out", s(&link), s(&weak)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link).unwrap().is_symlink(),
        "the link is kept"
    );
    assert!(fs::read_to_string(&target)
        .unwrap()
        .contains("lawscore.scorecards/1"));

    // A folder too: the link stays, the folder it points to is replaced.
    let input = reports(dir.path(), "in");
    let site = dir.path().join("real/site");
    let site_link = dir.path().join("site");
    std::os::unix::fs::symlink("real/site", &site_link).unwrap();
    for _ in 0..2 {
        let o = run(&[
            "score",
            "-q",
            "--format",
            "html",
            "--out",
            s(&site_link),
            s(&input),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(fs::symlink_metadata(&site_link).unwrap().is_symlink());
        assert!(site.join("index.html").is_file());
    }
    assert!(temps(dir.path()).is_empty() && temps(&dir.path().join("real")).is_empty());
}

#[test]
fn a_failed_write_to_standard_output_is_exit_2() {
    let weak = fixture("weak.txt");
    for format in ["json", "text"] {
        let full = fs::File::create("/dev/full").unwrap();
        let o = run_to(&["score", "--format", format, s(&weak)], full);
        refused(&o, "cannot write to standard output");
    }
    let full = fs::File::create("/dev/full").unwrap();
    let o = run_to(&["rules", "list"], full);
    refused(&o, "cannot write to standard output");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lawscore"))
        // Quiet: with no summary line, anything on standard error would be a complaint.
        .args([
            "score",
            "-q",
            "--format",
            "json",
            s(&fixture("complete.txt")),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once, as `| head -c0` would.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn inputs_that_hold_no_report_are_exit_2_and_pass_no_gate() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let notes = dir.path().join("notes");
    fs::create_dir(&notes).unwrap();
    fs::write(notes.join("a.md"), "不是报告").unwrap();
    let missing = dir.path().join("missing.txt");
    for paths in [vec![&empty], vec![&notes], vec![&missing, &empty]] {
        let mut args = vec!["score", "--fail-under", "90", "--format", "json"];
        args.extend(paths.iter().map(|p| s(p)));
        let o = run(&args);
        refused(&o, "no report found");
        for p in &paths {
            assert!(
                stderr(&o).contains(s(p)),
                "names {}: {}",
                p.display(),
                stderr(&o)
            );
        }
        assert!(o.stdout.is_empty(), "nothing written: {}", stdout(&o));
    }
    // A good earlier output is not replaced by an empty one.
    let input = reports(dir.path(), "in");
    let site = dir.path().join("site");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = snapshot(&site);
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&empty),
    ]);
    refused(&o, "no report found");
    assert_eq!(snapshot(&site), before);
}

#[test]
fn a_scorecard_folder_is_skipped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), "in");
    let cards = input.join("cards");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&cards),
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&["score", "--format", "json", s(&input)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["reports"].as_array().unwrap().len(), 2);
    let said = format!(
        "{} is a lawscore scorecard folder, skipped",
        cards.display()
    );
    assert!(stderr(&o).contains(&said), "{}", stderr(&o));
    // Named alone, it is skipped too, and then nothing is left to score.
    let o = run(&["score", "--fail-under", "0", s(&cards)]);
    refused(&o, &said);
    assert!(stderr(&o).contains("no report found"), "{}", stderr(&o));
}

#[test]
fn a_failed_html_run_leaves_the_old_output_and_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), "in");
    fs::copy(fixture("complete.txt"), input.join("z.txt")).unwrap();
    let site = dir.path().join("site");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = snapshot(&site);
    // A page template that fails at render time for one report only, after others have
    // been written.
    let tpl = dir.path().join("tpl");
    fs::create_dir(&tpl).unwrap();
    fs::write(
        tpl.join("report.html"),
        "{% if \"weak\" in card.source.path %}{{ undefined_var.x }}{% endif %}NEW {{ card.source.path }}\n",
    )
    .unwrap();
    let o = run(&[
        "score",
        "-q",
        "--templates",
        s(&tpl),
        "--format",
        "html",
        "--out",
        s(&site),
        s(&input),
    ]);
    refused(&o, "undefined_var");
    assert!(stderr(&o).contains("is as it was"), "{}", stderr(&o));
    assert_eq!(snapshot(&site), before, "the previous output is untouched");
    assert!(temps(dir.path()).is_empty(), "{:?}", temps(dir.path()));
}

/// Sends `sig` to a process with the `kill` command.
fn signal(pid: u32, sig: &str) {
    let st = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success(), "kill {sig} {pid}");
}

#[test]
fn sigterm_mid_run_removes_the_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    for i in 0..60 {
        fs::copy(fixture("complete.txt"), input.join(format!("r{i:03}.txt"))).unwrap();
    }
    let site = dir.path().join("site");
    let first = input.join("r000.txt");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&first),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = snapshot(&site);
    let args = [
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&input),
    ];
    let mut caught = false;
    // The temporary folder lives only while pages are written; a run that finished before
    // it was seen is tried again.
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lawscore"))
            .args(args)
            .spawn()
            .unwrap();
        let seen = loop {
            if !temps(dir.path()).is_empty() {
                // Frozen where it is, so the signal lands mid-write.
                signal(child.id(), "-STOP");
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        if !seen {
            continue;
        }
        signal(child.id(), "-TERM");
        signal(child.id(), "-CONT");
        let st = child.wait().unwrap();
        assert!(!st.success(), "stopped by the signal: {st:?}");
        caught = true;
        break;
    }
    assert!(caught, "never saw the run's temporary folder");
    assert!(temps(dir.path()).is_empty(), "{:?}", temps(dir.path()));
    assert_eq!(snapshot(&site), before, "the previous output is untouched");
}

/// A pid that no process has now.
fn dead_pid() -> u32 {
    (100_000..4_000_000)
        .rev()
        .step_by(7919)
        .find(|p| !Path::new(&format!("/proc/{p}")).exists())
        .unwrap()
}

#[test]
fn stale_temporaries_of_a_killed_run_are_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), "in");
    let dead = dead_pid();
    let stale_dir = dir
        .path()
        .join(format!(".site.lawscore-tmp-{dead}-0000abcd"));
    fs::create_dir(&stale_dir).unwrap();
    fs::write(stale_dir.join("a-12345678.html"), "half a page").unwrap();
    let stale_file = dir
        .path()
        .join(format!(".cards.json.lawscore-tmp-{dead}-0000beef"));
    fs::write(&stale_file, "half a file").unwrap();
    // This test's own process is alive: its temporary may be in use, so it stays.
    let live = dir
        .path()
        .join(format!(".x.lawscore-tmp-{}-0000cafe", std::process::id()));
    fs::write(&live, "in use").unwrap();

    // The walk never reads a temporary as a report.
    fs::write(
        input.join(format!(".a.txt.lawscore-tmp-{dead}-00000001")),
        SHORT_REPORT,
    )
    .unwrap();
    let o = run(&["score", "--format", "json", s(&input)]);
    assert_eq!(json(&o)["reports"].as_array().unwrap().len(), 2);

    let site = dir.path().join("site");
    let o = run(&[
        "score",
        "-q",
        "--format",
        "html",
        "--out",
        s(&site),
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        !stale_dir.exists() && !stale_file.exists(),
        "{:?}",
        temps(dir.path())
    );
    assert!(live.exists());
}

#[test]
fn symlinked_reports_in_a_folder_are_read_and_bad_links_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::copy(fixture("complete.txt"), dir.path().join("real.txt")).unwrap();
    std::os::unix::fs::symlink("../../real.txt", input.join("sub/linked.txt")).unwrap();
    std::os::unix::fs::symlink("gone.txt", input.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("..", input.join("sub/loop")).unwrap();
    let o = run(&["score", "--format", "json", s(&input)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(
        d["reports"].as_array().unwrap().len(),
        1,
        "the linked report is read"
    );
    assert!(d["reports"][0]["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("sub/linked.txt"));
    let err = stderr(&o);
    assert!(
        err.contains("dangling.txt: a broken link") && err.contains("gone.txt"),
        "{err}"
    );
    assert!(err.contains("sub/loop: a link loop"), "{err}");
}

#[test]
fn odd_file_names_stay_on_one_line_on_stderr() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad\nname.txt"), "").unwrap();
    let invalid = dir.path().join(std::ffi::OsStr::from_bytes(b"inv\xff.txt"));
    fs::write(&invalid, "").unwrap();
    let o = run(&["score", "-q", s(dir.path())]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one line per file: {err}");
    assert!(
        lines.iter().any(|l| l.contains("bad\\nname.txt: no text")),
        "{err}"
    );
    assert!(
        lines.iter().any(|l| l.contains("inv\\xff.txt: no text")),
        "{err}"
    );
}

/// `--fail-under nan` would pass every report (no score is below NaN) and a threshold
/// outside 0–100 gates nothing meaningful: both are refused before anything is scored,
/// and a real threshold still fails a weak report.
#[test]
fn a_gate_that_cannot_fail_is_refused() {
    let weak = fixture("weak.txt");
    for bad in ["nan", "NaN", "inf", "-1", "101", "seventy"] {
        let o = run_to(&["score", "--fail-under", bad, s(&weak)], Stdio::piped());
        refused(&o, bad);
        assert!(stdout(&o).is_empty(), "{bad}: {}", stdout(&o));
    }
    let o = run_to(&["score", "--fail-under", "99", s(&weak)], Stdio::piped());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}
