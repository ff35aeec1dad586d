// GENERATED FILE - do not edit by hand.
//
// Made by Tests/SoftmaxCoreTests/Reference/make_reference_values.py, independently
// of SoftmaxCore: softmax quantities, logSumExp and divergences with mpmath at 30
// significant digits from the exact binary values of the double inputs; chi-square
// p-values and critical values with scipy.stats.chi2 (cross-checked against mpmath
// in the script); SeededGenerator outputs and sampler picks from a from-scratch
// Python SplitMix64 + xoshiro256**. Values too small for a double are written as 0.
//
// Regenerate from the package root with
//     python3 Tests/SoftmaxCoreTests/Reference/make_reference_values.py \
//         > Tests/SoftmaxCoreTests/ReferenceValues.swift

struct SoftmaxReferenceCase: Sendable, CustomStringConvertible {
    let name: String
    let logits: [Double]
    let temperature: Double
    let probabilities: [Double]
    let logProbabilities: [Double]
    /// Shannon entropy in nats.
    let entropy: Double
    /// ln Z, Z = sum exp(z_i / T).
    let logPartition: Double
    /// <E> = -sum p_i z_i.
    let meanEnergy: Double
    /// F = -T ln Z.
    let freeEnergy: Double

    var description: String { "\(name) at T = \(temperature)" }
}

struct LogSumExpReferenceCase: Sendable {
    let input: [Double]
    let value: Double
}

struct DivergenceReferenceCase: Sendable {
    let p: [Double]
    let q: [Double]
    let kl: Double
    let crossEntropy: Double
    let totalVariation: Double
    let entropyOfP: Double
}

struct ChiSquareSurvivalReferenceCase: Sendable {
    let statistic: Double
    let degreesOfFreedom: Int
    /// scipy.stats.chi2.sf(statistic, degreesOfFreedom).
    let pValue: Double
}

struct ChiSquareCriticalReferenceCase: Sendable {
    let degreesOfFreedom: Int
    let alpha: Double
    /// scipy.stats.chi2.isf(alpha, degreesOfFreedom).
    let value: Double
}

