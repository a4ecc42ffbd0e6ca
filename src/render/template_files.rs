//! Reading a `--templates` folder: only regular files whose real place is inside the
//! folder, each of a size a template can have. Templates are handed to minijinja by name
//! from this list and no loader is installed, so `include`, `import` and `extends` reach
//! nothing else; a symlink to `/etc/passwd` would otherwise be read and could be included
//! into a page, and a FIFO would stop the run at its first read.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::RenderError;
use crate::ingest::io_reason;
use crate::msg::t;

/// The largest template file read; the largest built-in is 13 KB.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// (name, source, the path messages show) for each template file of `dir`, sorted by
/// name. Dot-files, editor backups (`~`) and subfolders are skipped.
pub(super) fn read_dir(dir: &Path) -> Result<Vec<(String, String, String)>, RenderError> {
    let io = |e: std::io::Error| {
        RenderError::Io(t!(
            "render.template.at",
            path = dir.display(),
            why = io_reason(&e)
        ))
    };
    let real_dir = dir.canonicalize().map_err(io)?;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if let Some(source) = read_one(&path, &real_dir)? {
            out.push((name.to_string(), source, path.display().to_string()));
        }
    }
    Ok(out)
}

/// One entry of the folder: its text, `None` for a subfolder, an error for anything that
/// is not a template file of the folder.
fn read_one(path: &Path, real_dir: &Path) -> Result<Option<String>, RenderError> {
    let shown = path.display();
    let fail = |why: String| RenderError::Io(t!("render.template.at", path = shown, why = why));
    let io = |e: std::io::Error| fail(io_reason(&e));
    let real = path
        .canonicalize()
        .map_err(|e| fail(t!("render.template.unresolved", why = io_reason(&e))))?;
    if !real.starts_with(real_dir) {
        return Err(fail(t!("render.template.outside", target = real.display())));
    }
    let meta = std::fs::metadata(&real).map_err(io)?;
    if meta.is_dir() {
        return Ok(None);
    }
    if !meta.is_file() {
        return Err(fail(t!("render.template.special").into()));
    }
    check_size(meta.len(), &fail)?;
    let file = File::open(&real).map_err(io)?;
    // The checks above were made on the path: what was opened is checked again, so a file
    // swapped for a FIFO in between cannot stall the read past its first byte.
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() {
        return Err(fail(t!("render.template.not_regular").into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    check_size(bytes.len() as u64, &fail)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| fail(t!("render.template.not_utf8").into()))
}

fn check_size(len: u64, fail: &dyn Fn(String) -> RenderError) -> Result<(), RenderError> {
    if len > MAX_TEMPLATE_BYTES {
        return Err(fail(t!(
            "render.template.too_big",
            len = len,
            max = MAX_TEMPLATE_BYTES
        )));
    }
    Ok(())
}
