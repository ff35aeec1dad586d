#ifndef SOFTMAX_LAB_CNCURSESW_SHIM_H
#define SOFTMAX_LAB_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, so the wide-character API
// (get_wch, setcchar, mvadd_wch) is switched on here, before the include.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stddef.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift cannot import function-like macros or, under strict concurrency, the
// mutable `stdscr` global; these wrappers expose them as plain functions.
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline void shim_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y, x;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline int shim_set_escdelay(int ms) { return set_escdelay(ms); }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

// The mouse is not ncurses': its X10 decoding blocks on a report cut short. The key
// code it would give "Esc [ M" is switched off, and the program asks for SGR reports
// itself and parses them (see EscapeSequence).
static inline void shim_disable_mouse_key(void) { keyok(KEY_MOUSE, FALSE); }

// wcwidth is declared by <wchar.h> only under _XOPEN_SOURCE, which SwiftPM drops.
extern int wcwidth(wchar_t c);
static inline int shim_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// newterm on the process's own stdin and stdout, whose globals Swift 6 will not touch.
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }

// Whether the terminal can address the cursor: without it there is no full-screen UI.
static inline int shim_has_cursor_addressing(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

// Whether the terminal has an alternate screen to leave on exit (xterm does; the
// Linux console and vt100 do not, and there the last frame would stay behind).
static inline int shim_has_alternate_screen(void) {
    const char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (const char *)-1;
}

#endif
