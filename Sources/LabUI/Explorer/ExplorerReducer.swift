import SoftmaxCore

extension ExplorerState {
    /// Applies one action: the only way the explorer's state changes.
    public mutating func apply(_ action: ExplorerAction) {
        if case .animationTicked(let seconds) = action {
            advanceAnimations(by: seconds)
            return
        }
        notice = nil
        if editor != nil, applyToEditor(action) { return }
        switch action {
        case .temperatureRaised: setTemperature(TemperatureDial.moved(temperature, by: 1))
        case .temperatureLowered: setTemperature(TemperatureDial.moved(temperature, by: -1))
        case .temperatureRaisedFar: setTemperature(TemperatureDial.moved(temperature, by: TemperatureDial.farStep))
        case .temperatureLoweredFar: setTemperature(TemperatureDial.moved(temperature, by: -TemperatureDial.farStep))
        case .temperatureSet(let t): setTemperature(t)
        case .classSelected(let i): if logits.indices.contains(i) { selected = i }
        case .greedyChosen: setTemperature(.greedy)
        case .unitTemperatureChosen: setTemperature(.one)
        case .uniformChosen: setTemperature(.uniform)
        case .previousClassSelected: selected = (selected + classCount - 1) % classCount
        case .nextClassSelected: selected = (selected + 1) % classCount
        case .logitRaised: nudgeSelectedLogit(by: Self.logitStep)
        case .logitLowered: nudgeSelectedLogit(by: -Self.logitStep)
        case .logitRaisedFar: nudgeSelectedLogit(by: Self.farLogitStep)
        case .logitLoweredFar: nudgeSelectedLogit(by: -Self.farLogitStep)
        case .editStarted: editor = ValueEditor(.logit)
        case .temperatureEditStarted: editor = ValueEditor(.temperature)
        case .classAdded: addClass()
        case .classRemoved: removeSelectedClass()
        case .presetCycled: loadNextPreset()
        case .drawRequested: drawOne()
        case .manyDrawsRequested: startBatch()
        case .drawsCleared: clearDraws()
        case .quitRequested: quitRequested = true
        case .editTyped, .editErased, .editCommitted, .editCancelled, .animationTicked: break
        }
    }

    // MARK: - Temperature and logits

    private mutating func setTemperature(_ t: Temperature) {
        guard t != temperature else { return }
        temperature = t
        clearDraws()
    }

    private mutating func nudgeSelectedLogit(by step: Double) {
        // Land on the tenths when already near them, so ten steps of 0.1 from 2 give
        // exactly 3 rather than 2.9999999999999996.
        let raw = logits[selected] + step
        let tenths = raw * 10
        let onGrid = abs(tenths - tenths.rounded()) < 1e-6 && abs(tenths) < 1e15
        setSelectedLogit(onGrid ? tenths.rounded() / 10 : raw)
    }

    mutating func setSelectedLogit(_ value: Double) {
        if let refusal = refusalToSetSelectedLogit(value) {
            notice = .refusal(refusal)
            return
        }
        guard value != logits[selected] else { return }
        logits[selected] = value
        clearDraws()
    }

    /// Why the selected class cannot take this logit, in one line, or nil when it can:
    /// a finite logit, or -inf to mask the class unless every other class is masked too.
    func refusalToSetSelectedLogit(_ value: Double, typed: String? = nil) -> String? {
        let stays = "\(labels[selected]) stays \(LogitText.short(logits[selected]))"
        if value.isMaskedLogit {
            let othersUnmasked = logits.indices.contains { $0 != selected && !logits[$0].isMaskedLogit }
            return othersUnmasked ? nil : "-inf would mask every class; \(stays)"
        }
        guard value.isFinite else {
            return typed.map { "'\($0)' is not finite; \(stays)" }
                ?? "\(labels[selected]) would leave the finite numbers; it stays \(LogitText.short(logits[selected]))"
        }
        return nil
    }

    private mutating func addClass() {
        guard classCount < Self.maximumClassCount else {
            notice = .refusal("at most \(Self.maximumClassCount) classes")
            return
        }
        var index = classCount
        while labels.contains(Self.defaultLabel(index)) { index += 1 }
        logits.append(0)
        labels.append(Self.defaultLabel(index))
        selected = classCount - 1
        histogram = Histogram(classCount: classCount)
        clearDraws()
    }

    private mutating func removeSelectedClass() {
        guard classCount > Self.minimumClassCount else {
            notice = .refusal("at least \(Self.minimumClassCount) classes are needed")
            return
        }
        logits.remove(at: selected)
        labels.remove(at: selected)
        selected = min(selected, classCount - 1)
        histogram = Histogram(classCount: classCount)
        clearDraws()
    }

    private mutating func loadNextPreset() {
        let next = presetIndex.map { ($0 + 1) % Preset.all.count } ?? 0
        let preset = Preset.all[next]
        presetIndex = next
        logits = preset.logits
        labels = Self.cleanLabels(preset.labels, count: preset.logits.count)
        selected = 0
        histogram = Histogram(classCount: classCount)
        clearDraws()
        notice = .info("preset \(next + 1) of \(Preset.all.count): \(preset.name)")
    }

