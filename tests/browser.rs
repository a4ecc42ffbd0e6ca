//! The HTML pages in a real browser: Debian's Chromium, headless, driven over the DevTools
//! protocol on a pipe (`--remote-debugging-pipe`), so the test needs no Node, no WebDriver and
//! no network port. Chromium reads commands from fd 3 and writes replies to fd 4; `sh` maps
//! those onto the child's stdin and stdout. Messages are JSON, each ended by a NUL byte.
//!
//! It checks that the pages load without script errors, console errors or any request that
//! leaves the page (they must work offline); that the overview opens best score first and
//! clicking a header sorts the table numerically both ways and sets `aria-sort`; that its
//! filters and search show the rows the data says they should; that the report page folds
//! its sections and shows only what is missing on request; that both pages fit a 390 px
//! phone (no sideways page scroll, score, grade and histogram in view); that printed (A4,
//! the overview landscape) they take a sane number of pages, nothing is wider than the paper
//! and no interactive hint is on it; and that an overview of 1,000 reports opens quickly.
//! It leaves screenshots at 1280 and 390 px and the PDFs in `target/browser/`
//! (`report-1280.png`, `report-390.png`, `report-print.png`, `report.pdf`, and the same for
//! `index`) for a person to look at.
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

use lawscore::model::scorecard::Status;
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
            .arg(r##"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"##)
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
        self.open_as(url, width, height, false)
    }

    /// Opens `url` as a phone shows it: `width` CSS pixels, a mobile viewport (the page's
    /// `<meta name=viewport>` counts) and two device pixels per CSS pixel.
    fn open_phone(&mut self, url: &str, width: u32) -> String {
        self.open_as(url, width, 844, true)
    }

    fn open_as(&mut self, url: &str, width: u32, height: u32, mobile: bool) -> String {
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
            json!({"width": width, "height": height, "deviceScaleFactor": if mobile { 2 } else { 1 }, "mobile": mobile}),
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

    /// The page's top, down to 3,000 CSS pixels, as a PNG at `path`.
    fn screenshot(&mut self, session: &str, path: &Path) {
        let size = self.eval(
            session,
            "({ w: innerWidth, h: Math.min(document.scrollingElement.scrollHeight, 3000) })",
        );
        let shot = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": size["w"], "height": size["h"], "scale": 1}}),
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

    /// The page printed on A4 (8.27 × 11.69 in) as the page's own `@page` rule turns it,
    /// saved at `path`: (pages, whether they are landscape).
    fn print_pdf(&mut self, session: &str, path: &Path) -> (usize, bool) {
        let pdf = self.call(
            Some(session),
            "Page.printToPDF",
            json!({"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true,
                   "preferCSSPageSize": true}),
        );
        let bytes = base64_decode(pdf["data"].as_str().unwrap());
        assert!(bytes.starts_with(b"%PDF"), "a PDF");
        std::fs::write(path, &bytes).unwrap();
        (pdf_pages(&bytes), pdf_landscape(&bytes))
    }

    /// Shows the page as printed, `width` CSS pixels wide: the paper's printable width.
    fn emulate_print(&mut self, session: &str, width: u32) {
        self.call(
            Some(session),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 1100, "deviceScaleFactor": 1, "mobile": false}),
        );
        self.call(
            Some(session),
            "Emulation.setEmulatedMedia",
            json!({"media": "print"}),
        );
    }
}

/// Page objects in a PDF: `/Type /Page`, not the `/Type /Pages` tree above them.
fn pdf_pages(pdf: &[u8]) -> usize {
    let key = b"/Type /Page";
    let tight = b"/Type/Page";
    let count = |k: &[u8]| {
        pdf.windows(k.len() + 1)
            .filter(|w| &w[..k.len()] == k && w[k.len()] != b's')
            .count()
    };
    count(key) + count(tight)
}

