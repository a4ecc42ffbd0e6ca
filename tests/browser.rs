//! The HTML pages in a real browser: Debian's Chromium, headless, driven over the DevTools
//! protocol on a pipe (`--remote-debugging-pipe`), so the test needs no Node, no WebDriver and
//! no network port. Chromium reads commands from fd 3 and writes replies to fd 4; `sh` maps
//! those onto the child's stdin and stdout. Messages are JSON, each ended by a NUL byte.
//!
//! It checks that the pages load without script errors, console errors or any request that
//! leaves the page (they must work offline), that clicking a header of the overview sorts the
//! table numerically both ways and sets `aria-sort`, and that an overview of 1,000 reports
//! opens quickly. It leaves screenshots in `target/browser/` (`report.png`, `index.png`,
//! `report-print.png`) for a person to look at.
//!
//! Without `/usr/bin/chromium` the test prints `SKIPPED` and passes, except under `CI=true`,
//! where `.ci/setup-browser` has installed it and its absence fails the test. A NUL-ended message protocol needs no crate beyond serde_json, and a pipe
//! cannot collide with another test's port.

mod common;
#[path = "render_support/mod.rs"]
mod fixture;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use lawscore::render::{write_html_dir, Batch, Templates};
use serde_json::{json, Value};

/// Debian's Chromium; `LAWSCORE_CHROMIUM` points elsewhere (or at nothing, to see the skip).
fn chromium() -> PathBuf {
    std::env::var_os("LAWSCORE_CHROMIUM").map_or_else(|| "/usr/bin/chromium".into(), PathBuf::from)
}
/// Generous: the machine is shared with other builds.
const WAIT: Duration = Duration::from_secs(60);

struct Browser {
    child: Child,
    input: ChildStdin,
    output: Receiver<Value>,
    next_id: u64,
    /// Events received while waiting for a reply, kept for later checks.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(log: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let stderr = std::fs::File::create(log).unwrap();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1280,2000",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("start chromium");
        let input = child.stdin.take().unwrap();
        let mut out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 64 * 1024];
            loop {
                let n = match out.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                buf.extend_from_slice(&chunk[..n]);
                while let Some(end) = buf.iter().position(|&b| b == 0) {
                    let msg: Vec<u8> = buf.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice(&msg[..end]) {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            input,
            output: rx,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        }
    }

    fn recv(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.output.recv_timeout(left) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("chromium did not answer in {WAIT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("chromium closed the pipe"),
        }
    }

    /// Sends a command (to a page when `session` is given) and returns its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.input.write_all(&bytes).unwrap();
        self.input.flush().unwrap();
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.recv(deadline);
            if v["id"] == id {
                if let Some(err) = v.get("error") {
                    panic!("{method} failed: {err}");
                }
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// Waits for an event of `session`, looking first at those already received.
    fn wait_for(&mut self, session: &str, method: &str) -> Value {
        let matches = |v: &Value| v["method"] == method && v["sessionId"] == session;
        if let Some(i) = self.events.iter().position(matches) {
            return self.events.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.recv(deadline);
            if matches(&v) {
                return v;
            }
            self.events.push(v);
        }
    }

    /// Opens `url` in a new tab of the given size and waits for its load event.
    fn open(&mut self, url: &str, width: u32, height: u32) -> String {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let s = attached["sessionId"].as_str().unwrap().to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            self.call(Some(&s), domain, json!({}));
        }
        self.call(
            Some(&s),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        self.call(Some(&s), "Page.navigate", json!({"url": url}));
        self.wait_for(&s, "Page.loadEventFired");
        s
    }

    /// Evaluates `expr` in the page and returns its value.
    fn eval(&mut self, session: &str, expr: &str) -> Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expr} threw: {ex}");
        }
        r["result"]["value"].clone()
    }

    fn screenshot(&mut self, session: &str, path: &Path) {
        let shot = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({"format": "png"}),
        );
        let png = base64_decode(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// What went wrong in `session` so far: uncaught exceptions, console errors, log errors
    /// (CSP violations land here) and any request for something other than a local file.
    fn problems(&mut self, session: &str) -> Vec<String> {
        // A round trip makes sure events raised before it have arrived.
        self.eval(session, "0");
        let mut out = Vec::new();
        for v in self.events.iter().filter(|v| v["sessionId"] == session) {
            let p = &v["params"];
            match v["method"].as_str().unwrap_or("") {
                "Runtime.exceptionThrown" => {
                    out.push(format!("uncaught: {}", p["exceptionDetails"]))
                }
                "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                    out.push(format!("console.error: {}", p["args"]))
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    out.push(format!("log: {}", p["entry"]["text"]))
                }
                "Network.requestWillBeSent" => {
                    let url = p["request"]["url"].as_str().unwrap_or("");
                    if !(url.starts_with("file://") || url.starts_with("data:")) {
                        out.push(format!("request: {url}"));
                    }
                }
                _ => {}
            }
        }
        out
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= (val(c) as u32) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// Clicks the 得分 header twice and the 报告 header once; returns what the table showed.
const SORT_PROBE: &str = r#"(() => {
  const t = document.getElementById("rank");
  const heads = [...t.tHead.rows[0].cells];
  const col = heads.findIndex(th => th.textContent.trim() === "得分");
  const scores = () => [...t.tBodies[0].rows].map(r => parseFloat(r.cells[col].textContent));
  const button = heads[col].querySelector("button");
  const out = { buttons: heads.filter(th => th.querySelector("button")).length, heads: heads.length };
  out.initial = heads[col].getAttribute("aria-sort");
  button.click();
  out.asc = scores(); out.ariaAsc = heads[col].getAttribute("aria-sort");
  button.click();
  out.desc = scores(); out.ariaDesc = heads[col].getAttribute("aria-sort");
  heads[0].querySelector("button").click();
  out.others = heads.filter(th => th !== heads[0] && th.hasAttribute("aria-sort")).length;
  out.rows = t.tBodies[0].rows.length;
  return out;
})()"#;

