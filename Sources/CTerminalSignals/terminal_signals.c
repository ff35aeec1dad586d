// The explorer's signal handling. In a C file of its own so that there is one flag:
// a static variable in an imported header gets a copy in every Swift file that uses it.
#include "terminal_signals.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

// SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGTSTP are only noted here; the run loop
// restores the terminal and then ends or stops the process. Doing that in the handler
// (as ncurses' own handlers do) is not async-signal-safe: a signal that lands while
// ncurses is halfway through drawing a frame left that frame's second half on the
// shell's screen, found by the soak with Ctrl-Z among thousands of keys. The program
// has one thread, and the handlers are installed without SA_RESTART, so the blocking
// read the run loop waits in returns at once and the loop sees the signal.
static volatile sig_atomic_t pending_signal = 0;

static void note_signal(int sig) { pending_signal = sig; }

// The signal that arrived since the last call, or 0.
int ts_take_pending_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}

// After the terminal is restored: end the process as `sig` would have, or for SIGTSTP
// stop it, and on `fg` send SIGWINCH so that the run loop reads the terminal's size
// again (a resize while stopped went only to the shell that had the foreground).
void ts_act_on_signal(int sig) {
    signal(sig, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    raise(sig);
    // Only SIGTSTP returns, once continued.
    struct sigaction again;
    memset(&again, 0, sizeof again);
    again.sa_handler = note_signal;
    sigemptyset(&again.sa_mask);
    sigaction(sig, &again, NULL);
    raise(SIGWINCH);
}

void ts_install_signal_handlers(void) {
    // A parent may have left signals blocked, and a blocked SIGWINCH or SIGINT would
    // leave the explorer deaf to resizes and Ctrl-C: unblock the ones it relies on.
    sigset_t needed;
    sigemptyset(&needed);
    sigaddset(&needed, SIGINT);
    sigaddset(&needed, SIGTERM);
    sigaddset(&needed, SIGHUP);
    sigaddset(&needed, SIGQUIT);
    sigaddset(&needed, SIGWINCH);
    sigaddset(&needed, SIGTSTP);
    sigaddset(&needed, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_signal;
    sigemptyset(&action.sa_mask);
    int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction previous;
        // A signal the parent chose to ignore (nohup, a background job) stays ignored.
        if (sigaction(signals[i], NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        sigaction(signals[i], &action, NULL);
    }
}


// A frame, a mode change or the switch between the screens is written whole, never cut
// by a signal: a handled signal that lands while the terminal is being written to
// interrupts the write, and what follows depends on every layer below (ncurses' retry,
// a write cut short, tcsetattr's drain). Held, the signal waits the few milliseconds
// the write takes and is noted after it, and the run loop acts on it between frames.
static int hold_depth = 0;
static sigset_t held_before;

static void handled_signals(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGQUIT);
    sigaddset(set, SIGTSTP);
    sigaddset(set, SIGWINCH);
}

void ts_hold_signals(void) {
    if (hold_depth++ > 0) return;
    sigset_t set;
    handled_signals(&set);
    sigprocmask(SIG_BLOCK, &set, &held_before);
}

void ts_release_signals(void) {
    if (hold_depth == 0 || --hold_depth > 0) return;
    sigprocmask(SIG_SETMASK, &held_before, NULL);
}
