#ifndef TERMINAL_SIGNALS_H
#define TERMINAL_SIGNALS_H

// Installs handlers that only note SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGTSTP (and
// unblocks the signals the explorer relies on). Call before ncurses starts.
void ts_install_signal_handlers(void);

// The signal noted since the last call, or 0.
int ts_take_pending_signal(void);

// With the terminal restored: ends the process as `sig` would, or for SIGTSTP stops
// it and returns once continued, with a SIGWINCH raised to re-read the size.
void ts_act_on_signal(int sig);

// Holds back the signals the explorer handles (and SIGWINCH) while the terminal is
// written to, and lets them through again; they are delivered, and noted, on release.
// Nesting is allowed: only the outermost release lets them through.
void ts_hold_signals(void);
void ts_release_signals(void);

#endif
