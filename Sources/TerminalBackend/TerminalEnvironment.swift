#if canImport(Glibc)
import Glibc
#endif

/// What the environment says about how to draw, read before the screen starts.
public enum TerminalEnvironment {
    /// Adopts the user's locale (ncurses needs it before start-up to write UTF-8)
    /// and reports whether it is a UTF-8 one; if not, the explorer draws in ASCII.
    public static func adoptLocaleIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        return localeIsUTF8
    }

    /// Whether the locale in force encodes characters in UTF-8.
    static var localeIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// NO_COLOR (https://no-color.org): present and not empty means no colour.
    public static var noColorRequested: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }
}
