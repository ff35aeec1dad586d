/// One row of a key table: the keys, what they do, and the words the help and the
/// key lines show. Input handling and the help read the same rows, so the help can
/// never disagree with what a key does.
public struct KeyBinding: Sendable {
    /// A stable name, for a context that features another context's binding in its key line.
    public let id: String
    public let keys: [Key]
    public let summary: String
    /// The few words a key line shows ("←→ T"), or nil to leave the binding to the help.
    public let hint: String?
    /// A hint a full key line keeps when it must drop others (help and quit).
    public let isEssential: Bool
    let perform: @Sendable (inout LabState) -> Void

    public init(_ id: String, _ keys: [Key], _ summary: String, hint: String? = nil, isEssential: Bool = false,
                perform: @escaping @Sendable (inout LabState) -> Void) {
        self.id = id
        self.keys = keys
        self.summary = summary
        self.hint = hint
        self.isEssential = isEssential
        self.perform = perform
    }

    /// How the help names the keys ("→ l").
    public var keyNames: String { keys.map(\.name).joined(separator: " ") }
}

/// The bindings one part of the screen adds: a chapter, the lesson frame, the
/// explorer, an editor or an overlay. Keys are looked up through the live contexts,
/// innermost first.
public struct KeyContext: Sendable {
    /// The heading the help gives these keys.
    public let title: String
    public let bindings: [KeyBinding]
    /// Other contexts' bindings (by id) whose hints this context's key line shows.
    public let featured: [String]
    /// What a key bound nowhere in this context does, when the context takes every
    /// key (an editor types characters; the help closes). Returns true if it took the key.
    let unbound: (@Sendable (inout LabState, Key) -> Bool)?

    public init(title: String, bindings: [KeyBinding], featured: [String] = [],
                unbound: (@Sendable (inout LabState, Key) -> Bool)? = nil) {
        self.title = title
        self.bindings = bindings
        self.featured = featured
        self.unbound = unbound
    }

    public func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }

    /// A context that swallows every key it does not bind, for modes such as the editor.
    var takesEveryKey: Bool { unbound != nil }
}

/// The live contexts of a state, innermost first, and what they make of a key.
public struct KeyStack: Sendable {
    public let contexts: [KeyContext]

    public init(_ contexts: [KeyContext]) {
        self.contexts = contexts
    }

    /// The binding a key reaches, or nil if it reaches none (an inner context that
    /// takes every key stops the search).
    public func binding(for key: Key) -> KeyBinding? {
        for context in contexts {
            if let binding = context.binding(for: key) { return binding }
            if context.takesEveryKey { return nil }
        }
        return nil
    }

    /// Applies a key: the first binding that has it, or the innermost context that takes every key.
    func handle(_ key: Key, in state: inout LabState) {
        for context in contexts {
            if let binding = context.binding(for: key) { return binding.perform(&state) }
            if let unbound = context.unbound, unbound(&state, key) { return }
            if context.takesEveryKey { return }
        }
    }

    /// The contexts that keys can reach: those inside and including the first that takes every key.
    public var reachable: [KeyContext] {
        var out: [KeyContext] = []
        for context in contexts {
            out.append(context)
            if context.takesEveryKey { break }
        }
        return out
    }

    /// Each reachable binding with only the keys that reach it: a key an inner
    /// context also binds is dropped from the outer binding, so the help never names
    /// a key for something it does not do. Bindings left with no key are dropped.
    public var liveBindings: [(context: KeyContext, bindings: [KeyBinding])] {
        var taken = Set<Key>()
        var out: [(KeyContext, [KeyBinding])] = []
        for context in reachable {
            var live: [KeyBinding] = []
            for binding in context.bindings {
                let keys = binding.keys.filter { !taken.contains($0) }
                if !keys.isEmpty {
                    live.append(KeyBinding(binding.id, keys, binding.summary, hint: binding.hint,
                                           isEssential: binding.isEssential, perform: binding.perform))
                }
            }
            for binding in context.bindings { taken.formUnion(binding.keys) }
            if !live.isEmpty { out.append((context, live)) }
        }
        return out
    }

    /// The hints of one context's key line: its own bindings' and those it features,
    /// each shown only while the key it names first still reaches it.
    public func hints(of context: KeyContext) -> [KeyHint] {
        var out: [KeyHint] = []
        for binding in context.bindings {
            if let hint = binding.hint, isLive(binding) { out.append(KeyHint(text: hint, isEssential: binding.isEssential)) }
        }
        for id in context.featured {
            guard let binding = contexts.lazy.flatMap(\.bindings).first(where: { $0.id == id }),
                  let hint = binding.hint, isLive(binding) else { continue }
            out.append(KeyHint(text: hint, isEssential: binding.isEssential))
        }
        return out
    }

    /// Whether the binding's first key, the one its hint names, reaches it.
    public func isLive(_ binding: KeyBinding) -> Bool {
        guard let first = binding.keys.first else { return false }
        return self.binding(for: first)?.id == binding.id
    }
}

/// A hint as a key line shows it.
public struct KeyHint: Hashable, Sendable {
    public let text: String
    public let isEssential: Bool
}
