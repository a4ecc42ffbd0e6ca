//! Temporary outputs: named so that they can be recognised (`.NAME.lawscore-tmp-PID-RANDOM`,
//! beside the NAME they will become), registered so that a signal handler can remove them,
//! and swept away by the next run after a run that was killed before it could clean up.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

/// What every temporary name carries between the target's name and `PID-RANDOM`.
pub const TEMP_TAG: &str = ".lawscore-tmp-";

/// A temporary older than this is stale even when its pid is alive again (pids are reused).
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// The temporary files and folders this process has made and not yet put in place or
/// removed. A signal handler removes them; a commit holds the lock while it renames, so a
/// signal never lands between "renamed" and "forgotten".
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    // A thread that panicked while holding the list left it whole (pushes and retains only).
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether a file or folder name is one of lawscore's temporary outputs (or a
/// `.lawscore-*.tmp` file of earlier versions): a walk of a reports folder must never read
/// one as a report.
pub fn is_temp_name(name: &OsStr) -> bool {
    let n = name.to_string_lossy();
    n.contains(TEMP_TAG) || (n.starts_with(".lawscore-") && n.ends_with(".tmp"))
}

/// Removes every temporary output of this process, and keeps every other thread from making
/// or committing another until the process ends. For a signal handler, right before it
/// ends the process: output that was not yet in place is then gone, not left half-written.
pub fn abandon_temps() {
    let mut g = live();
    for p in g.drain(..) {
        remove(&p);
    }
    // The lock is never released: a worker that tries to write next waits for the exit.
    std::mem::forget(g);
}

/// A temporary file or folder beside its target, removed when dropped (whether or not it
/// was put in place: after a rename nothing is left at its path, after an exchange the old
/// output is).
pub(super) struct LiveTemp {
    path: PathBuf,
}

impl LiveTemp {
    /// A new, empty file beside `target`, created with the mode new files get (0666 less the
    /// umask).
    pub(super) fn file(target: &Path) -> io::Result<(LiveTemp, fs::File)> {
        LiveTemp::make(target, |p| {
            fs::OpenOptions::new().write(true).create_new(true).open(p)
        })
    }

    /// A new, empty folder beside `target`.
    pub(super) fn dir(target: &Path) -> io::Result<LiveTemp> {
        LiveTemp::make(target, |p| fs::create_dir(p)).map(|(t, ())| t)
    }

    fn make<T>(
        target: &Path,
        create: impl Fn(&Path) -> io::Result<T>,
    ) -> io::Result<(LiveTemp, T)> {
        let dir = parent_of(target);
        let name = target.file_name().unwrap_or(OsStr::new("out"));
        for _ in 0..64 {
            let path = dir.join(temp_name(name));
            // Registered under the lock it was made under, so no signal can miss it.
            let mut g = live();
            match create(&path) {
                Ok(v) => {
                    g.push(path.clone());
                    return Ok((LiveTemp { path }, v));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            crate::msg::t!("render.no_temp_name", dir = dir.display()),
        ))
    }

    /// Where the temporary is.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `put`, the renames that put the temporary in place, where a signal cannot cut
    /// in: the handler waits until they are done or have failed.
    pub(super) fn commit(&self, put: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let _g = live();
        put(&self.path)
    }
}

impl Drop for LiveTemp {
    fn drop(&mut self) {
        remove(&self.path);
        live().retain(|p| p != &self.path);
    }
}

/// The folder a path is written in: its parent, or `.` for a bare name.
pub(super) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.lawscore-tmp-PID-RANDOM`: hidden, recognisably ours, and naming the process, so a
/// later run can tell whether its maker is still alive.
fn temp_name(name: &OsStr) -> OsString {
    // Keep the whole name under the usual 255-byte limit.
    let name = if name.len() > 160 {
        OsStr::new("out")
    } else {
        name
    };
    let mut n = OsString::from(".");
    n.push(name);
    n.push(format!("{TEMP_TAG}{}-{:08x}", std::process::id(), random()));
    n
}

/// 32 unpredictable-enough bits for a temporary name (collisions are retried anyway).
fn random() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNT.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish() as u32
}

/// The pid in a temporary name of ours, if it is one.
fn temp_pid(name: &OsStr) -> Option<u32> {
    let n = name.to_string_lossy();
    let rest = &n[n.rfind(TEMP_TAG)? + TEMP_TAG.len()..];
    let (pid, random) = rest.split_once('-')?;
    if random.len() != 8 || !random.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes from `dir` the temporaries that killed runs left (SIGKILL, power loss): those
/// whose process is gone, and any older than an hour. Best effort: a temporary that cannot
/// be removed stays, and the write this cleans up for goes on.
pub(super) fn clean_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name();
        let stale = match temp_pid(&name) {
            Some(pid) if pid == me => false,
            Some(pid) => !alive(pid) || old(&e),
            // Earlier versions' `.lawscore-XXXX.tmp` files name no process.
            None => is_temp_name(&name) && old(&e),
        };
        if stale {
            remove(&e.path());
        }
    }
}

/// Whether process `pid` exists. Without /proc to ask, every process counts as alive and
/// only age makes its temporaries stale.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

fn old(e: &fs::DirEntry) -> bool {
    e.metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// Removes a file or a whole folder (not following a link). Nothing to report when it
/// fails: the path is a temporary, and the next run sweeps what is left.
fn remove(p: &Path) {
    match fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            // A worker may still be adding a page while the folder goes; try again then.
            for _ in 0..3 {
                if fs::remove_dir_all(p).is_ok() || !p.exists() {
                    break;
                }
            }
        }
        Ok(_) => {
            let _ = fs::remove_file(p);
        }
        Err(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_the_pid_and_are_recognised() {
        let n = temp_name(OsStr::new("site"));
        let s = n.to_string_lossy();
        assert!(s.starts_with(".site.lawscore-tmp-"), "{s}");
        assert_eq!(temp_pid(&n), Some(std::process::id()));
        assert!(is_temp_name(&n));
        assert!(is_temp_name(OsStr::new(".lawscore-Ab12.tmp")));
        assert!(!is_temp_name(OsStr::new("site")));
        assert!(!is_temp_name(OsStr::new(".lawscore-scorecards")));
        assert_eq!(temp_pid(OsStr::new(".x.lawscore-tmp-12-zz")), None);
        assert_eq!(
            temp_pid(OsStr::new(".x.lawscore-tmp-12-0000abcd")),
            Some(12)
        );
    }
}