/// Whether the first page's `/MediaBox [0 0 w h]` is wider than high.
fn pdf_landscape(pdf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/MediaBox").expect("a MediaBox");
    let nums: Vec<f64> = text[at + 9..]
        .trim_start_matches([' ', '['])
        .split(|c: char| c == ']' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .take(4)
        .map(|t| t.parse().expect("a MediaBox number"))
        .collect();
    nums[2] - nums[0] > nums[3] - nums[1]
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
const SORT_PROBE: &str = r##"(() => {
  const t = document.getElementById("rank");
  const heads = [...t.tHead.rows[0].cells];
  const col = heads.findIndex(th => th.textContent.trim() === "得分");
  const scores = () => [...t.tBodies[0].rows].map(r => parseFloat(r.cells[col].textContent));
  const button = heads[col].querySelector("button");
  const out = { buttons: heads.filter(th => th.querySelector("button")).length, heads: heads.length };
  out.initial = heads[col].getAttribute("aria-sort");
  out.first = scores();
  button.click();
  out.asc = scores(); out.ariaAsc = heads[col].getAttribute("aria-sort");
  button.click();
  out.desc = scores(); out.ariaDesc = heads[col].getAttribute("aria-sort");
  heads[0].querySelector("button").click();
  out.others = heads.filter(th => th !== heads[0] && th.hasAttribute("aria-sort")).length;
  out.rows = t.tBodies[0].rows.length;
  return out;
})()"##;

/// What does not fit the viewport: the page's scroll width, the viewport's width, and the
/// elements that reach past its right edge outside any box that scrolls or clips them
/// (`boxes` false: counting those too, as on paper, where nothing scrolls).
fn fit_probe(boxes: bool) -> String {
    format!(
        r##"(() => {{
  const W = innerWidth, out = [];
  for (const el of document.querySelectorAll("body *")) {{
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let p = el.parentElement, boxed = false;
    while ({boxes} && p && !boxed) {{
      const o = getComputedStyle(p).overflowX;
      boxed = o === "auto" || o === "scroll" || o === "hidden";
      p = p.parentElement;
    }}
    if (!boxed) out.push(el.tagName.toLowerCase() + "." + el.className + " right " + Math.round(r.right));
  }}
  return {{ scroll: document.scrollingElement.scrollWidth, inner: W, over: out.slice(0, 10) }};
}})()"##
    )
}

/// Whether every element matching a selector lies inside the viewport, left to right.
fn in_view(selector: &str) -> String {
    format!(
        r##"(() => {{ const els = [...document.querySelectorAll({selector:?})];
  return els.length > 0 && els.every(e => {{ const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth + 0.5 && r.width > 0; }}); }})()"##
    )
}

/// Sets the overview's filters (`element_id` picks an element by its id) as a person would,
/// firing the events a person's input fires, and returns what the page then shows.
fn filter_probe(set: &Value) -> String {
    format!(
        r##"((o) => {{
  const f = document.getElementById("filters");
  for (const el of f.elements) if (el.name) el.value = el.name === "status" ? "mp" : "";
  f.elements.category.dispatchEvent(new Event("change", {{ bubbles: true }}));
  for (const [k, v] of Object.entries(o)) {{
    const el = k === "element_id" ? f.elements.element : f.elements[k];
    el.value = k === "element_id" ? el.querySelector('option[data-id="' + v + '"]').value : v;
    el.dispatchEvent(new Event(k === "q" ? "input" : "change", {{ bubbles: true }}));
  }}
  const seen = sel => [...document.querySelectorAll(sel)].filter(r => r.getClientRects().length > 0);
  const rows = seen("#rank tbody tr");
  return {{ shown: rows.length, names: rows.map(r => r.cells[0].textContent.trim()),
            heat: seen(".heat tbody tr").length, count: document.getElementById("count").textContent.trim() }};
}})({set})"##
    )
}

/// What a printed page must not show: the interactive hints, and whether they are hidden.
const PRINT_HINTS: &str = r##"(() => {
  const text = document.body.innerText;
  const hidden = sel => [...document.querySelectorAll(sel)].every(e => getComputedStyle(e).display === "none" || e.getClientRects().length === 0);
  return { words: ["点击表头", "按此列排序", "清除筛选", "只看缺失", "搜索", "⇅"].filter(w => text.includes(w)),
           hidden: hidden("#filters, #rank th button, #only-open, nav.top"),
           closed: document.querySelectorAll("details:not([open])").length };
})()"##;

/// Printable width of A4 at 96 CSS pixels per inch with the pages' 12 mm side margins:
/// portrait and landscape.
const A4_PORTRAIT_PX: u32 = 702;
const A4_LANDSCAPE_PX: u32 = 1031;

struct Site {
    out: PathBuf,
    cards: Vec<lawscore::model::scorecard::Scorecard>,
    texts: Vec<String>,
    report: PathBuf,
    index: PathBuf,
}

