import SoftmaxCore

/// Everything that can happen to the explorer, named for what happened. Keys,
/// clicks and the animation clock are all turned into these before the reducer
/// sees them.
public enum ExplorerAction: Hashable, Sendable {
    case temperatureRaised
    case temperatureLowered
    case temperatureRaisedFar
    case temperatureLoweredFar
    /// A click on the slider's track.
    case temperatureSet(Temperature)
    /// A click on a class's row.
    case classSelected(Int)
    case greedyChosen
    case unitTemperatureChosen
    case uniformChosen
    case previousClassSelected
    case nextClassSelected
    case logitRaised
    case logitLowered
    case logitRaisedFar
    case logitLoweredFar
    /// Start typing the selected logit.
    case editStarted
    /// Start typing T.
    case temperatureEditStarted
    case editTyped(Character)
    case editErased
    case editCommitted
    case editCancelled
    case classAdded
    case classRemoved
    case presetCycled
    case drawRequested
    case manyDrawsRequested
    case drawsCleared
    case quitRequested
    /// The animation clock: how many seconds passed since the last tick.
    case animationTicked(seconds: Double)
}