enum ReferenceValues {
    static let softmaxCases: [SoftmaxReferenceCase] = [
        SoftmaxReferenceCase(
            name: "simple", logits: [2.0, 1.0, 0.5, 0.1], temperature: 0.1,
            probabilities: [0.9999542906545603432059244, 4.539785456141242716075647e-5, 3.058883379069874325130636e-7, 5.602540337379482290650332e-9],
            logProbabilities: [-4.571039014362233257419383e-5, -10.00004571039014306722106, -15.00004571039014278966531, -19.00004571039014251210955],
            entropy: 5.043837090927616003711819e-4, logPartition: 20.00004571039014251210955,
            meanEnergy: -1.999954132668105086070674, freeEnergy: -2.000004571039014362233511),
        SoftmaxReferenceCase(
            name: "simple", logits: [2.0, 1.0, 0.5, 0.1], temperature: 0.5,
            probabilities: [0.8281620661606977767414929, 0.1120795477896764128915600, 0.04123176140761412222187085, 0.01852662464201168814507627],
            logProbabilities: [-0.1885464116717639540602859, -2.188546411671763954060286, -3.188546411671763954060286, -3.988546411671763942958056],
            entropy: 0.6068019651136035612546214, logPartition: 4.188546411671763954060286,
            meanEnergy: -1.790872223279080196402832, freeEnergy: -2.094273205835881977030143),
        SoftmaxReferenceCase(
            name: "simple", logits: [2.0, 1.0, 0.5, 0.1], temperature: 1.0,
            probabilities: [0.5745217239868242323993903, 0.2113547307611265281477057, 0.1281931242819320900769708, 0.08593042097011714937593315],
            logProbabilities: [-0.5542173686800940948240559, -1.554217368680094094824056, -2.054217368680094094824056, -2.454217368680094089272941],
            entropy: 1.121129585707341341424481, logPartition: 2.554217368680094094824056,
            meanEnergy: -1.433087782972752753399575, freeEnergy: -2.554217368680094094824056),
        SoftmaxReferenceCase(
            name: "simple", logits: [2.0, 1.0, 0.5, 0.1], temperature: 2.0,
            probabilities: [0.4055745021457609672695079, 0.2459933703490912595249922, 0.1915798294582463804554824, 0.1568522980469013927500175],
            logProbabilities: [-0.9024506932133686783631226, -1.402450693213368678363123, -1.652450693213368678363123, -1.852450693213368675587565],
            entropy: 1.318141933626155416144395, logPartition: 1.902450693213368678363123,
            meanEnergy: -1.168617519174426524437456, freeEnergy: -3.804901386426737356726245),
        SoftmaxReferenceCase(
            name: "simple", logits: [2.0, 1.0, 0.5, 0.1], temperature: 10.0,
            probabilities: [0.2783573387572464997924810, 0.2518681356924678627506129, 0.2395843817648139502077353, 0.2301901437854716872491707],
            logProbabilities: [-1.278849599486429338322857, -1.378849599486429338322857, -1.428849599486429338322857, -1.468849599486429337767745],
            entropy: 1.383710197639637837578639, logPartition: 1.478849599486429338322857,
            meanEnergy: -0.9513940184679150074421717, freeEnergy: -14.78849599486429338322857),
        SoftmaxReferenceCase(
            name: "negatives and a tie", logits: [-1.5, 3.0, 3.0, -0.25, 0.0], temperature: 0.1,
            probabilities: [1.431259290274627934681039e-20, 0.4999999999999746856342503, 0.4999999999999746856342503, 3.840602342600859937424867e-15, 4.678811484419858211953892e-14],
            logProbabilities: [-45.69314718055999344014693, -0.6931471805599959381487315, -0.6931471805599959381487315, -33.19314718055999413403632, -30.69314718055999427281419],
            entropy: 0.6931471805615244018142587, logPartition: 30.69314718055999427281419,
            meanEnergy: -2.999999999999847153633447, freeEnergy: -3.069314718055999597662613),
        SoftmaxReferenceCase(
            name: "negatives and a tie", logits: [-1.5, 3.0, 3.0, -0.25, 0.0], temperature: 0.5,
            probabilities: [6.157849367538466362615219e-5, 0.4989757023853119038510629, 0.4989757023853119038510629, 7.501796273095906999592362e-4, 0.001236837108391216934288856],
            logProbabilities: [-9.695197877030747632754677, -0.6951978770307476327546767, -0.6951978770307476327546767, -7.195197877030747632754677, -6.695197877030747632754677],
            entropy: 0.7080492737016857358827803, logPartition: 6.695197877030747632754677,
            meanEnergy: -2.993574301664530948435948, freeEnergy: -3.347598938515373816377338),
        SoftmaxReferenceCase(
            name: "negatives and a tie", logits: [-1.5, 3.0, 3.0, -0.25, 0.0], temperature: 1.0,
            probabilities: [0.005290829080395049420965162, 0.4762652560185402459025050, 0.4762652560185402459025050, 0.01846680801989117130749384, 0.02371185086263328746653095],
            logProbabilities: [-5.241780319419562076853161, -0.7417803194195620768531607, -0.7417803194195620768531607, -3.991780319419562076853161, -3.741780319419562076853161],
            entropy: 0.8967417289338859683964517, logPartition: 3.741780319419562076853161,
            meanEnergy: -2.845038590485676108456709, freeEnergy: -3.741780319419562076853161),
        SoftmaxReferenceCase(
            name: "negatives and a tie", logits: [-1.5, 3.0, 3.0, -0.25, 0.0], temperature: 2.0,
            probabilities: [0.04173497700454477014456609, 0.3959704369556184132696900, 0.3959704369556184132696900, 0.07797120207226752964428301, 0.08835294701195087367177082],
            logProbabilities: [-3.176415724666895198227513, -0.9264157246668951982275131, -0.9264157246668951982275131, -2.551415724666895198227513, -2.426415724666895198227513],
            entropy: 1.279552046812481977232403, logPartition: 2.426415724666895198227513,
            meanEnergy: -2.293727355708826441990220, freeEnergy: -4.852831449333790396455026),
        SoftmaxReferenceCase(
            name: "negatives and a tie", logits: [-1.5, 3.0, 3.0, -0.25, 0.0], temperature: 10.0,
            probabilities: [0.1554821352762398117305786, 0.2438445273797577311271926, 0.2438445273797577311271926, 0.1761843410677981687527370, 0.1806444688964465572622992],
            logProbabilities: [-1.861224439646059099865399, -1.411224439646059099865399, -1.411224439646059099865399, -1.736224439646059099865399, -1.711224439646059099865399],
            entropy: 1.592644652036335387167489, logPartition: 1.711224439646059099865399,
            meanEnergy: -1.185797876097237126979103, freeEnergy: -17.11224439646059099865399),
        SoftmaxReferenceCase(
            name: "large spread", logits: [1000.0, 999.0, -1000.0, 0.001], temperature: 0.1,
            probabilities: [0.9999546021312975655802955, 4.539786870243441970451172e-5, 0.0, 0.0],
            logProbabilities: [-4.539889921686467197036796e-5, -10.00004539889921630956046, -20000.00004539889810664165, -9999.990045398898661753507],
            entropy: 4.993775862412088438146056e-4, logPartition: 10000.00004539889866175316,
            meanEnergy: -999.9999546021312975655803, freeEnergy: -1000.000004539889921686467),
        SoftmaxReferenceCase(
            name: "large spread", logits: [1000.0, 999.0, -1000.0, 0.001], temperature: 0.5,
            probabilities: [0.8807970779778824440597291, 0.1192029220221175559402709, 0.0, 0.0],
            logProbabilities: [-0.1269280110429724964437268, -2.126928011042972496443727, -4000.126928011042972496444, -2000.124928011042972496402],
            entropy: 0.3653338550872076083242685, logPartition: 2000.126928011042972496444,
            meanEnergy: -999.8807970779778824440597, freeEnergy: -1000.063464005521486248222),
        SoftmaxReferenceCase(
            name: "large spread", logits: [1000.0, 999.0, -1000.0, 0.001], temperature: 1.0,
            probabilities: [0.7310585786300048792511592, 0.2689414213699951207488408, 0.0, 0.0],
            logProbabilities: [-0.3132616875182228340489955, -1.313261687518222834048995, -2000.313261687518222834049, -1000.312261687518222834028],
            entropy: 0.5822031088882179547978363, logPartition: 1000.313261687518222834049,
            meanEnergy: -999.7310585786300048792512, freeEnergy: -1000.313261687518222834049),
        SoftmaxReferenceCase(
            name: "large spread", logits: [1000.0, 999.0, -1000.0, 0.001], temperature: 2.0,
            probabilities: [0.6224593312018545646389006, 0.3775406687981454353610994, 0.0, 4.436976999206596615741433e-218],
            logProbabilities: [-0.4740769841801066808729974, -0.9740769841801066808729974, -1000.474076984180106680873, -500.4735769841801066808626],
            entropy: 0.6628473185791793985535471, logPartition: 500.4740769841801066808730,
            meanEnergy: -999.6224593312018545646389, freeEnergy: -1000.948153968360213361746),
        SoftmaxReferenceCase(
            name: "large spread", logits: [1000.0, 999.0, -1000.0, 0.001], temperature: 10.0,
            probabilities: [0.5249791874789399860991932, 0.4750208125210600139008068, 7.265168741611796151503472e-88, 1.953157769262806047589982e-44],
            logProbabilities: [-0.6443966600735708948300991, -0.7443966600735708948300991, -200.6443966600735708948301, -100.6442966600735708948280],
            entropy: 0.6918987413256768962201798, logPartition: 100.6443966600735708948301,
            meanEnergy: -999.5249791874789399860992, freeEnergy: -1006.443966600735708948301),
        SoftmaxReferenceCase(
            name: "ten values", logits: [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85], temperature: 0.1,
            probabilities: [7.781132241020355908425685e-20, 2.937482111667979221709464e-30, 0.9999999999854205116725805, 8.533047625619660694417685e-17, 9.602680054368687194859734e-24, 1.388794386476156075258447e-11, 3.873997628630709435474605e-21, 1.804851387819109377720576e-35, 6.914400106839386917236142e-13, 1.903980283258693525011047e-17],
            logProbabilities: [-44.00000000001457893321601, -68.00000000001457837810450, -1.457948832752579169124412e-11, -37.00000000001457921077177, -53.00000000001457810054875, -25.00000000001457810054875, -47.00000000001457865566026, -80.00000000001457504743543, -28.00000000001458059855055, -38.50000000001457934954965],
            entropy: 3.811422991120306260770452e-10, logPartition: 47.00000000001457865566026,
            meanEnergy: -4.699999999963343896557233, freeEnergy: -4.700000000001458126468437),
        SoftmaxReferenceCase(
            name: "ten values", logits: [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85], temperature: 0.5,
            probabilities: [1.489811142751710472054529e-4, 1.226076885565804428242441e-6, 0.9883770644286545681939105, 6.041482096691563198910899e-4, 2.462641255569891113714131e-5, 0.006659632275231956415448178, 8.176256907246774111645867e-5, 1.112271856339870645842752e-7, 0.003654883684754631797586929, 4.475640017151497822114129e-4],
            logProbabilities: [-8.811691009883320429958580, -13.61169100988332058538980, -0.01169100988332005248275198, -7.411691009883320407754120, -10.61169100988332036334520, -5.011691009883320052482752, -9.411691009883320407754120, -16.01169100988332005248275, -5.611691009883320585389804, -7.711691009883320452163041],
            entropy: 0.07573255566747113432474129, logPartition: 9.411691009883320407754120,
            meanEnergy: -4.667979227107924636714689, freeEnergy: -4.705845504941660203877060),
        SoftmaxReferenceCase(
            name: "ten values", logits: [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85], temperature: 1.0,
            probabilities: [0.01009059020967483186625303, 9.153976913038844444999501e-4, 0.8218873379202379840120456, 0.02031995335470777626902025, 0.004102527828129317177051512, 0.06746462100218257897068055, 0.007475293084759671430044087, 2.757124862185228032322752e-4, 0.04997902048980333841560107, 0.01748954593298209461157165],
            logProbabilities: [-4.596151951810525299781177, -6.996151951810525377496789, -0.1961519518105251110432630, -3.896151951810525288678947, -5.496151951810525266474486, -2.696151951810525111043263, -4.896151951810525288678947, -8.196151951810525111043263, -2.996151951810525377496789, -4.046151951810525310883407],
            entropy: 0.7569796170424704606388006, logPartition: 4.896151951810525288678947,
            meanEnergy: -4.139172334768054828040146, freeEnergy: -4.896151951810525288678947),
        SoftmaxReferenceCase(
            name: "ten values", logits: [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85], temperature: 2.0,
            probabilities: [0.05118573930543444740325835, 0.01541684841124375451152104, 0.4619519882100616160373575, 0.07263602159909639560551559, 0.03263746834271811718290653, 0.1323514605412846355339066, 0.04405597409940102738026167, 0.008460945799988278093957637, 0.1139159577793899695148706, 0.06738759591138175873644444],
            logProbabilities: [-2.972294314923867577273299, -4.172294314923867616131105, -0.7722943149238674829043422, -2.622294314923867571722184, -3.422294314923867560619954, -2.022294314923867482904342, -3.122294314923867571722184, -4.772294314923867482904342, -2.172294314923867616131105, -2.697294314923867582824414],
            entropy: 1.750204268091290580655973, logPartition: 3.122294314923867571722184,
            meanEnergy: -2.744180093665153982132423, freeEnergy: -6.244588629847735143444368),
        SoftmaxReferenceCase(
            name: "ten values", logits: [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85], temperature: 10.0,
            probabilities: [0.09584789424666505687674963, 0.07539662403898734361703729, 0.1488237172759079919327018, 0.1027976507355372197813141, 0.08759837959460592858129647, 0.1159040275540745090769885, 0.09301516087170585843256021, 0.06687080671965799315606681, 0.1124785458601348271387239, 0.1012671931027232714065613],
            logProbabilities: [-2.344992778989348448991825, -2.584992778989348456763386, -1.904992778989348430118033, -2.274992778989348447881602, -2.434992778989348445661156, -2.154992778989348430118033, -2.374992778989348447881602, -2.704992778989348430118033, -2.184992778989348456763386, -2.289992778989348450102048],
            entropy: 2.279569468821015362296959, logPartition: 2.374992778989348447881602,
            meanEnergy: -0.9542331016833308558464223, freeEnergy: -23.74992778989348447881602),
        SoftmaxReferenceCase(
            name: "plus-minus 1e300", logits: [1e+300, -1e+300], temperature: 1.0,
            probabilities: [1.000000000000000000000000, 0.0],
            logProbabilities: [0.0, -2.000000000000000105009521e+300],
            entropy: 0.0, logPartition: 1.000000000000000052504760e+300,
            meanEnergy: -1.000000000000000052504760e+300, freeEnergy: -1.000000000000000052504760e+300),
        SoftmaxReferenceCase(
            name: "plus-minus 1e300", logits: [1e+300, -1e+300], temperature: 1e+300,
            probabilities: [0.8807970779778824440597291, 0.1192029220221175559402709],
            logProbabilities: [-0.1269280110429724964437268, -2.126928011042972496443727],
            entropy: 0.3653338550872076083242685, logPartition: 1.126928011042972496443727,
            meanEnergy: -7.615941559557649281067769e+299, freeEnergy: -1.126928011042972555612812e+300),
    ]

