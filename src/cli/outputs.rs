//! Where `lawscore score` writes: `--out` checked before any report is read, so that an
//! input is never overwritten and nothing but a regular file or a folder lawscore may
//! replace is written; then the output written whole, with every failure said.

use super::inputs::Input;
use super::{shown, stdout, ColorWhen, ScoreArgs};
use lawscore::model::scorecard::ErrorRecord;
use lawscore::msg::t;
use lawscore::render::{
    self, AtomicFile, HtmlWriter, OutputDir, OutputFormat, RenderError, Renderer, Sink,
    StreamWriter, XlsxWriter,
};
use std::fs;
use std::path::{Path, PathBuf};

/// Checks `--out` against the format and the paths named, before any folder is walked:
/// neither may be, or hold, a path named as input, and a file output must be a regular file
/// or nothing yet.
pub fn check_out(a: &ScoreArgs) -> Result<(), String> {
    let Some(out) = a.out.as_deref() else {
        // A workbook is no text for a terminal.
        if a.format == OutputFormat::Xlsx {
            return Err(t!("sheets.xlsx_needs_out").into());
        }
        return Ok(());
    };
    let target = render::output_target(out).map_err(|e| cannot_write_io(out, &e))?;
    let named: Vec<&Path> = a
        .paths
        .iter()
        .map(PathBuf::as_path)
        .filter(|p| p.as_os_str() != "-")
        .collect();
    check_inputs(out, &target, a.format, named)?;
    if a.format == OutputFormat::Html {
        Ok(())
    } else {
        check_file(out, &target)
    }
}

/// Checks the output against every input found, still before any is read: none may be the
/// file written or lie inside the folder replaced, and that folder must be absent, empty
/// or an earlier run's output. Standard output, too, must not be an input
/// (`>> report.txt`).
pub fn check_found(a: &ScoreArgs, inputs: &[Input]) -> Result<(), String> {
    let files = inputs.iter().filter_map(|i| match i {
        Input::File(p) => Some(p.as_path()),
        Input::Stdin => None,
    });
    let Some(out) = a.out.as_deref() else {
        return check_stdout(files);
    };
    let target = render::output_target(out).map_err(|e| cannot_write_io(out, &e))?;
    check_inputs(out, &target, a.format, files)?;
    if a.format == OutputFormat::Html {
        check_folder(out, &target)?;
    }
    Ok(())
}

/// Refuses an output that is one of `inputs` or, for a folder, holds one.
fn check_inputs<'a>(
    out: &Path,
    target: &Path,
    format: OutputFormat,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), String> {
    let Ok(out_meta) = fs::metadata(target) else {
        // Nothing there yet, so nothing there is read.
        return Ok(());
    };
    let folder = match (format, out_meta.is_dir()) {
        (OutputFormat::Html, true) => target.canonicalize().ok(),
        _ => None,
    };
    for input in inputs {
        // Whether the output is the input itself (true) or a folder holding it (false).
        let clash = match &folder {
            Some(dir) => input
                .canonicalize()
                .ok()
                .and_then(|p| p.starts_with(dir).then_some(p == *dir)),
            None => fs::metadata(input)
                .is_ok_and(|m| same_file(&m, &out_meta))
                .then_some(true),
        };
        let (out, input) = (shown::path(out), shown::path(input));
        match clash {
            Some(true) => return Err(t!("cli.out.is_input", out = out, input = input)),
            Some(false) => return Err(t!("cli.out.holds_input", out = out, input = input)),
            None => {}
        }
    }
    Ok(())
}

/// `--format html --out DIR`: a folder lawscore may replace.
fn check_folder(out: &Path, target: &Path) -> Result<(), String> {
    let out_shown = shown::path(out);
    match render::output_dir_state(target).map_err(|e| cannot_write_io(out, &e))? {
        OutputDir::Absent | OutputDir::Replaceable => Ok(()),
        OutputDir::NotAFolder => Err(t!("cli.out.not_a_folder", out = out_shown)),
        OutputDir::Foreign(names) => Err(t!(
            "cli.out.foreign",
            out = out_shown,
            names = shown::text(&names.join(", "))
        )),
    }
}

/// `--out FILE`: a regular file, or nothing yet in a folder that exists.
fn check_file(out: &Path, target: &Path) -> Result<(), String> {
    let out_shown = shown::path(out);
    match fs::metadata(target) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(t!("cli.out.is_folder", out = out_shown)),
        Ok(_) => Err(t!("cli.out.special", out = out_shown)),
        Err(_) => {
            let parent = target.parent().filter(|p| !p.as_os_str().is_empty());
            match parent {
                Some(dir) if !dir.is_dir() => Err(t!(
                    "cli.out.no_parent",
                    out = out_shown,
                    dir = shown::path(dir)
                )),
                _ => Ok(()),
            }
        }
    }
}

