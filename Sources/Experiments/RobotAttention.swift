import SoftmaxCore

/// A robot's sensors and tasks as attention: each sensor offers a key (what kind of
/// information it carries) and a value (what it reports right now), and each task asks
/// with a query. Hand-made, illustrative vectors, not learned ones: small whole numbers
/// a reader can check, chosen so each task has a clear best sensor and a runner-up.
///
/// Keys and queries have four features (d = 4, so √d = 2): range, vision, sound and
/// motion. Values have three: how strongly the sensor now reports an obstacle, a known
/// person and a spoken command, each from 0 to 1.
public struct RobotAttention: Sendable, Equatable {
    public struct Sensor: Sendable, Equatable {
        public let name: String
        public let key: [Double]
        public let value: [Double]
    }

    public struct Task: Sendable, Equatable {
        public let name: String
        public let query: [Double]
    }

    public let keyFeatures: [String]
    public let valueFeatures: [String]
    public let sensors: [Sensor]
    public let tasks: [Task]

    public var keys: [[Double]] { sensors.map(\.key) }
    public var values: [[Double]] { sensors.map(\.value) }
    /// d, the length of a key and a query.
    public var keyLength: Int { keyFeatures.count }

    /// The attention of task `task` over the sensors at τ.
    public func attention(task: Int, temperature: Temperature) -> Attention {
        Attention(query: tasks[task].query, keys: keys, values: values, temperature: temperature)
    }

    /// The robot of the lesson: seven sensors and three tasks.
    public static let example = RobotAttention(
        keyFeatures: ["range", "vision", "sound", "motion"],
        valueFeatures: ["obstacle", "person", "command"],
        sensors: [
            // A camera sees faces and shapes, and something of range and motion.
            Sensor(name: "camera", key: [1, 3, 0, 1], value: [0.5, 0.9, 0.0]),
            // Lidar measures range precisely, shapes coarsely.
            Sensor(name: "lidar", key: [3, 1, 0, 1], value: [0.9, 0.2, 0.0]),
            // Radar measures range and closing speed.
            Sensor(name: "radar", key: [2, 0, 0, 2], value: [0.8, 0.1, 0.0]),
            // The microphone hears speech, and a voice it may know.
            Sensor(name: "microphone", key: [0, 0, 3, 0], value: [0.1, 0.3, 0.9]),
            // A thermal camera sees warm bodies.
            Sensor(name: "thermal", key: [1, 2, 0, 0], value: [0.3, 0.8, 0.0]),
            // The bumper only knows about contact, and reports none yet.
            Sensor(name: "bumper", key: [1, 0, 0, 0], value: [0.0, 0.0, 0.0]),
            // The inertial unit knows the robot's own motion.
            Sensor(name: "IMU", key: [0, 0, 0, 2], value: [0.2, 0.0, 0.0]),
        ],
        tasks: [
            Task(name: "avoid a collision", query: [2, 0, 0, 1]),
            Task(name: "identify a person", query: [0, 2, 1, 0]),
            Task(name: "respond to a command", query: [0, 0.5, 2, 0]),
        ])
}
