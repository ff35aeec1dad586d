/// How many times as likely class i is as class j under softmax(z / T), from their
/// logit gap alone: `p_i / p_j = exp((z_i - z_j) / T)`, whatever the other logits are.
/// Infinite where it overflows a double; at T = 0 it is the limit (infinite for a
/// positive gap, 0 for a negative one, 1 for none), at T = infinity it is 1.
public func probabilityRatio(logitGap gap: Double, temperature: Temperature = .one) -> Double {
    scaledLogit(gap, temperature: temperature).exp
}
