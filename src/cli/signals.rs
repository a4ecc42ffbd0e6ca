//! A run stopped by SIGINT (Ctrl-C), SIGTERM or SIGHUP removes its temporary output before
//! it ends, so an interrupted write leaves the previous output as it was and nothing else.
//! (SIGKILL cannot be caught: the next run that writes in the same folder sweeps up.)

/// Watches for the three signals on a thread of its own; when one comes, removes the live
/// temporaries and ends the process as the signal would have. A failure to watch is
/// returned to be said: the run still works, only an interrupt could leave a temporary.
#[cfg(unix)]
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                lawscore::render::abandon_temps();
                // Ends the process by the signal itself, so a calling shell sees it; should
                // that fail, the conventional status says the same.
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// No signals to watch here.
#[cfg(not(unix))]
pub fn install() -> std::io::Result<()> {
    Ok(())
}