/// Refuses a standard output redirected onto an input.
fn check_stdout<'a>(inputs: impl IntoIterator<Item = &'a Path>) -> Result<(), String> {
    let Some(so) = stdout::metadata().filter(fs::Metadata::is_file) else {
        return Ok(());
    };
    for input in inputs {
        if fs::metadata(input).is_ok_and(|m| same_file(&m, &so)) {
            return Err(t!("cli.out.stdout_is_input", input = shown::path(input)));
        }
    }
    Ok(())
}

/// Whether two paths are one file (the same device and inode, whatever the names).
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len()
        && a.modified().ok() == b.modified().ok()
        && a.created().ok() == b.created().ok()
}

fn cannot_write(out: &Path, e: &dyn std::fmt::Display) -> String {
    t!(
        "cli.cannot_write",
        path = shown::path(out),
        why = shown::text(&e.to_string())
    )
}

/// [`cannot_write`] for an error of the system, said in the run's language.
fn cannot_write_io(out: &Path, e: &std::io::Error) -> String {
    cannot_write(out, &lawscore::ingest::io_reason(e))
}

/// Streams the run's output where `--out` says: a folder of pages, a file, or standard
/// output. `run` scores the reports and puts each in the sink as it comes, and gives the
/// files that failed, which end the output. A file or folder is written under a temporary
/// name and put in place only when complete, so a run that fails leaves what was there.
pub fn stream(
    a: &ScoreArgs,
    r: &Renderer,
    run: impl FnOnce(&mut dyn Sink) -> Result<Vec<ErrorRecord>, RenderError>,
) -> Result<Vec<ErrorRecord>, String> {
    let r = &r.with_csv_headers(a.csv_headers);
    match (a.format, a.out.as_deref()) {
        (OutputFormat::Html, dir) => {
            let dir = dir.expect("checked in load_templates");
            stream_html(dir, r, run)
        }
        (OutputFormat::Xlsx, Some(p)) => stream_xlsx(p, r, run),
        (OutputFormat::Xlsx, None) => Err(t!("sheets.xlsx_needs_out").into()),
        (_, Some(p)) => {
            let file = AtomicFile::create(p).map_err(|e| cannot_write_io(p, &e))?;
            let (errors, file) = stream_to(r, file, run).map_err(|e| cannot_write(p, &e))?;
            file.commit().map_err(|e| cannot_write_io(p, &e))?;
            Ok(errors)
        }
        // The message of a failed standard output already says what failed.
        (_, None) => Ok(stream_to(r, stdout::Stream, run)
            .map_err(|e| e.to_string())?
            .0),
    }
}

/// Writes the workbook under a temporary name and puts it in place once it is whole.
fn stream_xlsx(
    p: &Path,
    r: &Renderer,
    run: impl FnOnce(&mut dyn Sink) -> Result<Vec<ErrorRecord>, RenderError>,
) -> Result<Vec<ErrorRecord>, String> {
    let written = || -> Result<Vec<ErrorRecord>, RenderError> {
        let file = AtomicFile::create(p)?;
        let mut w = XlsxWriter::new(r.pack())?;
        let errors = run(&mut w)?;
        w.finish(&errors, file)?.commit()?;
        Ok(errors)
    };
    written().map_err(|e| cannot_write(p, &e))
}

/// One stream of output on `out`, ended and given back.
fn stream_to<W: std::io::Write>(
    r: &Renderer,
    out: W,
    run: impl FnOnce(&mut dyn Sink) -> Result<Vec<ErrorRecord>, RenderError>,
) -> Result<(Vec<ErrorRecord>, W), RenderError> {
    let mut w = StreamWriter::new(r, out)?;
    let errors = run(&mut w)?;
    let out = w.finish(&errors)?;
    Ok((errors, out))
}

/// Writes the folder of pages; when a template fails, says that the folder was left as it was.
fn stream_html(
    dir: &Path,
    r: &Renderer,
    run: impl FnOnce(&mut dyn Sink) -> Result<Vec<ErrorRecord>, RenderError>,
) -> Result<Vec<ErrorRecord>, String> {
    let mut errors = Vec::new();
    let made = render::replace_dir(dir, |tmp| -> Result<(), RenderError> {
        let mut w = HtmlWriter::new(tmp, r);
        errors = run(&mut w)?;
        w.finish(&errors).map(drop)
    });
    match made {
        Ok(()) => Ok(errors),
        Err(e @ RenderError::Template { .. }) => {
            Err(t!("cli.template_failed", error = e, dir = shown::path(dir)))
        }
        Err(RenderError::Io(e)) => Err(cannot_write(dir, &e)),
    }
}

/// Whether text output is painted: `auto` paints only a terminal, and honours `NO_COLOR`.
pub fn paint(when: ColorWhen, out: Option<&Path>) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            out.is_none()
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none()
        }
    }
}
