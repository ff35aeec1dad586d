/// Other knobs that are the temperature under another name: a scale on the logits,
/// the spread of Gaussian classes, a guidance scale, and the factor distillation
/// multiplies its soft-target loss by.

/// `alpha * z` for every logit; a masked class (z = -infinity) stays masked, where
/// `0 * -inf` would be NaN and a negative alpha would turn it into +infinity.
public func scaledLogits(_ logits: [Double], by alpha: Double) -> [Double] {
    logits.map { $0.isMaskedLogit ? $0 : alpha * $0 }
}

/// The temperature at which the plain logits give the same softmax as `alpha * z`
/// at `temperature`: `softmax(alpha z / T) = softmax(z / (T / alpha))`, so only
/// alpha / T matters. A scale of 0 (or below) wipes the logits out: uniform.
public func effectiveTemperature(logitScale alpha: Double, temperature: Temperature) -> Temperature {
    guard alpha > 0, alpha.isFinite else { return .uniform }
    if temperature.isGreedy || temperature.isUniform { return temperature }
    let t = temperature.value / alpha
    guard t.isFinite else { return .uniform }
    return (try? Temperature(t)) ?? .uniform
}

/// `alpha / T`, the one number a scaled softmax depends on: infinite at T = 0,
/// zero at T = infinity.
public func logitScaleOverTemperature(logitScale alpha: Double, temperature: Temperature) -> Double {
    if temperature.isUniform { return 0 }
    if temperature.isGreedy { return alpha > 0 ? .infinity : 0 }
    return alpha / temperature.value
}

/// The temperature of the Bayes-optimal classifier for classes that are Gaussian
/// clusters with a shared isotropic variance sigma^2 and equal priors, written as a
/// softmax over negative squared distances.
///
/// `ln p(x | k) = -|x - mu_k|^2 / (2 sigma^2) + c`, with c the same for every class,
/// so by Bayes with equal priors `p(k | x) = softmax_k(-|x - mu_k|^2 / (2 sigma^2))`:
/// a softmax of the scores `-|x - mu_k|^2` at `T = 2 sigma^2`.
public func gaussianClassTemperature(standardDeviation sigma: Double) -> Double {
    2 * sigma * sigma
}

/// `-|x - mu_k|^2` in one dimension, `-(x - mu_k)^2`: the scores whose softmax at
/// `gaussianClassTemperature` is the posterior of Gaussian classes.
public func gaussianClassScores(point x: Double, means: [Double]) -> [Double] {
    // 0 − d², not −d², so that the class at x scores 0 rather than −0.
    means.map { 0 - (x - $0) * (x - $0) }
}

/// Classifier-free guidance on categorical log-probabilities,
/// `ln p_u + w (ln p_c - ln p_u)`, against a flat unconditional model (`ln p_u`
/// the same for every class) is `w ln p_c + c`: the conditional softmax at T = 1 / w.
public func guidanceEquivalentTemperature(scale w: Double) -> Temperature {
    guard w > 0 else { return .uniform }
    guard w.isFinite else { return .greedy }
    return (try? Temperature(1 / w)) ?? .uniform
}

/// Distillation's soft-target gradients scale as 1 / T^2 (Hinton et al. 2015), so the
/// soft-target loss is multiplied by T^2 to keep its weight as T changes.
public func distillationLossFactor(temperature: Temperature) -> Double {
    temperature.value * temperature.value
}
