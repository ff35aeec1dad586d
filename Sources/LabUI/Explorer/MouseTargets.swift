/// What a click or the wheel means, found on the screen as the frame drew it: the
/// widgets register where they are, so a slider or a bar answers a click in every
/// chapter as it does in the explorer.
enum MouseTargets {
    /// The key the wheel stands for, looked up through the live keys like a press,
    /// so it turns T only where → and ← do.
    static func key(for event: MouseEvent) -> Key? {
        switch event.kind {
        case .wheelUp: .right
        case .wheelDown: .left
        case .press: nil
        }
    }

    static func action(for event: MouseEvent, state: LabState, options: ScreenOptions) -> ExplorerAction? {
        guard event.kind == .press else { return nil }
        let grid = LabScreen.render(state, width: event.screenWidth, height: event.screenHeight, options: options)
        guard let target = grid.target(atX: event.x, y: event.y) else { return nil }
        switch target.kind {
        case .temperatureTrack where target.area.width > 1:
            let position = Double(event.x - target.area.x) / Double(target.area.width - 1)
            return .temperatureSet(TemperatureDial.temperature(at: position))
        case .classRow(let i):
            return .classSelected(i)
        case .temperatureTrack, .input:
            return nil
        }
    }
}
