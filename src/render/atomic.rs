//! Writing output whole or not at all: a file, or a folder of pages, is made under a
//! temporary name beside its target and renamed into place only when it is complete, so a
//! reader sees the old output or the new one, never half of either.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::temps::{clean_stale, parent_of, LiveTemp};

/// Marks a folder of HTML scorecards, so that walking a reports folder that contains one
/// never reads the scorecards back as reports, and so that a later run may replace it.
pub const SCORECARD_MARK: &str = ".lawscore-scorecards";

const MARK_NOTE: &str =
    "HTML scorecards written by lawscore; folders holding this file are not read as reports.\n";

/// The path a write to `path` lands on: `path` itself or, when it is a symbolic link, where
/// the link leads (through up to 40 links, as the kernel follows them), so that the link is
/// kept and what it points to is replaced.
pub fn output_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(crate::msg::t!(
        "render.too_many_links",
        path = path.display()
    )))
}

/// Writes `bytes` to `path` so that readers see either the old file or the complete new
/// one ([`AtomicFile`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// A file written so that readers see either the old file or the complete new one: the
/// bytes go to a temporary file in the same folder (a rename is only atomic within one file
/// system), which [`AtomicFile::commit`] renames over the target. A symbolic link at the
/// path is followed and kept; an existing file keeps its permissions; anything but a regular
/// file (a folder, device, FIFO or socket) is refused. Dropped without a commit — a write
/// failed, the run was refused — the temporary file is removed and the target is left as
/// it was; a signal removes it too ([`super::abandon_temps`]).
pub struct AtomicFile {
    target: PathBuf,
    file: io::BufWriter<fs::File>,
    temp: LiveTemp,
}

impl AtomicFile {
    /// Starts a new file for `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let target = output_target(path)?;
        let old = match fs::metadata(&target) {
            Ok(m) if m.is_file() => Some(m),
            Ok(m) => return Err(not_a_file(&m)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        clean_stale(parent_of(&target));
        let (temp, file) = LiveTemp::file(&target)?;
        if let Some(m) = &old {
            file.set_permissions(m.permissions())?;
        }
        Ok(AtomicFile {
            target,
            file: io::BufWriter::with_capacity(1 << 16, file),
            temp,
        })
    }

    /// Puts the complete file in place of the target, flushed to the disk first.
    pub fn commit(self) -> io::Result<()> {
        let file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        let target = self.target;
        self.temp.commit(|p| fs::rename(p, &target))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Why a path that exists cannot be written as a file.
fn not_a_file(m: &fs::Metadata) -> io::Error {
    let why = if m.is_dir() {
        crate::msg::t!("render.out_is_folder")
    } else {
        crate::msg::t!("render.out_is_special")
    };
    io::Error::new(io::ErrorKind::InvalidInput, why)
}

/// Writes a new file inside a temporary folder of [`replace_dir`], flushed to the disk
/// like every file put in place, so the folder is whole after a power loss too.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// What stands where a folder of output is to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputDir {
    /// Nothing yet: the folder is made.
    Absent,
    /// An empty folder, or one a lawscore run wrote (it holds [`SCORECARD_MARK`]): replaced.
    Replaceable,
    /// A folder holding other files (a few of their names): never replaced, since that
    /// would destroy them.
    Foreign(Vec<String>),
    /// A file, device, FIFO or socket.
    NotAFolder,
}

/// Looks at what is at `dir` (a link followed), to refuse before any work is done what the
/// final rename would refuse, or destroy.
pub fn output_dir_state(dir: &Path) -> io::Result<OutputDir> {
    let m = match fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OutputDir::Absent),
        Err(e) => return Err(e),
    };
    if !m.is_dir() {
        return Ok(OutputDir::NotAFolder);
    }
    if dir.join(SCORECARD_MARK).is_file() {
        return Ok(OutputDir::Replaceable);
    }
    let mut names: Vec<String> = fs::read_dir(dir)?
        .take(4)
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    names.sort();
    Ok(if names.is_empty() {
        OutputDir::Replaceable
    } else {
        OutputDir::Foreign(names)
    })
}

/// Makes a folder of output whole or not at all: `fill` writes every file into a fresh
/// temporary folder beside `dir` (same parent, so the rename is atomic), the scorecard mark
/// is added, and only then does the folder take `dir`'s place — renamed there when `dir`
/// does not exist, swapped with it when it is empty or an earlier run's output. A folder
/// holding anything else is refused (it would be destroyed), and so is a file. If `fill` or
/// a rename fails, the temporary folder is removed and `dir` is left as it was. A
/// symbolic link at `dir` is followed and kept.
pub fn replace_dir<E: From<io::Error>>(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), E> {
    let target = output_target(dir)?;
    let state = output_dir_state(&target)?;
    refuse(&state)?;
    // `.` or `x/..` has no name to put a sibling beside: use the folder's real path.
    let target = match state {
        OutputDir::Absent => target,
        _ => target.canonicalize()?,
    };
    let parent = parent_of(&target);
    fs::create_dir_all(parent)?;
    clean_stale(parent);
    let temp = LiveTemp::dir(&target)?;
    if state == OutputDir::Replaceable {
        fs::set_permissions(temp.path(), fs::metadata(&target)?.permissions())?;
    }
    fill(temp.path())?;
    write_new(&temp.path().join(SCORECARD_MARK), MARK_NOTE.as_bytes())?;
    // Made now, not under the lock the commit holds: where the old folder goes if it cannot
    // be swapped with the new one in a single step.
    let aside = match state {
        OutputDir::Replaceable => Some(LiveTemp::dir(&target)?),
        _ => None,
    };
    temp.commit(|new| put_dir(new, &target, aside.as_ref().map(LiveTemp::path)))?;
    Ok(())
}

/// The error for a folder of output that must not be replaced.
fn refuse(state: &OutputDir) -> io::Result<()> {
    let why = match state {
        OutputDir::Absent | OutputDir::Replaceable => return Ok(()),
        OutputDir::NotAFolder => "it is not a folder".to_string(),
        OutputDir::Foreign(names) => format!(
            "it holds files lawscore did not write ({}), which replacing it would destroy; \
             choose a new or empty folder",
            names.join(", ")
        ),
    };
    Err(io::Error::new(io::ErrorKind::AlreadyExists, why))
}

/// Puts the complete folder `new` at `target`, checked again in case it changed while the
/// pages were written. Called under the temporaries' lock.
fn put_dir(new: &Path, target: &Path, aside: Option<&Path>) -> io::Result<()> {
    let state = output_dir_state(target)?;
    refuse(&state)?;
    let Some(aside) = aside.filter(|_| state == OutputDir::Replaceable) else {
        // Absent (or a folder made empty meanwhile, which a rename replaces).
        return fs::rename(new, target);
    };
    if exchange(new, target).is_ok() {
        // `new` now holds the old output, which dropping its temporary removes.
        return Ok(());
    }
    // No atomic exchange here: move the old folder aside onto the empty temporary (a rename
    // replaces an empty folder), move the new one in, and put the old back if that fails.
    fs::rename(target, aside)?;
    fs::rename(new, target).inspect_err(|_| {
        let _ = fs::rename(aside, target);
    })
}

/// Swaps two paths in one step (Linux's renameat2 with RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}
