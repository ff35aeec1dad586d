/// A logit of −∞ masks its class: the class has probability exactly 0 and
/// log-probability −∞ at every temperature, T → 0 and T → ∞ included, so every
/// quantity of the distribution equals the one for the same logits with the masked
/// classes removed. Language models mask tokens this way (a banned word, a grammar
/// that forbids it), and `exp(−∞ / T) = 0` is the limit at every finite T; only the
/// T → ∞ limit needs saying, as `−∞ / ∞` has no value of its own: a masked class
/// stays out of the uniform, which spreads over the unmasked classes.
///
/// +∞ and NaN are still refused: neither is a limit of a finite logit a class can
/// be given, and +∞ would take all the mass at every T.
extension Double {
    /// Whether this logit masks its class (it is −∞).
    @inline(__always) public var isMaskedLogit: Bool { self == -.infinity }
}

/// How many classes are not masked: the K that ln K, H / ln K and the uniform
/// limit are measured against.
public func unmaskedClassCount(_ logits: [Double]) -> Int {
    logits.lazy.filter { !$0.isMaskedLogit }.count
}

/// The one line that refuses a list of logits in which every class is masked: it
/// has no distribution at all.
public let everyClassMaskedMessage = "every class is masked (-inf); at least one logit must be finite"
