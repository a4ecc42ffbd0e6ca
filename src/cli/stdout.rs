//! Standard output, with its failures kept: a write that fails (`>/dev/full`, a full disk)
//! makes the command end with status 2 and the reason, instead of passing for done.
//!
//! A closed pipe (`lawscore … | head`) is not a failure: the reader has all it wanted, so
//! output stops quietly and the exit status stays what the run made it (ripgrep does the
//! same), so `| head` does not turn a failed `--fail-under` gate into a pass or a failure
//! into a different one.

use std::io::{self, Write};
use std::sync::{Mutex, PoisonError};

/// How standard output has fared: fine so far, closed by its reader, or failed (why).
enum State {
    Open,
    Closed,
    /// Why, and whether a caller was handed the message to print.
    Failed(String, bool),
}

static STATE: Mutex<State> = Mutex::new(State::Open);

/// Writes `bytes`; a failure (not a closed pipe) is returned as the message to print.
pub fn write_all(bytes: &[u8]) -> Result<(), String> {
    write(bytes, true)
}

/// Writes `bytes`, keeping a failure for [`finish`]; `said` when the caller prints it.
fn write(bytes: &[u8], said: bool) -> Result<(), String> {
    let mut st = STATE.lock().unwrap_or_else(PoisonError::into_inner);
    if !matches!(*st, State::Open) {
        return Ok(());
    }
    let mut so = io::stdout().lock();
    match so.write_all(bytes).and_then(|()| so.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            *st = State::Closed;
            Ok(())
        }
        Err(e) => {
            let why = message(&e);
            *st = State::Failed(why.clone(), said);
            Err(why)
        }
    }
}

/// Standard output as a stream for the writers of `lawscore score`: every write goes
/// straight through [`write_all`] (the writers hand it whole pieces), a closed pipe swallows
/// the rest quietly, and a failure is an error whose message is the one to print.
pub struct Stream;

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        write_all(buf).map_err(io::Error::other)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Every write was flushed.
        Ok(())
    }
}

/// Writes one line (for `say!`); a failure is kept for [`finish`].
pub fn line(args: std::fmt::Arguments) {
    let mut s = args.to_string();
    s.push('\n');
    // Kept in the state, said by `finish`.
    let _ = write(s.as_bytes(), false);
}

/// The exit status once the command is done: `code`, or 2 when writing to standard output
/// failed (the reason is printed here unless the command printed it).
pub fn finish(code: i32) -> i32 {
    // Every write flushed, so nothing is left in the buffer to fail now.
    let st = STATE.lock().unwrap_or_else(PoisonError::into_inner);
    match &*st {
        State::Failed(why, said) => {
            if !said {
                eprintln!("{}", super::said(why));
            }
            2
        }
        _ => code,
    }
}

fn message(e: &io::Error) -> String {
    lawscore::msg::t!("cli.stdout_failed", why = lawscore::ingest::io_reason(e))
}

/// What standard output is (a terminal, pipe, or file, and which one), when it can be told.
#[cfg(unix)]
pub fn metadata() -> Option<std::fs::Metadata> {
    use std::os::fd::AsFd;
    let fd = io::stdout().as_fd().try_clone_to_owned().ok()?;
    std::fs::File::from(fd).metadata().ok()
}

/// What standard output is: not told here.
#[cfg(not(unix))]
pub fn metadata() -> Option<std::fs::Metadata> {
    None
}