#[test]
fn pages_work_in_chromium() {
    if !chromium().exists() {
        common::absent(
            &format!("Chromium at {}", chromium().display()),
            "run .ci/setup-browser",
        );
        return;
    }
    let out: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    let site = out.join("site");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).unwrap();

    let (cards, texts) = fixture::cards(50);
    let errors = fixture::errors();
    let pack = fixture::pack();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errors,
        pack,
    };
    let t = Templates::builtin();
    let written = write_html_dir(&site, &b, &t).unwrap();
    let report = &written[0];
    let index = written.last().unwrap();

    let mut browser = Browser::launch(&out.join("chromium.log"));

    // The report page, on screen and as printed.
    let s = browser.open(&url(report), 1280, 2000);
    let facts = browser.eval(
        &s,
        r#"({ marks: document.querySelectorAll("mark").length,
              lines: document.querySelectorAll(".l[id^=L]").length,
              title: document.title,
              fontOk: document.fonts.check("16px 'WenQuanYi Zen Hei'") || document.fonts.check("16px 'Noto Sans CJK SC'") })"#,
    );
    assert!(facts["marks"].as_u64().unwrap() > 0, "{facts}");
    assert_eq!(
        facts["lines"].as_u64().unwrap() as usize,
        texts[0].lines().count()
    );
    assert!(
        facts["title"].as_str().unwrap().contains("杭州市人民政府"),
        "{facts}"
    );
    browser.screenshot(&s, &out.join("report.png"));
    browser.call(
        Some(&s),
        "Emulation.setEmulatedMedia",
        json!({"media": "print"}),
    );
    let nav = browser.eval(
        &s,
        r#"getComputedStyle(document.querySelector("nav.top")).display"#,
    );
    assert_eq!(nav, "none", "no navigation on paper");
    browser.screenshot(&s, &out.join("report-print.png"));
    assert_eq!(browser.problems(&s), Vec::<String>::new(), "report page");

    // The overview: sorting by clicking headers.
    let s = browser.open(&url(index), 1280, 2000);
    let sort = browser.eval(&s, SORT_PROBE);
    let nums = |k: &str| -> Vec<f64> {
        sort[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    let (asc, desc) = (nums("asc"), nums("desc"));
    assert_eq!(sort["buttons"], sort["heads"], "every header sorts: {sort}");
    assert!(sort["initial"].is_null(), "{sort}");
    assert_eq!(asc.len(), 50);
    assert!(
        asc.windows(2).all(|w| w[0] <= w[1]),
        "numeric ascending: {asc:?}"
    );
    assert!(
        asc[0] < 10.0 && asc[49] > 50.0,
        "a real spread, so a string sort would fail"
    );
    assert!(
        desc.windows(2).all(|w| w[0] >= w[1]),
        "descending: {desc:?}"
    );
    assert_eq!(sort["ariaAsc"], "ascending");
    assert_eq!(sort["ariaDesc"], "descending");
    assert_eq!(sort["others"], 0, "only the sorted column is marked");
    assert_eq!(sort["rows"], 50);
    // Back to the initial order, for the screenshot.
    browser.call(Some(&s), "Page.reload", json!({}));
    browser.wait_for(&s, "Page.loadEventFired");
    browser.screenshot(&s, &out.join("index.png"));
    assert_eq!(browser.problems(&s), Vec::<String>::new(), "overview page");

    // The error capture itself works: a thrown error must be seen.
    browser.eval(
        &s,
        r#"setTimeout(() => { throw new Error("probe") }, 0); 0"#,
    );
    browser.wait_for(&s, "Runtime.exceptionThrown");

    // A thousand reports: the overview must still open quickly.
    let (many, many_texts) = fixture::cards(1000);
    let big = Batch {
        cards: &many,
        texts: &many_texts,
        errors: &[],
        pack,
    };
    let pages: Vec<String> = many.iter().map(lawscore::render::page_file_name).collect();
    let started = Instant::now();
    let html = t.index(&big, &pages).unwrap();
    let render_ms = started.elapsed().as_millis();
    let big_index = out.join("index-1000.html");
    std::fs::write(&big_index, &html).unwrap();
    let s = browser.open(&url(&big_index), 1280, 2000);
    let load_ms = browser.eval(
        &s,
        r#"(() => { const n = performance.getEntriesByType("navigation")[0]; return n.loadEventEnd - n.startTime; })()"#,
    );
    let load_ms = load_ms.as_f64().unwrap();
    println!(
        "1,000-report overview: {} KB, rendered in {render_ms} ms, loaded in {load_ms:.0} ms",
        html.len() / 1024
    );
    assert!(
        load_ms < 8000.0,
        "overview of 1,000 reports took {load_ms} ms to load"
    );
    assert_eq!(
        browser.problems(&s),
        Vec::<String>::new(),
        "1,000-report overview"
    );
    browser.call(None, "Browser.close", json!({}));
}