    // MARK: - Typing a logit

    /// Returns true when the editor took the action.
    private mutating func applyToEditor(_ action: ExplorerAction) -> Bool {
        guard var field = editor else { return false }
        field.refusal = nil
        switch action {
        case .editTyped(let c):
            if field.text.utf8.count >= NumberParsing.maximumLength {
                field.refusal = "that is already \(NumberParsing.maximumLength) characters"
            } else {
                field.text.append(c)
            }
            editor = field
        case .editErased:
            if !field.text.isEmpty { field.text.removeLast() }
            editor = field
        case .editCommitted:
            commit(field)
        case .editCancelled:
            editor = nil
        case .quitRequested:
            editor = nil
            quitRequested = true
        default:
            // Other keys are ignored while typing, so a stray arrow cannot lose the text.
            editor = field
        }
        return true
    }

    private mutating func commit(_ field: ValueEditor) {
        if field.target == .temperature { return commitTemperature(field) }
        let shown = TextWidth.truncate(field.text, to: 16)
        guard let value = NumberParsing.parseDouble(field.text) else {
            var refused = field
            refused.refusal = field.text.isEmpty
                ? "type a number first; \(labels[selected]) stays \(LogitText.short(logits[selected]))"
                : "'\(shown)' is not a number; \(labels[selected]) stays \(LogitText.short(logits[selected]))"
            editor = refused
            return
        }
        if let refusal = refusalToSetSelectedLogit(value, typed: shown) {
            var refused = field
            refused.refusal = refusal
            editor = refused
            return
        }
        editor = nil
        setSelectedLogit(value)
    }

    /// T as typed: 0 for greedy, a positive number, or inf for uniform, exactly; a
    /// refusal keeps the old T and says why.
    private mutating func commitTemperature(_ field: ValueEditor) {
        let shown = TextWidth.truncate(field.text, to: 16)
        let kept = "\(TemperatureText.equation(temperature)) is kept"
        guard let value = NumberParsing.parseDouble(field.text) else {
            var refused = field
            refused.refusal = field.text.isEmpty ? "type a number first; \(kept)" : "'\(shown)' is not a number; \(kept)"
            editor = refused
            return
        }
        guard let t = try? Temperature(value) else {
            var refused = field
            refused.refusal = "'\(shown)' is \(value.isNaN ? "not a number" : "negative"); \(kept)"
            editor = refused
            return
        }
        editor = nil
        setTemperature(t)
    }

    // MARK: - Drawing

    private mutating func drawOne() {
        let sampler = InverseCDFSampler(probabilities: readout.probabilities)
        let draw = sampler.draw(using: &generator)
        lastDraw = draw
        // A single draw counts in the histogram like any other, so draws add up.
        histogram.record(draw.index)
        drop = animates ? DropAnimation() : nil
    }

    private mutating func startBatch() {
        let start = histogram.total
        let end = (batch?.endTotal ?? start) + Self.batchSize
        batch = BatchAnimation(startTotal: start, endTotal: end)
        if !animates { advanceAnimations(by: BatchAnimation.duration) }
    }

    private mutating func clearDraws() {
        histogram.clear()
        batch = nil
        lastDraw = nil
        drop = nil
    }

    private mutating func advanceAnimations(by seconds: Double) {
        // A long pause (a suspended process) should not skip the animation at once.
        let dt = min(max(0, seconds), 0.1)
        if var d = drop {
            d.elapsed += dt
            drop = d.hasLanded ? nil : d
        }
        if var b = batch {
            b.elapsed += animates ? dt : BatchAnimation.duration
            let sampler = InverseCDFSampler(probabilities: readout.probabilities)
            let due = b.elapsed >= BatchAnimation.duration ? b.endTotal : b.totalDue
            while histogram.total < due {
                histogram.record(sampler.draw(using: &generator).index)
            }
            batch = histogram.total >= b.endTotal ? nil : b
        }
    }
}

/// Logits as the explorer shows them: two decimals, or three significant digits
/// in scientific notation when they are too large or too small for that.
enum LogitText {
    static func short(_ z: Double) -> String {
        if z == 0 || (abs(z) >= 0.01 && abs(z) < 100_000) { return NumberFormat.fixed(z, decimals: 2) }
        return NumberFormat.significant(z, digits: 3)
    }

    /// A column of logits with enough digits that different logits never read the
    /// same (1 and 1.0000001 must not both show "1.00").
    static func column(_ logits: [Double]) -> [String] {
        let distinct = Set(logits).count
        for decimals in 2...6 {
            let texts = logits.map { text($0, decimals: decimals) }
            if Set(texts).count == distinct { return texts }
        }
        let precise = logits.map { NumberFormat.significant($0, digits: 17) }
        return Set(precise).count == distinct ? precise : logits.map(formatShortest)
    }

    private static func text(_ z: Double, decimals: Int) -> String {
        if z == 0 || (abs(z) >= 0.01 && abs(z) < 100_000) { return NumberFormat.fixed(z, decimals: decimals) }
        return NumberFormat.significant(z, digits: decimals + 1)
    }
}