/// Fifty fixture reports and two failures written as `--format html` writes them.
fn site() -> Site {
    let out: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    let dir = out.join("site");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (cards, texts) = fixture::cards(50);
    let errors = fixture::errors();
    let b = Batch {
        cards: &cards,
        texts: &texts,
        errors: &errors,
        pack: fixture::pack(),
    };
    let written = write_html_dir(&dir, &b, &Templates::builtin()).unwrap();
    Site {
        report: written[0].clone(),
        index: written.last().unwrap().clone(),
        out,
        cards,
        texts,
    }
}

#[test]
fn pages_work_in_chromium() {
    if !chromium().exists() {
        common::absent(
            &format!("Chromium at {}", chromium().display()),
            "run .ci/setup-browser",
        );
        return;
    }
    let site = site();
    let mut browser = Browser::launch(&site.out.join("chromium.log"));
    report_page(&mut browser, &site);
    overview_sorts(&mut browser, &site);
    overview_filters(&mut browser, &site);
    phone(&mut browser, &site);
    paper(&mut browser, &site);
    thousand(&mut browser, &site);
    browser.call(None, "Browser.close", json!({}));
}

/// The report page: highlights, every line, basis and profile title, 只看缺失, folding.
fn report_page(browser: &mut Browser, site: &Site) {
    let (card, pack) = (&site.cards[0], fixture::pack());
    let s = browser.open(&url(&site.report), 1280, 2000);
    let facts = browser.eval(
        &s,
        r##"({ marks: document.querySelectorAll("mark").length,
              lines: document.querySelectorAll(".l[id^=L]").length,
              title: document.title,
              basis: [...document.querySelectorAll(".check .basis")].map(b => b.textContent),
              facts: document.querySelector(".facts").innerText,
              fontOk: document.fonts.check("16px 'WenQuanYi Zen Hei'") || document.fonts.check("16px 'Noto Sans CJK SC'") })"##,
    );
    assert!(facts["marks"].as_u64().unwrap() > 0, "{facts}");
    assert_eq!(
        facts["lines"].as_u64().unwrap() as usize,
        site.texts[0].lines().count()
    );
    assert!(
        facts["title"].as_str().unwrap().contains("杭州市人民政府"),
        "{facts}"
    );
    // Every element's basis, as the pack words it, beside its status.
    let basis: Vec<&str> = facts["basis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(basis.len(), card.elements.len(), "{facts}");
    for (e, shown) in card.elements.iter().zip(&basis) {
        let def = pack.elements.iter().find(|d| d.id == e.id).unwrap();
        assert!(shown.contains(&def.basis), "{}: {shown}", e.id);
    }
    let profile = pack.profile(&card.profile).unwrap();
    assert_ne!(profile.title, profile.id);
    let shown = facts["facts"].as_str().unwrap();
    assert!(shown.contains(&profile.title), "profile by title: {shown}");
    browser.screenshot(&s, &site.out.join("report-1280.png"));

    // 只看缺失: only missing and partial elements stay; unticked, all come back.
    let open = card
        .elements
        .iter()
        .filter(|e| matches!(e.status, Status::Missing | Status::Partial))
        .count();
    assert!(open > 0 && open < card.elements.len());
    let rows = r##"[...document.querySelectorAll(".check tr")].filter(r => r.getClientRects().length > 0).length"##;
    assert_eq!(browser.eval(&s, rows), card.elements.len());
    browser.eval(&s, r##"document.getElementById("only-open").click()"##);
    assert_eq!(browser.eval(&s, rows), open, "只看缺失");
    let marks = r##"[...document.querySelectorAll(".check tr")].filter(r => r.getClientRects().length > 0).map(r => r.className)"##;
    let shown = browser.eval(&s, marks);
    assert!(
        shown
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c == "s-m" || c == "s-p"),
        "{shown}"
    );
    browser.eval(&s, r##"document.getElementById("only-open").click()"##);
    assert_eq!(browser.eval(&s, rows), card.elements.len());

    // A section folds away at a click on its heading, and opens again.
    let outline = r##"document.querySelector("#outline .outline").checkVisibility()"##;
    assert_eq!(browser.eval(&s, outline), true);
    browser.eval(
        &s,
        r##"document.querySelector("#outline summary").click()"##,
    );
    assert_eq!(browser.eval(&s, outline), false, "folded");
    browser.eval(
        &s,
        r##"document.querySelector("#outline summary").click()"##,
    );
    assert_eq!(browser.eval(&s, outline), true, "open again");
    assert_eq!(browser.problems(&s), Vec::<String>::new(), "report page");
}

/// The overview opens best score first; clicking headers sorts both ways.
fn overview_sorts(browser: &mut Browser, site: &Site) {
    let s = browser.open(&url(&site.index), 1280, 2000);
    browser.screenshot(&s, &site.out.join("index-1280.png"));
    let sort = browser.eval(&s, SORT_PROBE);
    let nums = |k: &str| -> Vec<f64> {
        sort[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    let (first, asc, desc) = (nums("first"), nums("asc"), nums("desc"));
    let mut scores: Vec<f64> = site
        .cards
        .iter()
        .map(|c| (c.score * 10.0).round() / 10.0)
        .collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(first, scores, "opens best score first");
    assert_eq!(sort["initial"], "descending", "and says so: {sort}");
    assert_eq!(sort["buttons"], sort["heads"], "every header sorts: {sort}");
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
    assert_eq!(browser.problems(&s), Vec::<String>::new(), "overview page");

    // The error capture itself works: a thrown error must be seen.
    browser.eval(
        &s,
        r##"setTimeout(() => { throw new Error("probe") }, 0); 0"##,
    );
    browser.wait_for(&s, "Runtime.exceptionThrown");
}

/// Each filter, and the search, shows the rows the scorecards say it should, and the count.
fn overview_filters(browser: &mut Browser, site: &Site) {
    let cards = &site.cards;
    let status = |c: &lawscore::model::scorecard::Scorecard, id: &str| {
        c.elements.iter().find(|e| e.id == id).map(|e| e.status)
    };
    let grade = cards[3].grade.name().to_string();
    type Pick<'a> = Box<dyn Fn(&lawscore::model::scorecard::Scorecard) -> bool + 'a>;
    let cases: Vec<(Value, Pick)> = vec![
        (json!({}), Box::new(|_| true)),
        (
            json!({"element_id": "enforce.discretion", "status": "m"}),
            Box::new(|c| status(c, "enforce.discretion") == Some(Status::Missing)),
        ),
        (
            json!({"element_id": "lead.shufa"}),
            Box::new(|c| {
                matches!(
                    status(c, "lead.shufa"),
                    Some(Status::Missing | Status::Partial)
                )
            }),
        ),
        (
            json!({"category": "lead"}),
            Box::new(|c| {
                c.elements.iter().any(|e| {
                    e.category == "lead" && matches!(e.status, Status::Missing | Status::Partial)
                })
            }),
        ),
        (
            json!({"grade": grade}),
            Box::new(|c| c.grade.name() == grade),
        ),
        (
            json!({"level": "department"}),
            Box::new(|c| c.meta.level == lawscore::model::scorecard::Level::Department),
        ),
        (
            json!({"profile": "department"}),
            Box::new(|c| c.profile == "department"),
        ),
        (
            json!({"q": "司法局"}),
            Box::new(|c| c.meta.issuer.as_deref().unwrap_or("").contains("司法局")),
        ),
        (
            json!({"q": "柯桥", "grade": grade}),
            Box::new(|c| {
                c.meta.title.as_deref().unwrap_or("").contains("柯桥") && c.grade.name() == grade
            }),
        ),
    ];
    let s = browser.open(&url(&site.index), 1280, 2000);
    for (set, pick) in &cases {
        let want = cards.iter().filter(|c| pick(c)).count();
        let got = browser.eval(&s, &filter_probe(set));
        assert_eq!(got["shown"], want, "{set}: {got}");
        assert_eq!(got["heat"], want, "the heatmap follows: {set}: {got}");
        assert_eq!(
            got["count"],
            format!("显示 {want} / {} 份", cards.len()),
            "{set}"
        );
    }
    let narrowed = cases[1..]
        .iter()
        .filter(|(_, p)| cards.iter().any(|c| !p(c)))
        .count();
    assert!(narrowed >= 7, "the filters are tested on data they narrow");
    assert_eq!(browser.problems(&s), Vec::<String>::new(), "filters");
}

/// Both pages on a 390 px phone: no sideways page scroll; score, grade and histogram in view.
fn phone(browser: &mut Browser, site: &Site) {
    let s = browser.open_phone(&url(&site.index), 390);
    let fit = browser.eval(&s, &fit_probe(true));
    assert_eq!(fit["inner"], 390, "{fit}");
    assert!(
        fit["scroll"].as_u64() <= Some(390) && fit["over"] == json!([]),
        "{fit}"
    );
    for sel in [
        "#rank tbody tr:first-child td:nth-child(2)",
        "#rank tbody tr:first-child td:nth-child(3)",
        "#charts svg",
        "#charts figure",
        ".heat-list li:first-child",
    ] {
        assert_eq!(
            browser.eval(&s, &in_view(sel)),
            true,
            "{sel} in view at 390 px"
        );
    }
    let heat = browser.eval(
        &s,
        r##"getComputedStyle(document.querySelector(".heat-wrap")).display"##,
    );
    assert_eq!(heat, "none", "the list stands in for the heatmap");
    browser.screenshot(&s, &site.out.join("index-390.png"));
    assert_eq!(
        browser.problems(&s),
        Vec::<String>::new(),
        "overview at 390 px"
    );

    let s = browser.open_phone(&url(&site.report), 390);
    let fit = browser.eval(&s, &fit_probe(true));
    assert_eq!(fit["inner"], 390, "{fit}");
    assert!(
        fit["scroll"].as_u64() <= Some(390) && fit["over"] == json!([]),
        "{fit}"
    );
    for sel in [".scorebox", ".scorebox .grade", ".check tr", ".cat", ".l"] {
        assert_eq!(
            browser.eval(&s, &in_view(sel)),
            true,
            "{sel} in view at 390 px"
        );
    }
    browser.screenshot(&s, &site.out.join("report-390.png"));
    assert_eq!(
        browser.problems(&s),
        Vec::<String>::new(),
        "report at 390 px"
    );
}

/// Both pages on paper: A4 (the overview landscape), a sane number of pages, nothing wider
/// than the paper, no interactive hint, every section unfolded.
fn paper(browser: &mut Browser, site: &Site) {
    for (page, name, landscape, pages, width) in [
        (&site.index, "index", true, 3..=40, A4_LANDSCAPE_PX),
        (&site.report, "report", false, 2..=30, A4_PORTRAIT_PX),
    ] {
        let s = browser.open(&url(page), 1280, 2000);
        // Folded on screen, a section still prints.
        browser.eval(
            &s,
            r##"(() => { const d = document.querySelector("details"); if (d) d.open = false; return 0; })()"##,
        );
        let (n, wide) = browser.print_pdf(&s, &site.out.join(format!("{name}.pdf")));
        assert!(pages.contains(&n), "{name}: {n} printed pages");
        assert_eq!(wide, landscape, "{name}: landscape {landscape}");
        browser.emulate_print(&s, width);
        browser.eval(&s, r##"dispatchEvent(new Event("beforeprint")); 0"##);
        let fit = browser.eval(&s, &fit_probe(false));
        assert!(
            fit["scroll"].as_u64() <= fit["inner"].as_u64() && fit["over"] == json!([]),
            "{name} on paper: {fit}"
        );
        let hints = browser.eval(&s, PRINT_HINTS);
        assert_eq!(hints["words"], json!([]), "{name} on paper: {hints}");
        assert_eq!(hints["hidden"], true, "{name} on paper: {hints}");
        assert_eq!(hints["closed"], 0, "{name}: every section printed: {hints}");
        browser.screenshot(&s, &site.out.join(format!("{name}-print.png")));
        assert_eq!(browser.problems(&s), Vec::<String>::new(), "{name} printed");
    }
}

/// A thousand reports: the overview must still open quickly.
fn thousand(browser: &mut Browser, site: &Site) {
    let (many, many_texts) = fixture::cards(1000);
    let big = Batch {
        cards: &many,
        texts: &many_texts,
        errors: &[],
        pack: fixture::pack(),
    };
    let pages: Vec<String> = many.iter().map(lawscore::render::page_file_name).collect();
    let started = Instant::now();
    let html = Templates::builtin().index(&big, &pages).unwrap();
    let render_ms = started.elapsed().as_millis();
    let big_index = site.out.join("index-1000.html");
    std::fs::write(&big_index, &html).unwrap();
    let s = browser.open(&url(&big_index), 1280, 2000);
    let load_ms = browser.eval(
        &s,
        r##"(() => { const n = performance.getEntriesByType("navigation")[0]; return n.loadEventEnd - n.startTime; })()"##,
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
    // Filtering a thousand rows answers.
    let got = browser.eval(
        &s,
        &filter_probe(&json!({"element_id": "enforce.discretion", "status": "m"})),
    );
    let want = many
        .iter()
        .filter(|c| {
            c.elements
                .iter()
                .any(|e| e.id == "enforce.discretion" && e.status == Status::Missing)
        })
        .count();
    assert_eq!(got["shown"], want, "{got}");
    assert_eq!(
        browser.problems(&s),
        Vec::<String>::new(),
        "1,000-report overview"
    );
}