    static let logSumExpCases: [LogSumExpReferenceCase] = [
        LogSumExpReferenceCase(input: [0.0, 0.0, 0.0], value: 1.098612288668109691395245),
        LogSumExpReferenceCase(input: [1000.0, 999.0, -1000.0, 0.001], value: 1000.313261687518222834049),
        LogSumExpReferenceCase(input: [710.0, 710.0], value: 710.6931471805599453094172),
        LogSumExpReferenceCase(input: [-1000.0, -1000.0], value: -999.3068528194400546905828),
        LogSumExpReferenceCase(input: [1e-20, -1e-20], value: 0.6931471805599453094172321),
        LogSumExpReferenceCase(input: [-745.0, -746.0, -750.0], value: -744.6818245707525459174514),
        LogSumExpReferenceCase(input: [1e+300, -1e+300], value: 1.000000000000000052504760e+300),
        LogSumExpReferenceCase(input: [2.0, 1.0, 0.5, 0.1], value: 2.554217368680094094824056),
    ]

    static let divergenceCases: [DivergenceReferenceCase] = [
        DivergenceReferenceCase(p: [0.5, 0.25, 0.25], q: [0.25, 0.25, 0.5],
            kl: 0.1732867951399863273543080, crossEntropy: 1.213007565979904291480156, totalVariation: 0.2500000000000000000000000, entropyOfP: 1.039720770839917964125848),
        DivergenceReferenceCase(p: [0.1, 0.2, 0.3, 0.4], q: [0.4, 0.3, 0.2, 0.1],
            kl: 0.4564348191467836286795869, crossEntropy: 1.736289044980451105735420, totalVariation: 0.3999999999999999944488849, entropyOfP: 1.279854225833667477055833),
        DivergenceReferenceCase(p: [0.7, 0.0, 0.3], q: [0.2, 0.5, 0.3],
            kl: 0.8769340779467574580811059, crossEntropy: 1.487798380001650947411595, totalVariation: 0.4999999999999999722444244, entropyOfP: 0.6108643020548934893304895),
        DivergenceReferenceCase(p: [0.999, 0.001], q: [0.001, 0.999],
            kl: 6.892941269091256383576180, crossEntropy: 6.900848524203488471605146, totalVariation: 0.9979999999999999990910049, entropyOfP: 0.007907255112232088028966472),
    ]

