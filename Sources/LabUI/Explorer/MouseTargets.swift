/// What a click or the wheel means, found with the same layout that drew the screen.
enum MouseTargets {
    static func action(for event: MouseEvent, state: LabState, options: ScreenOptions) -> ExplorerAction? {
        switch event.kind {
        case .wheelUp: return .temperatureRaised
        case .wheelDown: return .temperatureLowered
        case .press: break
        }
        guard state.mode == .explorer else { return nil }
        let explorer = state.explorer
        let labelWidth = explorer.labels.map { TextWidth.of($0) }.max() ?? 1
        guard let layout = ExplorerLayout(width: event.screenWidth, height: event.screenHeight, classCount: explorer.classCount,
                                          labelWidth: labelWidth, big: options.big)
        else { return nil }
        let track = TemperatureSlider.track(in: layout.slider, glyphs: options.glyphs)
        if event.y == track.y && event.x >= track.x && event.x < track.maxX && track.width > 1 {
            return .temperatureSet(TemperatureDial.temperature(at: Double(event.x - track.x) / Double(track.width - 1)))
        }
        if let row = layout.classRows.firstIndex(where: { event.y >= $0.y && event.y < $0.maxY }) {
            return .classSelected(row)
        }
        return nil
    }
}
