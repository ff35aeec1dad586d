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

    /// What a click does where it lands: the explorer's action, or a chapter's own choice.
    static func apply(_ event: MouseEvent, to state: inout LabState, options: ScreenOptions) {
        guard event.kind == .press else { return }
        let grid = LabScreen.render(state, width: event.screenWidth, height: event.screenHeight, options: options)
        guard let target = grid.target(atX: event.x, y: event.y) else { return }
        switch target.kind {
        case .temperatureTrack where target.area.width > 1:
            let position = Double(event.x - target.area.x) / Double(target.area.width - 1)
            state.explorer.apply(.temperatureSet(TemperatureDial.temperature(at: position)))
        case .classRow(let i):
            state.explorer.apply(.classSelected(i))
        case .regularizationRung(let i):
            state.lesson.calibration.chooseRung(i)
        case .recordedPosition(let i):
            state.recording?.go(to: i)
        case .temperatureTrack, .input:
            break
        }
    }
}