    static let chiSquareSurvivalCases: [ChiSquareSurvivalReferenceCase] = [
        ChiSquareSurvivalReferenceCase(statistic: 0.5, degreesOfFreedom: 1, pValue: 0.47950012218695337),
        ChiSquareSurvivalReferenceCase(statistic: 3.841458820694124, degreesOfFreedom: 1, pValue: 0.04999999999999989),
        ChiSquareSurvivalReferenceCase(statistic: 0.6, degreesOfFreedom: 3, pValue: 0.8964323733419115),
        ChiSquareSurvivalReferenceCase(statistic: 16.0, degreesOfFreedom: 3, pValue: 0.0011339842897853216),
        ChiSquareSurvivalReferenceCase(statistic: 10.827566170662733, degreesOfFreedom: 1, pValue: 0.0010000000000000007),
        ChiSquareSurvivalReferenceCase(statistic: 25.0, degreesOfFreedom: 1, pValue: 5.733031437583875e-07),
        ChiSquareSurvivalReferenceCase(statistic: 0.001, degreesOfFreedom: 1, pValue: 0.9747728793699604),
        ChiSquareSurvivalReferenceCase(statistic: 1.0, degreesOfFreedom: 4, pValue: 0.9097959895689501),
        ChiSquareSurvivalReferenceCase(statistic: 4.0, degreesOfFreedom: 4, pValue: 0.40600584970983794),
        ChiSquareSurvivalReferenceCase(statistic: 9.487729036781154, degreesOfFreedom: 4, pValue: 0.05000000000000006),
        ChiSquareSurvivalReferenceCase(statistic: 18.46682695290317, degreesOfFreedom: 4, pValue: 0.001000000000000001),
        ChiSquareSurvivalReferenceCase(statistic: 60.0, degreesOfFreedom: 4, pValue: 2.9008631203404573e-12),
        ChiSquareSurvivalReferenceCase(statistic: 3.0, degreesOfFreedom: 9, pValue: 0.9642949726850891),
        ChiSquareSurvivalReferenceCase(statistic: 16.0, degreesOfFreedom: 9, pValue: 0.06688158777412662),
        ChiSquareSurvivalReferenceCase(statistic: 27.877164871256568, degreesOfFreedom: 9, pValue: 0.0010000000000000024),
        ChiSquareSurvivalReferenceCase(statistic: 30.0, degreesOfFreedom: 30, pValue: 0.4656537089440098),
        ChiSquareSurvivalReferenceCase(statistic: 45.0, degreesOfFreedom: 30, pValue: 0.03860175826631727),
        ChiSquareSurvivalReferenceCase(statistic: 49000.0, degreesOfFreedom: 49999, pValue: 0.9992593550738865),
        ChiSquareSurvivalReferenceCase(statistic: 49999.0, degreesOfFreedom: 49999, pValue: 0.49915894722853776),
        ChiSquareSurvivalReferenceCase(statistic: 50000.0, degreesOfFreedom: 49999, pValue: 0.49789738727545746),
        ChiSquareSurvivalReferenceCase(statistic: 50500.0, degreesOfFreedom: 49999, pValue: 0.056920455410846796),
        ChiSquareSurvivalReferenceCase(statistic: 50977.0, degreesOfFreedom: 49999, pValue: 0.001052847298590499),
        ChiSquareSurvivalReferenceCase(statistic: 52000.0, degreesOfFreedom: 49999, pValue: 2.0869024837449045e-10),
    ]
    static let chiSquareCriticalCases: [ChiSquareCriticalReferenceCase] = [
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 1, alpha: 0.001, value: 10.827566170662733),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 1, alpha: 0.05, value: 3.8414588206941285),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 3, alpha: 0.001, value: 16.26623619623813),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 4, alpha: 0.001, value: 18.466826952903173),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 4, alpha: 0.01, value: 13.276704135987625),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 4, alpha: 0.05, value: 9.487729036781158),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 6, alpha: 0.001, value: 22.457744484825323),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 9, alpha: 0.001, value: 27.877164871256575),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 30, alpha: 0.05, value: 43.77297182574217),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 49999, alpha: 0.001, value: 50981.9099132783),
        ChiSquareCriticalReferenceCase(degreesOfFreedom: 49999, alpha: 0.05, value: 50520.27773090838),
    ]

    /// The first outputs of SeededGenerator(seed: 7).next(), from the Python reference generator.
    static let seed7Raw: [UInt64] = [0xB358FAF74EF9765A, 0x475C3D964F482CD2, 0xD6F1D349952C7996, 0xFB2938731E807240, 0xFDA904EC7E540318, 0xDF6E1CE3B6218C49, 0x0F8D72C295EC5854, 0x1ABC4DCB546F61DC]
    /// (raw >> 11) * 2^-53 of the same outputs: what nextUniform() must return.
    static let seed7Uniforms: [Double] = [0.7005764821796896, 0.2787512294737843, 0.8396274618764198, 0.9810977250149351, 0.9908602788330683, 0.872773938745132, 0.060752079492816136, 0.1044357892428116]
    static let seed0Raw: [UInt64] = [0x99EC5F36CB75F2B4, 0xBF6E1F784956452A, 0x1A5F849D4933E6E0]
    static let seedMaxRaw: [UInt64] = [0x8F5520D52A7EAD08, 0xC476A018CAA1802D, 0x81DE31C0D260469E]
    static let inverseCDFProbabilities: [Double] = [0.1, 0.2, 0.3, 0.4]
    /// InverseCDFSampler(probabilities: inverseCDFProbabilities).draw with SeededGenerator(seed: 7).
    static let inverseCDFSeed7Picks: [Int] = [3, 1, 3, 3, 3, 3, 0, 1, 2, 1, 2, 3]
    /// AliasTable(probabilities: [0.25, 0.25, 0.25, 0.25]).draw with SeededGenerator(seed: 7).
    static let aliasUniform4Seed7Picks: [Int] = [2, 1, 3, 3, 3, 3, 0, 0, 1, 0, 2, 2, 3, 3, 1, 2]
    /// AliasTable(probabilities: [0.75, 0.25]).draw with SeededGenerator(seed: 7).
    static let aliasThreeToOneSeed7Picks: [Int] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1]
}
